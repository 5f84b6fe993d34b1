package gorilla

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

func handle(msg []byte) {}

// --- positives ---

func continueOnError(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage() // want `conn.ReadMessage failed and the loop continues`
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

func nestedLoopsReturn(conns []*websocket.Conn) {
	for _, c := range conns {
		for {
			_, msg, err := c.ReadMessage() // want `c.ReadMessage failed and the loop continues`
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

func (c *Client) readPump() {
	for {
		_, msg, err := c.conn.ReadMessage() // want `c.conn.ReadMessage failed and the loop continues`
		if err != nil {
			continue
		}
		c.send <- msg
	}
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

// The shape of gorilla's chat example.
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

func switchReturn(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		switch {
		case err != nil:
			return
		case len(msg) == 0:
			continue
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

func labeledBreak(conn *websocket.Conn, done chan struct{}) {
loop:
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			break loop
		}
		select {
		case <-done:
			break loop
		default:
			handle(msg)
		}
	}
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

func fatalOnError(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			log.Fatal(err)
		}
		handle(msg)
	}
}

func die(err error) {
	log.Printf("fatal: %v", err)
	panic(err)
}

func helperNeverReturns(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			die(err)
		}
		handle(msg)
	}
}

func readOutsideLoop(conn *websocket.Conn) []byte {
	_, msg, _ := conn.ReadMessage()
	return msg
}

// The reader NextReader returns fails with io.ErrUnexpectedEOF, never
// io.EOF, once the connection fails mid-message, and keeps failing.
func innerLoopOverReaderContinues(conn *websocket.Conn) error {
	for {
		_, r, err := conn.NextReader()
		if err != nil {
			return err
		}
		buf := make([]byte, 512)
		for {
			n, err := r.Read(buf) // want `r.Read failed and the loop continues`
			handle(buf[:n])
			if err == io.EOF {
				break
			}
			if err != nil {
				continue
			}
		}
	}
}

func innerLoopOverReader(conn *websocket.Conn) error {
	for {
		_, r, err := conn.NextReader()
		if err != nil {
			return err
		}
		buf := make([]byte, 512)
		for {
			n, err := r.Read(buf)
			handle(buf[:n])
			if err != nil {
				break // io.EOF ends the message; anything else fails the next NextReader
			}
		}
	}
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

func doneFlag(conn *websocket.Conn) {
	done := false
	for !done {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			done = true
			continue
		}
		handle(msg)
	}
}

type session struct {
	ws  *websocket.Conn
	url string
}

func (s *session) reconnect() {
	c, _, err := websocket.DefaultDialer.Dial(s.url, nil)
	if err == nil {
		s.ws = c
	}
}

func (s *session) run() {
	for {
		_, msg, err := s.ws.ReadMessage()
		if err != nil {
			s.reconnect()
			continue
		}
		handle(msg)
	}
}

// gatews' reader: a goroutine whose closure captures the receiver; on a
// read error it redials through s.reconnect and leaves if that fails.
func (s *session) readInBackground() {
	go func() {
		defer s.ws.Close()
		for {
			_, msg, err := s.ws.ReadMessage()
			if err != nil {
				if e := s.redial(); e != nil {
					return
				}
				continue
			}
			handle(msg)
		}
	}()
}

func (s *session) redial() error {
	c, _, err := websocket.DefaultDialer.Dial(s.url, nil)
	if err != nil {
		return err
	}
	s.ws = c
	return nil
}

func redialLoop(url string) {
	for {
		c, _, err := websocket.DefaultDialer.Dial(url, nil)
		if err != nil {
			return
		}
		for {
			_, msg, err := c.ReadMessage()
			if err != nil {
				break
			}
			handle(msg)
		}
	}
}

func closeStatusAndGeneral(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if websocket.IsCloseError(err, websocket.CloseNormalClosure) {
			return
		}
		if err != nil {
			log.Println(err)
			return
		}
		handle(msg)
	}
}

func ignored(conn *websocket.Conn) {
	for {
		//wsvet:ignore readloop the test server never closes
		_, msg, _ := conn.ReadMessage()
		handle(msg)
	}
}

func ignoredSameLine(conn *websocket.Conn) {
	for {
		_, msg, _ := conn.ReadMessage() //wsvet:ignore readloop demo
		handle(msg)
	}
}

// The retries are bounded, but the outer loop starts them again.
func retriesForever(conn *websocket.Conn) {
	for {
		for i := 0; i < 3; i++ {
			_, msg, err := conn.ReadMessage() // want `conn.ReadMessage failed and the loop continues`
			if err != nil {
				continue
			}
			handle(msg)
		}
	}
}

// The count is logged, not acted on.
func countsFailures(conn *websocket.Conn) {
	failures := 0
	for {
		_, msg, err := conn.ReadMessage() // want `conn.ReadMessage failed and the loop continues`
		if err != nil {
			if failures++; failures > 3 {
				log.Println("still failing:", err)
			}
			continue
		}
		handle(msg)
	}
}

// The flag set is another value's: the loop's own never changes.
func (c *flagged) setsOthersFlag(other *flagged) {
	for !c.closed {
		_, msg, err := c.conn.ReadMessage() // want `c.conn.ReadMessage failed and the loop continues`
		if err != nil {
			other.closed = true
			continue
		}
		handle(msg)
	}
}

func (c *flagged) markSeen() { c.seen = true }

// The helper sets a flag the loop does not test.
func (c *flagged) helperSetsOtherFlag() {
	for !c.closed {
		_, msg, err := c.conn.ReadMessage() // want `c.conn.ReadMessage failed and the loop continues`
		if err != nil {
			c.markSeen()
			continue
		}
		handle(msg)
	}
}

// Counters and flags that do not end the failing path: the counter steps
// only on success, the flag is tested only on the success path or only by
// an outer loop the inner one never leaves, the value stored keeps the
// loop going.
func countsSuccessesOnly(conn *websocket.Conn) {
	for i := 0; i < 10; {
		_, msg, err := conn.ReadMessage() // want `conn.ReadMessage failed and the loop continues`
		if err != nil {
			continue
		}
		handle(msg)
		i++
	}
}

type counted struct {
	conn *websocket.Conn
	got  int
	bye  bool
}

func (c *counted) fieldCountsSuccessesOnly(n int) {
	for c.got < n {
		_, msg, err := c.conn.ReadMessage() // want `c.conn.ReadMessage failed and the loop continues`
		if err != nil {
			continue
		}
		handle(msg)
		c.got++
	}
}

func (c *flagged) flagTestedOnSuccess() {
	for {
		_, msg, err := c.conn.ReadMessage() // want `c.conn.ReadMessage failed and the loop continues`
		if err != nil {
			c.closed = true
			continue
		}
		if c.closed {
			return
		}
		handle(msg)
	}
}

func (c *flagged) flagTestedByOuterLoop(bye bool) {
	for !c.closed {
		for {
			_, msg, err := c.conn.ReadMessage() // want `c.conn.ReadMessage failed and the loop continues`
			if err != nil {
				c.closed = true
				continue
			}
			if bye {
				break
			}
			handle(msg)
		}
	}
}

const (
	open = iota
	broken
	closed
)

type stateful struct {
	conn  *websocket.Conn
	state int
}

func (s *stateful) storesStayingValue() {
	for s.state != closed {
		_, msg, err := s.conn.ReadMessage() // want `s.conn.ReadMessage failed and the loop continues`
		if err != nil {
			s.state = broken
			continue
		}
		handle(msg)
	}
}

// The iterator hands the error over but goes on reading whatever the
// consumer says.
func messagesIgnoringStop(conn *websocket.Conn) func(yield func([]byte, error) bool) {
	return func(yield func([]byte, error) bool) {
		for {
			_, msg, err := conn.ReadMessage() // want `conn.ReadMessage failed and the loop continues`
			if err != nil {
				yield(nil, err)
				continue
			}
			if !yield(msg, nil) {
				return
			}
		}
	}
}

// A counter stepped on only one of the failing paths: the others spin.
func countsSomeFailures(conn *websocket.Conn, flaky bool) {
	timeouts := 0
	for timeouts < 3 {
		_, msg, err := conn.ReadMessage() // want `conn.ReadMessage failed and the loop continues`
		if err != nil {
			if flaky {
				timeouts++
			}
			continue
		}
		handle(msg)
	}
}

// A wrapper that dials lazily before its read does not reconnect after a
// failure.
type lazy struct {
	conn *websocket.Conn
	url  string
}

func (l *lazy) next() ([]byte, error) {
	if l.conn == nil {
		l.conn, _, _ = websocket.DefaultDialer.Dial(l.url, nil)
	}
	_, msg, err := l.conn.ReadMessage()
	return msg, err
}

func (l *lazy) readAll() {
	for {
		msg, err := l.next() // want `l.next failed and the loop continues`
		if err != nil {
			continue
		}
		handle(msg)
	}
}

// The iterator logs the error and yields only messages: nothing tells
// the consumer the connection failed.
func messagesHidingErrors(conn *websocket.Conn) func(yield func([]byte, error) bool) {
	return func(yield func([]byte, error) bool) {
		for {
			_, msg, err := conn.ReadMessage() // want `the error branch of conn.ReadMessage falls through`
			if err != nil {
				log.Println(err)
			}
			if !yield(msg, nil) {
				return
			}
		}
	}
}

// The getter's comparison is with another value than the one stored.
func (p *phase) wrongPhase() {
	for !p.done() {
		_, msg, err := p.conn.ReadMessage() // want `p.conn.ReadMessage failed and the loop continues`
		if err != nil {
			p.state = 1
			continue
		}
		handle(msg)
	}
}

func serve(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
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
}

// A wrapper that dials on every call, then reads the server's hello
// (discordgo's Session.Open): a retry loop around it reads a new
// connection each time.
type gateway struct {
	conn *websocket.Conn
	url  string
}

func (g *gateway) open() error {
	conn, _, err := websocket.DefaultDialer.Dial(g.url, nil)
	if err != nil {
		return err
	}
	g.conn = conn
	_, _, err = g.conn.ReadMessage()
	return err
}

func (g *gateway) reconnect() {
	for {
		if err := g.open(); err == nil {
			return
		}
		log.Println("retrying")
	}
}
