package coder

import (
	"context"
	"sync"

	"github.com/coder/websocket"
)

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

// The broadcast closes dead members; nothing removes them, but a
// closed member fails fast and its owner's read loop ends.
type ClosingFeed struct {
	mu   sync.Mutex
	subs map[*websocket.Conn]bool
}

func (f *ClosingFeed) Subscribe(c *websocket.Conn) {
	f.mu.Lock()
	f.subs[c] = true
	f.mu.Unlock()
}

func (f *ClosingFeed) Publish(ctx context.Context, msg []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		if err := c.Write(ctx, websocket.MessageText, msg); err != nil {
			c.Close(websocket.StatusGoingAway, "write failed")
		}
	}
}
