// Package hubserver is a chat server with the connection-manager bugs
// real servers have: a handler that registers and never unregisters, and
// a broadcast that keeps dead members.
package hubserver

import (
	"log"
	"net/http"
	"sync"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

// Manager is the seed's ConnectionManager.
type Manager struct {
	mu    sync.Mutex
	conns map[*websocket.Conn]bool
}

func NewManager() *Manager { return &Manager{conns: make(map[*websocket.Conn]bool)} }

// Len reports how many connections the manager holds.
func (m *Manager) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.conns)
}

func (m *Manager) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	m.mu.Lock()
	m.conns[conn] = true // want: connleak
	m.mu.Unlock()
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			log.Println("read:", err)
			return
		}
		m.broadcast(msg)
	}
}

func (m *Manager) broadcast(msg []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for c := range m.conns {
		c.WriteMessage(websocket.TextMessage, msg) // want: connleak
	}
}
