// Regressions: cases the analyzer got wrong in its first version (found
// by the first test pass), each now handled as its want says.

package xnet

import "golang.org/x/net/websocket"

// BUG 1 (missing fix): a broadcast through a Codec
// (websocket.Message.Send(c, msg)) is reported but gets no fix: the fix
// looks for the member only as the receiver of the write.
func (f *Feed) Publish(msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		websocket.Message.Send(c, msg) // want `websocket.Message.Send in a broadcast over Feed.subs: a failed write neither removes nor closes the member`
	}
}

// golden for Publish:
//
//	for c := range f.subs {
//		if err := websocket.Message.Send(c, msg); err != nil {
//			delete(f.subs, c)
//			c.Close()
//		}
//	}

// BUG 2 (wrong fix, does not compile): (*websocket.Conn).Write returns
// (int, error); the fix writes `if err := c.Write(msg); err != nil`
// ("assignment mismatch: 1 variable but c.Write returns 2 values").
func (f *Feed) PublishRaw(msg []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		c.Write(msg) // want `c.Write in a broadcast over Feed.subs: a failed write neither removes nor closes the member`
	}
}

// golden for PublishRaw:
//
//	for c := range f.subs {
//		if _, err := c.Write(msg); err != nil {
//			delete(f.subs, c)
//			c.Close()
//		}
//	}
