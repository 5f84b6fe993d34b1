package gorilla

import (
	"net/http"
	"sync"

	"github.com/gorilla/websocket"
)

// The shape of olahol/melody: the library's own hub owns registration
// and removal; HandleRequest unregisters after the read loop returns.
type session struct {
	conn   *websocket.Conn
	output chan []byte
}

type melodyHub struct {
	mu         sync.RWMutex
	sessions   map[*session]bool
	register   chan *session
	unregister chan *session
	open       bool
}

func (h *melodyHub) run() {
	for {
		select {
		case s := <-h.register:
			h.mu.Lock()
			h.sessions[s] = true
			h.mu.Unlock()
		case s := <-h.unregister:
			h.mu.Lock()
			delete(h.sessions, s)
			h.mu.Unlock()
		}
	}
}

func (h *melodyHub) closed() bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return !h.open
}

func (s *session) readPump() {
	for {
		if _, _, err := s.conn.ReadMessage(); err != nil {
			break
		}
	}
}

type Melody struct {
	Upgrader *websocket.Upgrader
	hub      *melodyHub
}

func (m *Melody) HandleRequest(w http.ResponseWriter, r *http.Request) error {
	conn, err := m.Upgrader.Upgrade(w, r, nil)
	if err != nil {
		return err
	}
	s := &session{conn: conn, output: make(chan []byte, 256)}
	m.hub.register <- s
	s.readPump()
	if !m.hub.closed() {
		m.hub.unregister <- s
	}
	conn.Close()
	return nil
}
