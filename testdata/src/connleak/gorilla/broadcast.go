package gorilla

import (
	"log"
	"sync"

	"github.com/gorilla/websocket"
)

// Nothing ever removes from Feed.subs: a broadcast that ignores write
// errors keeps writing to dead connections forever.
type Feed struct {
	mu   sync.Mutex
	subs map[*websocket.Conn]bool
}

func (f *Feed) Subscribe(c *websocket.Conn) {
	f.mu.Lock()
	f.subs[c] = true
	f.mu.Unlock()
}

func (f *Feed) Publish(msg []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		c.WriteMessage(websocket.TextMessage, msg) // want `c.WriteMessage in a broadcast over Feed.subs: a failed write neither removes nor closes the member`
	}
}

func (f *Feed) PublishLogged(msg []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		if err := c.WriteMessage(websocket.TextMessage, msg); err != nil { // want `c.WriteMessage in a broadcast over Feed.subs`
			log.Println("write:", err)
			continue
		}
	}
}

// Keyed by name: delete by key.
type Named struct {
	mu    sync.Mutex
	conns map[string]*websocket.Conn
}

func (n *Named) Add(name string, c *websocket.Conn) {
	n.mu.Lock()
	n.conns[name] = c
	n.mu.Unlock()
}

func (n *Named) Publish(msg []byte) {
	for name, c := range n.conns {
		if err := c.WriteMessage(websocket.TextMessage, msg); err != nil { // want `c.WriteMessage in a broadcast over Named.conns`
			log.Printf("%s: %v", name, err)
		}
	}
}

// --- silent ---

// The broadcast drops dead members.
type Clean struct {
	mu   sync.Mutex
	subs map[*websocket.Conn]bool
}

func (f *Clean) Add(c *websocket.Conn) {
	f.mu.Lock()
	f.subs[c] = true
	f.mu.Unlock()
}

func (f *Clean) Publish(msg []byte) {
	for c := range f.subs {
		if err := c.WriteMessage(websocket.TextMessage, msg); err != nil {
			delete(f.subs, c)
			c.Close()
		}
	}
}

// The broadcast closes dead members; their read loops remove them.
func (h *ConnectionManager) Publish(msg []byte) {
	for c := range h.conns {
		if err := c.WriteMessage(websocket.TextMessage, msg); err != nil {
			c.Close()
		}
	}
}

// The error goes to a counter: the cleanup is added after it is taken.
type Counted struct {
	subs map[*websocket.Conn]bool
	errs int
}

func (f *Counted) Add(c *websocket.Conn) { f.subs[c] = true }

func (f *Counted) Publish(msg []byte) {
	for c := range f.subs {
		err := c.WriteMessage(websocket.TextMessage, msg) // want `c.WriteMessage in a broadcast over Counted.subs`
		f.count(err)
	}
}

func (f *Counted) count(err error) {
	if err != nil {
		f.errs++
	}
}
