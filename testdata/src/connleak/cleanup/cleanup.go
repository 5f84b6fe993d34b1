// Package cleanup is a connection manager in its own package: its
// removal helper is known to importers through a fact.
package cleanup

import (
	"sync"

	"github.com/gorilla/websocket"
)

type Manager struct {
	mu    sync.Mutex
	conns map[*websocket.Conn]struct{}
}

func (m *Manager) Add(c *websocket.Conn) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.conns[c] = struct{}{}
}

func (m *Manager) Remove(c *websocket.Conn) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.conns, c)
}
