package xnet

import (
	"log"
	"sync"

	"golang.org/x/net/websocket"
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

func (f *Feed) PublishLogged(msg []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		if _, err := c.Write(msg); err != nil { // want `c.Write in a broadcast over Feed.subs`
			log.Println("write:", err)
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

func (f *CleanFeed) Publish(msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		if err := websocket.Message.Send(c, msg); err != nil {
			delete(f.subs, c)
			c.Close()
		}
	}
}
