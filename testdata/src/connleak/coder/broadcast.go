package coder

import (
	"context"
	"sync"

	"github.com/coder/websocket"
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

func (f *Feed) Publish(ctx context.Context, msg []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		c.Write(ctx, websocket.MessageText, msg) // want `c.Write in a broadcast over Feed.subs: a failed write neither removes nor closes the member`
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

func (f *CleanFeed) Publish(ctx context.Context, msg []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		if err := c.Write(ctx, websocket.MessageText, msg); err != nil {
			delete(f.subs, c)
			c.CloseNow()
		}
	}
}
