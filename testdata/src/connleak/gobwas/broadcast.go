package gobwas

import (
	"net"
	"sync"

	"github.com/gobwas/ws/wsutil"
)

// --- silent ---

// The broadcast drops dead members.
type CleanFeed struct {
	mu   sync.Mutex
	subs map[net.Conn]bool
}

func (f *CleanFeed) Subscribe(c net.Conn) {
	f.mu.Lock()
	f.subs[c] = true
	f.mu.Unlock()
}

func (f *CleanFeed) Publish(msg []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		if err := wsutil.WriteServerText(c, msg); err != nil {
			delete(f.subs, c)
			c.Close()
		}
	}
}
