package crossuse

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

func (f *Feed) PublishJSON(v any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		if err := c.WriteJSON(v); err != nil { // want `c.WriteJSON in a broadcast over Feed.subs`
			log.Println("write:", err)
			continue
		}
	}
}

// --- silent ---

// The broadcast drops dead members.
type CleanFeed struct {
	mu   sync.Mutex
	subs map[*websocket.Conn]bool
}

func (f *CleanFeed) Subscribe(c *websocket.Conn) {
	f.mu.Lock()
	f.subs[c] = true
	f.mu.Unlock()
}

func (f *CleanFeed) Publish(msg []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		if err := c.WriteMessage(websocket.TextMessage, msg); err != nil {
			delete(f.subs, c)
			c.Close()
		}
	}
}
