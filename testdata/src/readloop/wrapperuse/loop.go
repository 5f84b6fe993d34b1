// Package wrapperuse reads through the wrappers of package
// readloop/wrapper: the wrapper facts cross the package boundary.
package wrapperuse

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"

	"github.com/gorilla/websocket"

	"readloop/wrapper"
)

func handle(ev *wrapper.Event) {}

// --- positives ---

func continueOnError(c *wrapper.Client) {
	for {
		ev, err := c.Next() // want `c.Next failed and the loop continues: .* \(github.com/gorilla/websocket panics on repeated reads of a failed connection\)`
		if err != nil {
			log.Println("next:", err)
			continue
		}
		handle(ev)
	}
}

func continueOnErrorReturnsError(c *wrapper.Client) error {
	for {
		ev, err := c.Next() // want `c.Next failed and the loop continues`
		if err != nil {
			continue
		}
		handle(ev)
	}
}

func blankError(c *wrapper.Client) {
	for {
		ev, _ := c.Next() // want `the error from c.Next is discarded`
		handle(ev)
	}
}

func onlyNormalClosure(c *wrapper.Client) {
	for {
		ev, err := c.Next() // want `only some errors from c.Next end the loop`
		if websocket.IsCloseError(err, websocket.CloseNormalClosure) {
			return
		}
		handle(ev)
	}
}

func fallsThrough(c *wrapper.Client) {
	for {
		ev, err := c.Next() // want `the error branch of c.Next falls through`
		if err != nil {
			log.Println("next:", err)
		}
		handle(ev)
	}
}

func functionWrapperContinues(conn *websocket.Conn) {
	for {
		msg, err := wrapper.Receive(conn) // want `wrapper.Receive failed and the loop continues`
		if err != nil {
			continue
		}
		fmt.Println(string(msg))
	}
}

// --- negatives: these must stay silent ---

func breakOnError(c *wrapper.Client) {
	for {
		ev, err := c.Next()
		if err != nil {
			break
		}
		handle(ev)
	}
}

func returnsError(c *wrapper.Client) error {
	for {
		ev, err := c.Next()
		if err != nil {
			return err
		}
		handle(ev)
	}
}

func readerGoroutine(c *wrapper.Client) <-chan *wrapper.Event {
	ch := make(chan *wrapper.Event)
	go func() {
		defer close(ch)
		for {
			ev, err := c.Next()
			if err != nil {
				return
			}
			ch <- ev
		}
	}()
	return ch
}

func decodeErrorContinues(c *wrapper.Client) {
	for {
		ev, err := c.Next()
		var se *json.SyntaxError
		if errors.As(err, &se) {
			continue
		}
		if err != nil {
			return
		}
		handle(ev)
	}
}

// Last does not read the connection.
func notAWrapper(c *wrapper.Client) {
	for {
		ev, err := c.Last()
		if err != nil {
			continue
		}
		handle(ev)
	}
}

func readOutsideLoop(c *wrapper.Client) *wrapper.Event {
	ev, _ := c.Next()
	return ev
}

// --- helpers of another package that swallow the error or say it ---

func loopsOverReadOne(s *wrapper.Session) {
	for {
		// nofix: ReadOne belongs to another package
		s.ReadOne() // want `s.ReadOne reads s and swallows its error, and the loop calls it again`
	}
}

func whileStep(s *wrapper.Session) {
	for s.Step() {
	}
}

func leaveFlag(s *wrapper.Session) {
	for {
		done, err := s.HandleNext()
		if done {
			return
		}
		if err != nil {
			log.Println(err)
		}
	}
}
