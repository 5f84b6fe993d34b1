package coder

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
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

func continueOnErrorReturnsError(ctx context.Context, conn *websocket.Conn) error {
	for {
		_, msg, err := conn.Read(ctx) // want `conn.Read failed and the loop continues`
		if err != nil {
			log.Println("read:", err)
			continue
		}
		handle(msg)
	}
}

func readerContinues(ctx context.Context, conn *websocket.Conn) {
	for {
		_, r, err := conn.Reader(ctx) // want `conn.Reader failed and the loop continues`
		if err != nil {
			continue
		}
		msg, _ := io.ReadAll(r)
		handle(msg)
	}
}

func wsjsonContinues(ctx context.Context, conn *websocket.Conn) {
	for {
		var v map[string]any
		if err := wsjson.Read(ctx, conn, &v); err != nil { // want `wsjson.Read failed and the loop continues`
			log.Println("read:", err)
			continue
		}
		fmt.Println(v)
	}
}

func blankError(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, _ := conn.Read(ctx) // want `the error from conn.Read is discarded`
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

func blankAssign(ctx context.Context, conn *websocket.Conn) {
	var v map[string]any
	for {
		_ = wsjson.Read(ctx, conn, &v) // want `the error from wsjson.Read is discarded`
		fmt.Println(v)
	}
}

func onlySuccessTested(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx) // want `a failed conn.Read is read again`
		if err == nil {
			handle(msg)
		}
	}
}

func onlyNormalClosure(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx) // want `only some errors from conn.Read end the loop`
		if websocket.CloseStatus(err) == websocket.StatusNormalClosure {
			log.Println("closed")
			return
		}
		handle(msg)
	}
}

func onlyNormalOrGoingAway(ctx context.Context, conn *websocket.Conn) error {
	for {
		_, msg, err := conn.Read(ctx) // want `only some errors from conn.Read end the loop`
		if websocket.CloseStatus(err) == websocket.StatusNormalClosure || websocket.CloseStatus(err) == websocket.StatusGoingAway {
			return nil
		}
		handle(msg)
	}
}

// Only a close frame ends the loop: a dropped TCP connection or an
// expired context gives no close status and comes around again.
func onlyCloseFrames(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx) // want `only some errors from conn.Read end the loop`
		if websocket.CloseStatus(err) != -1 {
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

func continueInsideCloseCheck(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx) // want `conn.Read failed and the loop continues`
		if err != nil {
			if websocket.CloseStatus(err) != websocket.StatusNormalClosure {
				log.Println("unexpected:", err)
			}
			continue
		}
		handle(msg)
	}
}

func nestedLoops(ctx context.Context, conns []*websocket.Conn) {
	for _, c := range conns {
		for {
			_, msg, err := c.Read(ctx) // want `c.Read failed and the loop continues`
			if err != nil {
				continue
			}
			handle(msg)
		}
	}
}

type Client struct {
	conn *websocket.Conn
	send chan []byte
}

func (c *Client) readPump(ctx context.Context) {
	for {
		_, msg, err := c.conn.Read(ctx) // want `c.conn.Read failed and the loop continues`
		if err != nil {
			continue
		}
		c.send <- msg
	}
}

// --- negatives: these must stay silent ---

func breakOnError(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			log.Println("read:", err)
			break
		}
		handle(msg)
	}
}

// The shape of coder's echo example.
func echo(ctx context.Context, conn *websocket.Conn, r *http.Request) {
	for {
		typ, msg, err := conn.Read(ctx)
		if websocket.CloseStatus(err) == websocket.StatusNormalClosure || websocket.CloseStatus(err) == websocket.StatusGoingAway {
			return
		}
		if err != nil {
			log.Printf("failed to echo with %v: %v", r.RemoteAddr, err)
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

func closeStatusLogged(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			if websocket.CloseStatus(err) != websocket.StatusNormalClosure {
				log.Println("unexpected:", err)
			}
			return
		}
		handle(msg)
	}
}

func returnsError(ctx context.Context, conn *websocket.Conn) error {
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		handle(msg)
	}
}

func wsjsonReturnsError(ctx context.Context, conn *websocket.Conn) error {
	for {
		var v map[string]any
		if err := wsjson.Read(ctx, conn, &v); err != nil {
			return err
		}
		fmt.Println(v)
	}
}

func readerReturns(ctx context.Context, conn *websocket.Conn) error {
	for {
		_, r, err := conn.Reader(ctx)
		if err != nil {
			return err
		}
		msg, err := io.ReadAll(r)
		if err != nil {
			continue // the message was cut short; the next Reader reports a failed connection
		}
		handle(msg)
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
			continue
		}
		fmt.Println(v.Type)
	}
}

// wsjson.Read closes the connection after a decode error, so the next
// read fails with a close error and the loop returns.
func wsjsonDecodeErrorContinues(ctx context.Context, conn *websocket.Conn) {
	for {
		var v struct{ Type string }
		err := wsjson.Read(ctx, conn, &v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			continue
		}
		if err != nil {
			return
		}
		fmt.Println(v.Type)
	}
}

func fatalOnError(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			log.Fatal(err)
		}
		handle(msg)
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

func (fakeConn) Reader(ctx context.Context) (websocket.MessageType, io.Reader, error) {
	return websocket.MessageText, nil, nil
}

func lookAlike(ctx context.Context, c fakeConn) {
	for {
		_, msg, err := c.Read(ctx)
		if err != nil {
			continue
		}
		handle(msg)
		if _, _, err := c.Reader(ctx); err != nil {
			continue
		}
	}
}

// A bounded retry with a counter that leaves the loop: silent.
func retryThenGiveUp(ctx context.Context, conn *websocket.Conn) error {
	var failures int
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			failures++
			if failures == 5 {
				return err
			}
			continue
		}
		handle(msg)
	}
}

func redialLoop(ctx context.Context, url string) {
	for {
		c, _, err := websocket.Dial(ctx, url, nil)
		if err != nil {
			return
		}
		for {
			_, msg, err := c.Read(ctx)
			if err != nil {
				break
			}
			handle(msg)
		}
		c.CloseNow()
	}
}

func serve(w http.ResponseWriter, r *http.Request) {
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer conn.CloseNow()
	ctx := r.Context()
	for {
		typ, msg, err := conn.Read(ctx)
		if err != nil {
			break
		}
		if err := conn.Write(ctx, typ, msg); err != nil {
			break
		}
	}
	conn.Close(websocket.StatusNormalClosure, "")
}

// Regression (found by the first test pass, now handled):
// the close test is a switch on CloseStatus(err), which the
// syntax layer does not see (lastErrorTest only looks at if
// statements). The spin is found, but with the default message "a
// failed conn.Read is read again", and the fix inserts
// `if err != nil { break }` right after the read, before the switch:
// the switch then only ever sees a nil error and its close cases are
// dead. Expected: the "only some errors" message and the general exit
// after the switch:
//
//	switch websocket.CloseStatus(err) {
//	case websocket.StatusNormalClosure, websocket.StatusGoingAway:
//		return
//	}
//	if err != nil {
//		break
//	}
func onlyCloseStatusSwitch(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx) // want `only some errors from conn.Read end the loop`
		switch websocket.CloseStatus(err) {
		case websocket.StatusNormalClosure, websocket.StatusGoingAway:
			return
		}
		handle(msg)
	}
}
