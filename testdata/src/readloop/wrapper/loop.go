package wrapper

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"

	"github.com/gorilla/websocket"
)

type Event struct {
	Type string
	Data json.RawMessage
}

func handle(ev *Event) {}

// Client hides its connection behind methods that read from it.
type Client struct {
	conn *websocket.Conn
	last *Event
}

func New(conn *websocket.Conn) *Client { return &Client{conn: conn} }

// next reads one event and returns the read error: a read wrapper.
func (c *Client) next() (*Event, error) {
	_, msg, err := c.conn.ReadMessage()
	if err != nil {
		return nil, err
	}
	var ev Event
	if err := json.Unmarshal(msg, &ev); err != nil {
		return nil, fmt.Errorf("decode event: %w", err)
	}
	c.last = &ev
	return &ev, nil
}

// Next is the exported read wrapper, a wrapper of next.
func (c *Client) Next() (*Event, error) {
	ev, err := c.next()
	if err != nil {
		return nil, fmt.Errorf("wrapper: %w", err)
	}
	return ev, nil
}

// Receive is a read wrapper that is a function, not a method.
func Receive(conn *websocket.Conn) ([]byte, error) {
	_, msg, err := conn.ReadMessage()
	return msg, err
}

// Last does not read: it is no wrapper.
func (c *Client) Last() (*Event, error) {
	if c.last == nil {
		return nil, errors.New("no event yet")
	}
	return c.last, nil
}

// --- positives ---

func (c *Client) continueOnError() {
	for {
		ev, err := c.next() // want `c.next failed and the loop continues: .* \(github.com/gorilla/websocket panics on repeated reads of a failed connection\)`
		if err != nil {
			log.Println("next:", err)
			continue
		}
		handle(ev)
	}
}

func continueOnErrorReturnsError(c *Client) error {
	for {
		ev, err := c.next() // want `c.next failed and the loop continues`
		if err != nil {
			continue
		}
		handle(ev)
	}
}

func blankError(c *Client) {
	for {
		ev, _ := c.next() // want `the error from c.next is discarded`
		handle(ev)
	}
}

func onlySuccessTested(c *Client) {
	for {
		ev, err := c.next() // want `a failed c.next is read again`
		if err == nil {
			handle(ev)
		}
	}
}

func onlyNormalClosure(c *Client) {
	for {
		ev, err := c.next() // want `only some errors from c.next end the loop`
		if websocket.IsCloseError(err, websocket.CloseNormalClosure) {
			return
		}
		handle(ev)
	}
}

func onlyEOF(c *Client) {
	for {
		ev, err := c.next() // want `only some errors from c.next end the loop`
		if errors.Is(err, io.EOF) {
			return
		}
		handle(ev)
	}
}

func fallsThrough(c *Client) {
	for {
		ev, err := c.next() // want `the error branch of c.next falls through`
		if err != nil {
			log.Println("next:", err)
		}
		handle(ev)
	}
}

func exportedContinues(c *Client) {
	for {
		ev, err := c.Next() // want `c.Next failed and the loop continues`
		if err != nil {
			continue
		}
		handle(ev)
	}
}

func functionWrapperContinues(conn *websocket.Conn) {
	for {
		msg, err := Receive(conn) // want `Receive failed and the loop continues`
		if err != nil {
			continue
		}
		fmt.Println(string(msg))
	}
}

// A closure that reads the connection it captures is a read wrapper too.
func closureContinues(conn *websocket.Conn) {
	next := func() ([]byte, error) {
		_, msg, err := conn.ReadMessage()
		return msg, err
	}
	for {
		msg, err := next() // want `next failed and the loop continues`
		if err != nil {
			continue
		}
		fmt.Println(string(msg))
	}
}

// --- negatives: these must stay silent ---

// The closure reads a connection it captures; the loop leaves on its
// error.
func closureBreaks(conn *websocket.Conn) {
	next := func() ([]byte, error) {
		_, msg, err := conn.ReadMessage()
		return msg, err
	}
	for {
		msg, err := next()
		if err != nil {
			break
		}
		fmt.Println(string(msg))
	}
}

// The closure reads but returns no error: the loop cannot see a failure,
// and the closure's own loop is where a report would belong.
func closureWithoutError(conn *websocket.Conn) {
	next := func() []byte {
		_, msg, _ := conn.ReadMessage()
		return msg
	}
	for i := 0; i < 2; i++ {
		fmt.Println(string(next()))
	}
}

// Wrappers that reconnect when the read fails: the next call reads a new
// connection.
type redialer struct {
	conn *websocket.Conn
	url  string
}

func (r *redialer) next() ([]byte, error) {
	_, msg, err := r.conn.ReadMessage()
	if err != nil {
		r.conn, _, _ = websocket.DefaultDialer.Dial(r.url, nil)
		return nil, err
	}
	return msg, nil
}

func (r *redialer) readForever() {
	for {
		msg, err := r.next()
		if err != nil {
			continue
		}
		fmt.Println(string(msg))
	}
}

func closureRedials(conn *websocket.Conn, url string) {
	next := func() ([]byte, error) {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			conn, _, _ = websocket.DefaultDialer.Dial(url, nil)
		}
		return msg, err
	}
	for {
		msg, err := next()
		if err != nil {
			continue
		}
		fmt.Println(string(msg))
	}
}

func breakOnError(c *Client) {
	for {
		ev, err := c.next()
		if err != nil {
			log.Println("next:", err)
			break
		}
		handle(ev)
	}
}

func returnsError(c *Client) error {
	for {
		ev, err := c.Next()
		if err != nil {
			return fmt.Errorf("consume: %w", err)
		}
		handle(ev)
	}
}

func readerGoroutine(c *Client) <-chan *Event {
	ch := make(chan *Event)
	go func() {
		defer close(ch)
		for {
			ev, err := c.next()
			if err != nil {
				return
			}
			ch <- ev
		}
	}()
	return ch
}

// next wraps the json error: a bad event leaves the connection usable.
func decodeErrorContinues(c *Client) {
	for {
		ev, err := c.next()
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

func notAWrapper(c *Client) {
	for {
		ev, err := c.Last()
		if err != nil {
			continue
		}
		handle(ev)
	}
}

func readOutsideLoop(c *Client) *Event {
	ev, _ := c.next()
	return ev
}

// A user type with a look-alike method is not a wrapper.
type fakeClient struct{}

func (fakeClient) next() (*Event, error) { return nil, nil }

func lookAlike(c fakeClient) {
	for {
		ev, err := c.next()
		if err != nil {
			continue
		}
		handle(ev)
	}
}
