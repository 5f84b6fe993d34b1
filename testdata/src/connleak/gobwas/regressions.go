// Regressions: cases the analyzer got wrong in its first version (found
// by the first test pass), each now handled as its want says.

package gobwas

import (
	"net"
	"net/http"
	"sync"

	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsutil"
)

// BUG 1 (wrong fix, does not compile): Names is keyed by name and its
// removal helper takes the name. The fix calls the helper with the
// connection: `defer n.remove(conn)`.
func (n *Names) serveLeaky(name string, conn net.Conn) {
	n.mu.Lock()
	n.conns[name] = conn // want `conn is added to Names.conns but not removed when the read loop ends`
	// golden: defer n.remove(name)
	n.mu.Unlock()
	for {
		if _, err := wsutil.ReadClientText(conn); err != nil {
			return
		}
	}
}

// BUG 2 (missing fix): a broadcast with a function-call write
// (wsutil.WriteServerText(c, msg)) is reported but gets no fix.
type Feed struct {
	mu   sync.Mutex
	subs map[net.Conn]bool
}

func (f *Feed) Subscribe(c net.Conn) {
	f.mu.Lock()
	f.subs[c] = true
	f.mu.Unlock()
}

func (f *Feed) Publish(msg []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.subs {
		wsutil.WriteServerText(c, msg) // want `wsutil.WriteServerText in a broadcast over Feed.subs: a failed write neither removes nor closes the member`
	}
}

// golden for Publish:
//
//	for c := range f.subs {
//		if err := wsutil.WriteServerText(c, msg); err != nil {
//			delete(f.subs, c)
//			c.Close()
//		}
//	}

// BUG 3 (missed leak): gobwas' usual shape, the read loop in a go
// func() closure that captures the connection. The owner search only
// follows connections passed as call arguments, not captured ones.
func (s *Server) serveGoClosure(w http.ResponseWriter, r *http.Request) {
	conn, _, _, err := ws.UpgradeHTTP(r, w)
	if err != nil {
		return
	}
	s.mu.Lock()
	s.conns[conn] = struct{}{} // want `conn is added to Server.conns but not removed when the read loop`
	s.mu.Unlock()
	go func() {
		defer conn.Close()
		for {
			if _, _, err := wsutil.ReadClientData(conn); err != nil {
				return
			}
		}
	}()
}
