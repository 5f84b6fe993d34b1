// Regressions: cases the analyzer got wrong in its first version (found
// by the first test pass), each now handled as its want says.

package coder

import (
	"context"
	"sync"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
)

// BUG 1 (missed leak): coder's chat example without the defer. The
// subscriber holds the connection only through the closeSlow closure,
// and the read happens inside CloseRead's goroutine; nothing is
// reported.
func (cs *chatServer) subscribeLeaky(ctx context.Context, c *websocket.Conn) error {
	ctx = c.CloseRead(ctx)

	s := &subscriber{
		msgs: make(chan []byte, cs.subscriberMessageBuffer),
		closeSlow: func() {
			c.Close(websocket.StatusPolicyViolation, "connection too slow to keep up with messages")
		},
	}
	cs.addSubscriber(s) // want `s is added to chatServer.subscribers but not removed when the read loop ends`
	// golden: defer cs.deleteSubscriber(s)

	for {
		select {
		case msg := <-s.msgs:
			err := writeTimeout(ctx, time.Second*5, c, msg)
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// BUG 2 (missed leak): the same subscriber read with c.Read; missed
// because subscriber has no *websocket.Conn field (the closure holds it).
func (cs *chatServer) subscribeReadingLeaky(ctx context.Context, c *websocket.Conn) error {
	s := &subscriber{
		msgs: make(chan []byte, cs.subscriberMessageBuffer),
		closeSlow: func() {
			c.Close(websocket.StatusPolicyViolation, "connection too slow to keep up with messages")
		},
	}
	cs.addSubscriber(s) // want `s is added to chatServer.subscribers but not removed when the read loop ends`
	// golden: defer cs.deleteSubscriber(s)

	for {
		_, msg, err := c.Read(ctx)
		if err != nil {
			return err
		}
		cs.publish(msg)
	}
}

// BUG 3 (missed leak): the connection is a field, the loop waits on
// CloseRead's context; CloseRead is not modelled as a read.
type fieldSub struct {
	c    *websocket.Conn
	msgs chan []byte
}

type fieldServer struct {
	subs map[*fieldSub]struct{}
}

func (fs *fieldServer) subscribeCloseReadLeaky(ctx context.Context, c *websocket.Conn) error {
	ctx = c.CloseRead(ctx)
	s := &fieldSub{c: c, msgs: make(chan []byte, 16)}
	fs.subs[s] = struct{}{} // want `s is added to fieldServer.subs but not removed when the read loop ends`
	// golden: defer delete(fs.subs, s)
	for {
		select {
		case msg := <-s.msgs:
			if err := c.Write(ctx, websocket.MessageText, msg); err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// BUG 4 (wrong fix, does not compile): the broadcast fix closes the
// member with c.Close(), but coder's Close takes (StatusCode, string).
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

// golden for Publish (got `c.Close()`, which does not type-check):
//
//	for c := range f.subs {
//		if err := c.Write(ctx, websocket.MessageText, msg); err != nil {
//			delete(f.subs, c)
//			c.CloseNow()
//		}
//	}

// BUG 5 (missing fix): a broadcast through wsjson.Write(ctx, c, v) is
// reported but gets no fix: the fix looks for the member only as the
// receiver of the write.
func (f *Feed) PublishJSON(ctx context.Context, v any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		wsjson.Write(ctx, c, v) // want `wsjson.Write in a broadcast over Feed.subs: a failed write neither removes nor closes the member`
	}
}

// golden for PublishJSON:
//
//	for c := range f.subs {
//		if err := wsjson.Write(ctx, c, v); err != nil {
//			delete(f.subs, c)
//			c.CloseNow()
//		}
//	}
