package gofiber

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"

	"github.com/gofiber/contrib/websocket"
	"github.com/gofiber/fiber/v2"
)

func handle(msg []byte) {}

// --- positives ---

// c.ReadMessage is fasthttp/websocket's, promoted through the embedded
// *websocket.Conn of the contrib Conn.
func continueOnError(c *websocket.Conn) {
	for {
		_, msg, err := c.ReadMessage() // want `c.ReadMessage failed and the loop continues: .* \(github.com/fasthttp/websocket panics on repeated reads of a failed connection\)`
		if err != nil {
			log.Println("read:", err)
			continue
		}
		handle(msg)
	}
}

func continueOnErrorReturnsError(c *websocket.Conn) error {
	for {
		_, msg, err := c.ReadMessage() // want `c.ReadMessage failed and the loop continues`
		if err != nil {
			log.Println("read:", err)
			continue
		}
		handle(msg)
	}
}

func embeddedFieldContinues(c *websocket.Conn) {
	for {
		_, r, err := c.Conn.NextReader() // want `c.Conn.NextReader failed and the loop continues`
		if err != nil {
			continue
		}
		msg, _ := io.ReadAll(r)
		handle(msg)
	}
}

func blankError(c *websocket.Conn) {
	for {
		_, msg, _ := c.ReadMessage() // want `the error from c.ReadMessage is discarded`
		handle(msg)
	}
}

func ignoredResult(c *websocket.Conn) {
	var v map[string]any
	for {
		c.ReadJSON(&v) // want `the error from c.ReadJSON is discarded`
		fmt.Println(v)
	}
}

func onlySuccessTested(c *websocket.Conn) {
	for {
		_, msg, err := c.ReadMessage() // want `a failed c.ReadMessage is read again`
		if err == nil {
			handle(msg)
		}
	}
}

func onlyEOF(c *websocket.Conn) (int, error) {
	n := 0
	for {
		_, msg, err := c.ReadMessage() // want `only some errors from c.ReadMessage end the loop`
		if err == io.EOF {
			return n, nil
		}
		n++
		handle(msg)
	}
}

func fallsThrough(c *websocket.Conn) {
	for {
		_, msg, err := c.ReadMessage() // want `the error branch of c.ReadMessage falls through`
		if err != nil {
			log.Println("read:", err)
		}
		handle(msg)
	}
}

func spinningHandler() fiber.Handler {
	return websocket.New(func(c *websocket.Conn) {
		for {
			mt, msg, err := c.ReadMessage() // want `c.ReadMessage failed and the loop continues`
			if err != nil {
				continue
			}
			c.WriteMessage(mt, msg)
		}
	})
}

type Client struct {
	conn *websocket.Conn
	send chan []byte
}

func (cl *Client) readPump() {
	for {
		_, msg, err := cl.conn.ReadMessage() // want `cl.conn.ReadMessage failed and the loop continues`
		if err != nil {
			continue
		}
		cl.send <- msg
	}
}

// --- negatives: these must stay silent ---

func breakOnError(c *websocket.Conn) {
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			log.Println("read:", err)
			break
		}
		handle(msg)
	}
}

func closeCodeLogged(c *websocket.Conn) {
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			if websocket.IsUnexpectedCloseError(err, websocket.CloseGoingAway, websocket.CloseAbnormalClosure) {
				log.Printf("error: %v", err)
			}
			break
		}
		handle(msg)
	}
}

func closeCodeThenGeneral(c *websocket.Conn) error {
	for {
		_, msg, err := c.ReadMessage()
		if websocket.IsCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway) {
			return nil
		}
		if err != nil {
			return err
		}
		handle(msg)
	}
}

func returnsError(c *websocket.Conn) error {
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		handle(msg)
	}
}

func readerGoroutine(c *websocket.Conn) <-chan []byte {
	ch := make(chan []byte)
	go func() {
		defer close(ch)
		for {
			_, msg, err := c.ReadMessage()
			if err != nil {
				return
			}
			ch <- msg
		}
	}()
	return ch
}

func decodeErrorContinues(c *websocket.Conn) {
	for {
		var v struct{ Type string }
		err := c.ReadJSON(&v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			continue // the frame was bad, the connection is fine
		}
		if err != nil {
			return
		}
	}
}

func readOutsideLoop(c *websocket.Conn) []byte {
	_, msg, _ := c.ReadMessage()
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

// The echo handler of gofiber/contrib's websocket README.
func echo() fiber.Handler {
	return websocket.New(func(c *websocket.Conn) {
		var (
			mt  int
			msg []byte
			err error
		)
		for {
			if mt, msg, err = c.ReadMessage(); err != nil {
				log.Println("read:", err)
				break
			}
			log.Printf("recv: %s", msg)
			if err = c.WriteMessage(mt, msg); err != nil {
				log.Println("write:", err)
				break
			}
		}
	})
}

// Expected: the diagnostic, and `if err != nil { break }` inserted after
// the close test.
func onlyNormalClosure(c *websocket.Conn) {
	for {
		_, msg, err := c.ReadMessage() // want `only some errors from c.ReadMessage end the loop`
		if websocket.IsCloseError(err, websocket.CloseNormalClosure) {
			log.Println("closed")
			return
		}
		handle(msg)
	}
}

// Expected: the diagnostic, and `continue` replaced by `break`.
func continueInsideCloseCheck(c *websocket.Conn) {
	for {
		_, msg, err := c.ReadMessage() // want `c.ReadMessage failed and the loop continues`
		if err != nil {
			if websocket.IsUnexpectedCloseError(err, websocket.CloseGoingAway) {
				log.Println("unexpected:", err)
			}
			continue
		}
		handle(msg)
	}
}

// Expected: the diagnostic, and `continue` replaced by `break`.
func ipLogged(c *websocket.Conn) {
	for {
		_, msg, err := c.ReadMessage() // want `c.ReadMessage failed and the loop continues`
		if err != nil {
			log.Println(c.IP(), err)
			continue
		}
		handle(msg)
	}
}
