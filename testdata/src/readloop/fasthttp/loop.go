package fasthttp

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"

	"github.com/fasthttp/websocket"
	"github.com/valyala/fasthttp"
)

var upgrader = websocket.FastHTTPUpgrader{}

func handle(msg []byte) {}

// --- positives ---

func continueOnError(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage() // want `conn.ReadMessage failed and the loop continues: .* \(github.com/fasthttp/websocket panics on repeated reads of a failed connection\)`
		if err != nil {
			log.Println("read:", err)
			continue
		}
		handle(msg)
	}
}

func continueOnErrorReturnsError(conn *websocket.Conn) error {
	for {
		_, msg, err := conn.ReadMessage() // want `conn.ReadMessage failed and the loop continues`
		if err != nil {
			log.Println("read:", err)
			continue
		}
		handle(msg)
	}
}

func nextReaderContinues(conn *websocket.Conn) {
	for {
		_, r, err := conn.NextReader() // want `conn.NextReader failed and the loop continues`
		if err != nil {
			continue
		}
		msg, _ := io.ReadAll(r)
		handle(msg)
	}
}

func blankError(conn *websocket.Conn) {
	for {
		_, msg, _ := conn.ReadMessage() // want `the error from conn.ReadMessage is discarded`
		handle(msg)
	}
}

func ignoredResult(conn *websocket.Conn) {
	var v map[string]any
	for {
		conn.ReadJSON(&v) // want `the error from conn.ReadJSON is discarded`
		fmt.Println(v)
	}
}

func blankAssign(conn *websocket.Conn) {
	var v map[string]any
	for {
		_ = conn.ReadJSON(&v) // want `the error from conn.ReadJSON is discarded`
		fmt.Println(v)
	}
}

func onlySuccessTested(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage() // want `a failed conn.ReadMessage is read again`
		if err == nil {
			handle(msg)
		}
	}
}

func onlyNormalClosure(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage() // want `only some errors from conn.ReadMessage end the loop`
		if websocket.IsCloseError(err, websocket.CloseNormalClosure) {
			log.Println("closed")
			return
		}
		handle(msg)
	}
}

func onlyCloseErrorAs(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage() // want `only some errors from conn.ReadMessage end the loop`
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			log.Printf("closed: %d %s", ce.Code, ce.Text)
			return
		}
		handle(msg)
	}
}

func onlyEOF(conn *websocket.Conn) (int, error) {
	n := 0
	for {
		_, msg, err := conn.ReadMessage() // want `only some errors from conn.ReadMessage end the loop`
		if err == io.EOF {
			return n, nil
		}
		n++
		handle(msg)
	}
}

func fallsThrough(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage() // want `the error branch of conn.ReadMessage falls through`
		if err != nil {
			log.Println("read:", err)
		}
		handle(msg)
	}
}

func continueInsideCloseCheck(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage() // want `conn.ReadMessage failed and the loop continues`
		if err != nil {
			if websocket.IsUnexpectedCloseError(err, websocket.CloseGoingAway) {
				log.Println("unexpected:", err)
			}
			continue
		}
		handle(msg)
	}
}

type Client struct {
	conn *websocket.Conn
	send chan []byte
}

func (c *Client) readPump() {
	for {
		_, msg, err := c.conn.ReadMessage() // want `c.conn.ReadMessage failed and the loop continues`
		if err != nil {
			continue
		}
		c.send <- msg
	}
}

func spinningHandler(ctx *fasthttp.RequestCtx) error {
	return upgrader.Upgrade(ctx, func(conn *websocket.Conn) {
		defer conn.Close()
		for {
			mt, msg, err := conn.ReadMessage() // want `conn.ReadMessage failed and the loop continues`
			if err != nil {
				continue
			}
			conn.WriteMessage(mt, msg)
		}
	})
}

// --- negatives: these must stay silent ---

func breakOnError(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			log.Println("read:", err)
			break
		}
		handle(msg)
	}
}

func (c *Client) chatReadPump() {
	defer c.conn.Close()
	for {
		_, message, err := c.conn.ReadMessage()
		if err != nil {
			if websocket.IsUnexpectedCloseError(err, websocket.CloseGoingAway, websocket.CloseAbnormalClosure) {
				log.Printf("error: %v", err)
			}
			break
		}
		c.send <- message
	}
}

func closeCodeThenGeneral(conn *websocket.Conn) error {
	for {
		_, msg, err := conn.ReadMessage()
		if websocket.IsCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway) {
			return nil
		}
		if err != nil {
			return err
		}
		handle(msg)
	}
}

func returnsError(conn *websocket.Conn) error {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		handle(msg)
	}
}

func readerGoroutine(conn *websocket.Conn) <-chan []byte {
	ch := make(chan []byte)
	go func() {
		defer close(ch)
		for {
			_, msg, err := conn.ReadMessage()
			if err != nil {
				return
			}
			ch <- msg
		}
	}()
	return ch
}

func decodeErrorContinues(conn *websocket.Conn) {
	for {
		var v struct{ Type string }
		err := conn.ReadJSON(&v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			continue // the frame was bad, the connection is fine
		}
		if err != nil {
			return
		}
	}
}

func readOutsideLoop(conn *websocket.Conn) []byte {
	_, msg, _ := conn.ReadMessage()
	return msg
}

// A user type with look-alike methods is not a WebSocket connection.
type fakeConn struct{}

func (fakeConn) ReadMessage() (int, []byte, error) { return 0, nil, nil }

func lookAlike(c fakeConn) {
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			continue
		}
		handle(msg)
	}
}

func serve(ctx *fasthttp.RequestCtx) {
	err := upgrader.Upgrade(ctx, func(conn *websocket.Conn) {
		defer conn.Close()
		for {
			mt, msg, err := conn.ReadMessage()
			if err != nil {
				break
			}
			if err := conn.WriteMessage(mt, msg); err != nil {
				break
			}
		}
	})
	if err != nil {
		log.Println("upgrade:", err)
	}
}
