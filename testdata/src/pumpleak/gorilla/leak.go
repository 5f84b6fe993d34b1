package gorilla

import (
	"context"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

// A writer fed by a local channel that nothing closes when the read
// loop ends: it stays blocked in its range.
func rangeNeverClosed(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	send := make(chan []byte, 16)
	go func() { // want `the goroutine started here ranges over send, which nothing closes when the read loop in rangeNeverClosed ends: it leaks once per client; close send when the read loop ends \(defer close\(send\)\)`
		for msg := range send {
			if err := conn.WriteMessage(websocket.TextMessage, msg); err != nil {
				conn.Close()
				return
			}
		}
	}()
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		send <- msg
	}
}

// A pinger that selects on a done channel nothing closes.
func doneNeverClosed(conn *websocket.Conn) {
	defer conn.Close()
	done := make(chan struct{})
	ticker := time.NewTicker(time.Second)
	go func() { // want `the goroutine started here waits on done, which nothing closes or sends on when the read loop in doneNeverClosed ends: it leaks once per client; close done when the read loop ends \(defer close\(done\)\)`
		defer ticker.Stop()
		for {
			select {
			case <-done:
				return
			case <-ticker.C:
				conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
			}
		}
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func pinger(ctx context.Context, conn *websocket.Conn) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
		}
	}
}

// The context of the pinger is cancelled only when the peer asks.
func cancelOnlyOnStop(conn *websocket.Conn) {
	defer conn.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go pinger(ctx, conn) // want `the goroutine started here waits for ctx to be cancelled, which nothing cancels when the read loop in cancelOnlyOnStop ends: it leaks once per client; cancel ctx when the read loop ends \(defer cancel\(\)\)`
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if string(msg) == "stop" {
			cancel()
		}
	}
}

// A pinger that stops only on a failed write, and a handler that never
// closes the connection: after a read error the pings may go on.
func pingerNoClose(conn *websocket.Conn) {
	go func() { // want `the goroutine started here returns only when a write to conn fails, and nothing closes conn when the read loop in pingerNoClose ends: it leaks once per client; close conn when the read loop ends \(defer conn.Close\(\)\)`
		ticker := time.NewTicker(time.Second)
		defer ticker.Stop()
		for range ticker.C {
			if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
				return
			}
		}
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A pinger that never returns at all.
func neverReturns(conn *websocket.Conn) {
	defer conn.Close()
	// nofix: the loop has no way out to give
	go func() { // want `the goroutine started here never returns, and so outlives the read loop in neverReturns: it leaks once per client`
		for range time.Tick(time.Second) {
			conn.WriteMessage(websocket.PingMessage, nil)
		}
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func ping(conn *websocket.Conn) error {
	for range time.Tick(time.Second) {
		if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
			return err
		}
	}
	return nil
}

// The pinger hands its error to the handler, which never takes it: the
// send on the unbuffered channel blocks forever.
func errNeverReceived(conn *websocket.Conn) {
	defer conn.Close()
	errc := make(chan error)
	// nofix: whether to buffer errc or receive from it is the author's call
	go func() { errc <- ping(conn) }() // want `the goroutine started here blocks sending on errc, which nothing receives from when the read loop in errNeverReceived ends: it leaks once per client; give the send a way out`
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A writer that returns on a failed write without a word, and a reader
// that then blocks on the unbuffered channel it feeds it by; nothing
// closes the channel either.
func readerBlocks(conn *websocket.Conn) {
	defer conn.Close()
	msgs := make(chan []byte)
	go func() { // want `the goroutine started here ranges over msgs, which nothing closes when the read loop in readerBlocks ends`
		for m := range msgs {
			if err := conn.WriteMessage(websocket.TextMessage, m); err != nil { // want `the goroutine that readerBlocks starts returns when this write to conn fails, without closing conn or telling the read loop in readerBlocks: the reader then blocks forever on its next send to msgs; close conn when the goroutine returns \(defer conn.Close\(\)\)`
				return
			}
		}
	}()
	for {
		_, m, err := conn.ReadMessage()
		if err != nil {
			return
		}
		msgs <- m
	}
}

// A constructor starts the writer; the handler that reads never closes
// its channel.
type wsClient struct {
	conn *websocket.Conn
	out  chan []byte
}

func newClient(conn *websocket.Conn) *wsClient {
	c := &wsClient{conn: conn, out: make(chan []byte, 8)}
	go c.writer()
	return c
}

func (c *wsClient) writer() {
	defer c.conn.Close()
	for m := range c.out {
		if err := c.conn.WriteMessage(websocket.TextMessage, m); err != nil {
			return
		}
	}
}

func serveClient(conn *websocket.Conn) {
	c := newClient(conn) // want `the goroutine that newClient starts ranges over c.out, which nothing closes when the read loop in serveClient ends: it leaks once per client; close c.out when the read loop ends \(defer close\(c.out\)\)`
	for {
		_, m, err := conn.ReadMessage()
		if err != nil {
			return
		}
		c.out <- m
	}
}

// A pinger built by a constructor over the connection the handler
// upgraded, which nothing closes: the constructor's field is the
// handler's conn.
type ticker struct{ conn *websocket.Conn }

func newTicker(conn *websocket.Conn) *ticker { return &ticker{conn: conn} }

func (t *ticker) run() {
	for range time.Tick(time.Second) {
		if err := t.conn.WriteMessage(websocket.PingMessage, nil); err != nil {
			return
		}
	}
}

func constructedPinger(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	t := newTicker(conn)
	go t.run() // want `the goroutine started here returns only when a write to t.conn fails, and nothing closes t.conn when the read loop in constructedPinger ends: it leaks once per client; close conn when the read loop ends \(defer conn.Close\(\)\)`
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}
