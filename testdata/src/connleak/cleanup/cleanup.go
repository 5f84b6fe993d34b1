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

// A package registry with functions that add and remove.
var (
	mu    sync.Mutex
	conns = map[*websocket.Conn]bool{}
)

func Register(c *websocket.Conn) {
	mu.Lock()
	conns[c] = true
	mu.Unlock()
}

func Unregister(c *websocket.Conn) {
	mu.Lock()
	delete(conns, c)
	mu.Unlock()
}
