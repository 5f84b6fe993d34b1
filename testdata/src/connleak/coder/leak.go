package coder

import (
	"context"
	"log"
	"net/http"
	"sync"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
)

// Keyed by id, no removal.
type Sessions struct {
	mu   sync.Mutex
	byID map[string]*websocket.Conn
}

func (s *Sessions) serveLeaky(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	id := r.URL.Query().Get("id")
	s.mu.Lock()
	s.byID[id] = c // want `c is added to Sessions.byID but not removed when the read loop ends`
	s.mu.Unlock()
	for {
		var v map[string]any
		if err := wsjson.Read(r.Context(), c, &v); err != nil {
			log.Println(err)
			return
		}
	}
}

func (s *Sessions) serveDeferred(ctx context.Context, id string, c *websocket.Conn) {
	s.mu.Lock()
	s.byID[id] = c
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.byID, id)
		s.mu.Unlock()
	}()
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return
		}
	}
}

// A package-level map keyed by id.
var peers = map[string]*websocket.Conn{}

func servePeer(ctx context.Context, id string, c *websocket.Conn) {
	peers[id] = c // want `c is added to peers but not removed when the read loop ends`
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return
		}
	}
}

func servePeerAfterLoop(ctx context.Context, id string, c *websocket.Conn) {
	peers[id] = c
	for {
		if _, _, err := c.Read(ctx); err != nil {
			break
		}
	}
	delete(peers, id)
}

// A sync.Map with Store and no Delete.
type Directory struct {
	conns sync.Map
}

func (d *Directory) serve(ctx context.Context, id string, c *websocket.Conn) {
	d.conns.Store(id, c) // want `c is added to Directory.conns but not removed`
	for {
		if _, _, err := c.Reader(ctx); err != nil {
			return
		}
	}
}

func (d *Directory) serveDelete(ctx context.Context, id string, c *websocket.Conn) {
	d.conns.Store(id, c)
	defer d.conns.Delete(id)
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return
		}
	}
}

// --- silent ---

// Local registries die with the function.
func localRegistry(ctx context.Context, c *websocket.Conn) {
	seen := map[*websocket.Conn]bool{}
	seen[c] = true
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return
		}
	}
}

// Maps of non-connection values.
var lastSeen = map[string]int{}

func nonConn(ctx context.Context, id string, c *websocket.Conn) {
	lastSeen[id] = 1
	for {
		_, msg, err := c.Read(ctx)
		if err != nil {
			return
		}
		lastSeen[id] += len(msg)
	}
}
