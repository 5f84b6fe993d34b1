package xnet

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"

	"golang.org/x/net/websocket"
)

func handle(msg string) {}

// --- positives ---

func continueOnError(ws *websocket.Conn) {
	for {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil { // want `websocket.Message.Receive failed and the loop continues`
			log.Println("receive:", err)
			continue
		}
		handle(msg)
	}
}

func continueOnErrorReturnsError(ws *websocket.Conn) error {
	for {
		var v struct{ Type string }
		err := websocket.JSON.Receive(ws, &v) // want `websocket.JSON.Receive failed and the loop continues`
		if err != nil {
			log.Println("receive:", err)
			continue
		}
		handle(v.Type)
	}
}

func connReadContinues(ws *websocket.Conn) {
	buf := make([]byte, 512)
	for {
		n, err := ws.Read(buf) // want `ws.Read failed and the loop continues`
		if err != nil {
			continue
		}
		handle(string(buf[:n]))
	}
}

func blankAssign(ws *websocket.Conn) {
	for {
		var msg string
		_ = websocket.Message.Receive(ws, &msg) // want `the error from websocket.Message.Receive is discarded`
		handle(msg)
	}
}

func ignoredResult(ws *websocket.Conn) {
	var v map[string]any
	for {
		websocket.JSON.Receive(ws, &v) // want `the error from websocket.JSON.Receive is discarded`
		fmt.Println(v)
	}
}

func blankReadError(ws *websocket.Conn) {
	buf := make([]byte, 512)
	for {
		n, _ := ws.Read(buf) // want `the error from ws.Read is discarded`
		handle(string(buf[:n]))
	}
}

func onlySuccessTested(ws *websocket.Conn) {
	for {
		var msg string
		err := websocket.Message.Receive(ws, &msg) // want `a failed websocket.Message.Receive is read again`
		if err == nil {
			handle(msg)
		}
	}
}

// x/net reports a close frame as io.EOF; a dropped connection or a
// deadline gives another error and comes around again.
func onlyEOF(ws *websocket.Conn) (int, error) {
	n := 0
	for {
		var msg string
		err := websocket.Message.Receive(ws, &msg) // want `only some errors from websocket.Message.Receive end the loop`
		if err == io.EOF {
			return n, nil
		}
		n++
		handle(msg)
	}
}

func fallsThrough(ws *websocket.Conn) {
	for {
		var msg string
		err := websocket.Message.Receive(ws, &msg) // want `the error branch of websocket.Message.Receive falls through`
		if err != nil {
			log.Println("receive:", err)
		}
		handle(msg)
	}
}

func spinningHandler() http.Handler {
	return websocket.Handler(func(ws *websocket.Conn) {
		for {
			var msg string
			err := websocket.Message.Receive(ws, &msg) // want `websocket.Message.Receive failed and the loop continues`
			if err != nil {
				continue
			}
			websocket.Message.Send(ws, msg)
		}
	})
}

type Client struct {
	ws   *websocket.Conn
	send chan string
}

func (c *Client) readPump() {
	for {
		var msg string
		err := websocket.Message.Receive(c.ws, &msg) // want `websocket.Message.Receive failed and the loop continues`
		if err != nil {
			continue
		}
		c.send <- msg
	}
}

// --- negatives: these must stay silent ---

func breakOnError(ws *websocket.Conn) {
	for {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			log.Println("receive:", err)
			break
		}
		handle(msg)
	}
}

func eofLoggedThenBreak(ws *websocket.Conn) {
	for {
		var msg string
		err := websocket.Message.Receive(ws, &msg)
		if err != nil {
			if err != io.EOF {
				log.Println("receive:", err)
			}
			break
		}
		handle(msg)
	}
}

func eofThenGeneral(ws *websocket.Conn) error {
	for {
		var msg string
		err := websocket.Message.Receive(ws, &msg)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		handle(msg)
	}
}

func returnsError(ws *websocket.Conn) error {
	for {
		var v map[string]any
		if err := websocket.JSON.Receive(ws, &v); err != nil {
			return fmt.Errorf("receive: %w", err)
		}
		fmt.Println(v)
	}
}

func readerGoroutine(ws *websocket.Conn) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for {
			var msg string
			if err := websocket.Message.Receive(ws, &msg); err != nil {
				return
			}
			ch <- msg
		}
	}()
	return ch
}

// JSON.Receive consumes the frame before it decodes it: a payload that
// is not JSON leaves the connection usable.
func decodeErrorContinues(ws *websocket.Conn) {
	for {
		var v struct{ Type string }
		err := websocket.JSON.Receive(ws, &v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			continue
		}
		if err != nil {
			return
		}
		handle(v.Type)
	}
}

func connReadBreaks(ws *websocket.Conn) {
	buf := make([]byte, 512)
	for {
		n, err := ws.Read(buf)
		if err != nil {
			break
		}
		handle(string(buf[:n]))
	}
}

func readOutsideLoop(ws *websocket.Conn) string {
	var msg string
	websocket.Message.Receive(ws, &msg)
	return msg
}

// A user codec with a look-alike Receive is not x/net's.
type codec struct{}

func (codec) Receive(ws *websocket.Conn, v any) error { return nil }

func lookAlike(ws *websocket.Conn) {
	var c codec
	for {
		var msg string
		if err := c.Receive(ws, &msg); err != nil {
			continue
		}
		handle(msg)
	}
}

func echo(ws *websocket.Conn) {
	defer ws.Close()
	for {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			return
		}
		if err := websocket.Message.Send(ws, msg); err != nil {
			return
		}
	}
}

func serve() {
	http.Handle("/echo", websocket.Handler(echo))
	http.Handle("/chat", websocket.Handler(func(ws *websocket.Conn) {
		for {
			var msg string
			err := websocket.Message.Receive(ws, &msg)
			if err == io.EOF {
				return
			}
			if err != nil {
				log.Println("receive:", err)
				return
			}
			handle(msg)
		}
	}))
}

// Regression (found by the first test pass, now handled):
// missed bug. A function literal in a package-level variable's
// initializer is never analyzed: wsssa collects SrcFuncs from the
// FuncDecls of the files (and their anonymous functions), and this
// closure belongs to the package's synthetic init function. The same
// loop inside a function (spinningHandler in loop.go) is reported.
// Expected: the diagnostic below, and `continue` replaced by `return`
// (break would do too: the loop is the last statement).
var spinningHandlerVar = websocket.Handler(func(ws *websocket.Conn) {
	for {
		var msg string
		err := websocket.Message.Receive(ws, &msg) // want `websocket.Message.Receive failed and the loop continues`
		if err != nil {
			continue
		}
		websocket.Message.Send(ws, msg)
	}
})
