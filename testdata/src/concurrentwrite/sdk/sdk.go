// Package sdk is a client library whose functions write the connections
// they are handed: their facts cross to sdkuse.
package sdk

import (
	"context"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Ping writes a ping message (not WriteControl): a write.
func Ping(conn *websocket.Conn) error { // want Ping:`writes\(0, \(\*websocket.Conn\).WriteMessage`
	return conn.WriteMessage(websocket.PingMessage, nil)
}

// KeepAlive starts a goroutine that pings conn.
func KeepAlive(conn *websocket.Conn) { // want KeepAlive:`starts\(0, \(\*websocket.Conn\).WriteMessage`
	go func() {
		for range time.Tick(time.Second) {
			Ping(conn)
		}
	}()
}

// Hub guards its writes, but writeRaw is called with the lock held by
// Flush and without it by the loop: guarding writeRaw would deadlock
// Flush.
type Hub struct {
	mu   sync.Mutex
	conn *websocket.Conn
}

func (h *Hub) Send(msg []byte) { // want Send:`writes\(0&.1\*, \(\*websocket.Conn\).WriteMessage, lock 0&.0`
	h.mu.Lock()
	defer h.mu.Unlock()
	h.conn.WriteMessage(websocket.TextMessage, msg)
}

func (h *Hub) writeRaw(msg []byte) {
	// nofix: Flush calls writeRaw holding mu
	h.conn.WriteMessage(websocket.BinaryMessage, msg) // want `h.conn.WriteMessage, in the goroutine started at line \d+, may run while h.conn.WriteMessage in Send writes the same connection`
}

func (h *Hub) Flush() { // want Flush:`writes\(0&.1\*, \(\*websocket.Conn\).WriteMessage, lock 0&.0`
	h.mu.Lock()
	h.writeRaw(nil)
	h.mu.Unlock()
}

func (h *Hub) Start() { go h.loop() } // want Start:`starts\(0&.1\*, \(\*websocket.Conn\).WriteMessage`

func (h *Hub) loop() {
	for range time.Tick(time.Second) {
		h.writeRaw([]byte("tick"))
	}
}

// Streamer writes with NextWriter, which a lock around the call does not
// cover: no fix.
type Streamer struct {
	conn *websocket.Conn
}

func (s *Streamer) Start() { go s.pump() } // want Start:`starts\(0&.0\*, \(\*websocket.Conn\).NextWriter`

func (s *Streamer) pump() {
	for range time.Tick(time.Second) {
		w, err := s.conn.NextWriter(websocket.TextMessage)
		if err != nil {
			return
		}
		w.Write([]byte("tick"))
		w.Close()
	}
}

func (s *Streamer) Send(msg []byte) error { // want Send:`writes\(0&.0\*, \(\*websocket.Conn\).WriteMessage`
	// nofix: pump writes with NextWriter
	return s.conn.WriteMessage(websocket.TextMessage, msg) // want `s.conn.WriteMessage may run while the goroutine started at line \d+ writes the same connection \(s.conn.NextWriter\)`
}

// Sender is opamp-go's: Start writes the first message, then starts the
// goroutine that writes the rest until ctx is cancelled.
type Sender struct {
	conn    *websocket.Conn
	pending chan []byte
	stopped chan struct{}
}

func (s *Sender) Start(ctx context.Context, conn *websocket.Conn) error { // want Start:`writes\(0&.0\*, \(\*websocket.Conn\).WriteMessage\) starts\(0&.0\*, \(\*websocket.Conn\).WriteMessage\)`
	s.conn = conn
	err := s.conn.WriteMessage(websocket.BinaryMessage, []byte("hello"))
	s.stopped = make(chan struct{})
	go s.run(ctx)
	return err
}

func (s *Sender) WaitToStop() { <-s.stopped }

func (s *Sender) run(ctx context.Context) {
	defer close(s.stopped)
	for {
		select {
		case m := <-s.pending:
			s.conn.WriteMessage(websocket.BinaryMessage, m)
		case <-ctx.Done():
			return
		}
	}
}
