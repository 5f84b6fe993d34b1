package nhooyr

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"

	"nhooyr.io/websocket"
	"nhooyr.io/websocket/wsjson"
)

func handle(msg []byte) {}

// --- positives ---

func continueOnError(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx) // want `conn.Read failed and the loop continues`
		if err != nil {
			log.Println("read:", err)
			continue
		}
		handle(msg)
	}
}

func readerContinues(ctx context.Context, conn *websocket.Conn) error {
	for {
		_, r, err := conn.Reader(ctx) // want `conn.Reader failed and the loop continues`
		if err != nil {
			continue
		}
		msg, _ := io.ReadAll(r)
		handle(msg)
	}
}

func ignoredResult(ctx context.Context, conn *websocket.Conn) {
	var v map[string]any
	for {
		wsjson.Read(ctx, conn, &v) // want `the error from wsjson.Read is discarded`
		fmt.Println(v)
	}
}

func blankError(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, _ := conn.Read(ctx) // want `the error from conn.Read is discarded`
		handle(msg)
	}
}

func onlySuccessTested(ctx context.Context, conn *websocket.Conn) {
	for {
		var v map[string]any
		err := wsjson.Read(ctx, conn, &v) // want `a failed wsjson.Read is read again`
		if err == nil {
			fmt.Println(v)
		}
	}
}

func onlyNormalClosure(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx) // want `only some errors from conn.Read end the loop`
		if websocket.CloseStatus(err) == websocket.StatusNormalClosure {
			return
		}
		handle(msg)
	}
}

func onlyCloseErrorAs(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx) // want `only some errors from conn.Read end the loop`
		var ce websocket.CloseError
		if errors.As(err, &ce) {
			log.Printf("closed: %d %s", ce.Code, ce.Reason)
			return
		}
		handle(msg)
	}
}

func fallsThrough(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx) // want `the error branch of conn.Read falls through`
		if err != nil {
			log.Println("read:", err)
		}
		handle(msg)
	}
}

// --- negatives: these must stay silent ---

func breakOnError(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			break
		}
		handle(msg)
	}
}

func echo(ctx context.Context, conn *websocket.Conn) {
	for {
		typ, msg, err := conn.Read(ctx)
		if websocket.CloseStatus(err) == websocket.StatusNormalClosure {
			return
		}
		if err != nil {
			log.Println("read:", err)
			return
		}
		if err := conn.Write(ctx, typ, msg); err != nil {
			return
		}
	}
}

func closeCodeLogged(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			var ce websocket.CloseError
			if errors.As(err, &ce) {
				log.Printf("closed: %d %s", ce.Code, ce.Reason)
			}
			break
		}
		handle(msg)
	}
}

func returnsError(ctx context.Context, conn *websocket.Conn) error {
	for {
		var v map[string]any
		if err := wsjson.Read(ctx, conn, &v); err != nil {
			return fmt.Errorf("read: %w", err)
		}
		fmt.Println(v)
	}
}

func readerGoroutine(ctx context.Context, conn *websocket.Conn) <-chan []byte {
	ch := make(chan []byte)
	go func() {
		defer close(ch)
		for {
			_, msg, err := conn.Read(ctx)
			if err != nil {
				return
			}
			ch <- msg
		}
	}()
	return ch
}

// A payload that is not JSON leaves the connection usable.
func decodeErrorContinues(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			return
		}
		var v struct{ Type string }
		if err := json.Unmarshal(msg, &v); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				log.Println("bad payload at", se.Offset)
			}
			continue
		}
		fmt.Println(v.Type)
	}
}

func readOutsideLoop(ctx context.Context, conn *websocket.Conn) []byte {
	_, msg, _ := conn.Read(ctx)
	return msg
}

// A user type with look-alike methods is not a WebSocket connection.
type fakeConn struct{}

func (fakeConn) Read(ctx context.Context) (websocket.MessageType, []byte, error) {
	return websocket.MessageText, nil, nil
}

func lookAlike(ctx context.Context, c fakeConn) {
	for {
		_, msg, err := c.Read(ctx)
		if err != nil {
			continue
		}
		handle(msg)
	}
}

func serve(w http.ResponseWriter, r *http.Request) {
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer conn.CloseNow()
	for {
		var v any
		if err := wsjson.Read(r.Context(), conn, &v); err != nil {
			break
		}
		if err := wsjson.Write(r.Context(), conn, v); err != nil {
			break
		}
	}
}
