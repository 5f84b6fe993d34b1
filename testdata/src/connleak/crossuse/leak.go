// Package crossuse registers connections with a manager of another
// package (connleak/cleanup), whose Add and Remove are known through
// facts.
package crossuse

import (
	"net/http"

	"connleak/cleanup"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

func serveLeaky(m *cleanup.Manager, w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	m.Add(conn) // want `conn is added to Manager.conns but not removed when the read loop ends`
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func serve(m *cleanup.Manager, w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	m.Add(conn)
	defer m.Remove(conn)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// The manager held in a field.
type Server struct {
	m *cleanup.Manager
}

func (s *Server) serveLeaky(conn *websocket.Conn) {
	s.m.Add(conn) // want `conn is added to Manager.conns but not removed when the read loop ends`
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (s *Server) serveRemoveAfterLoop(conn *websocket.Conn) {
	s.m.Add(conn)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			break
		}
	}
	s.m.Remove(conn)
}

// --- silent ---

// Local registries die with the function.
func localRegistry(conn *websocket.Conn) {
	seen := map[*websocket.Conn]bool{}
	seen[conn] = true
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// Maps of non-connection values.
var names = map[string]string{}

func nonConn(id string, conn *websocket.Conn) {
	names[id] = conn.RemoteAddr().String()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// No read loop in sight: the caller owns the lifecycle.
func register(m *cleanup.Manager, conn *websocket.Conn) {
	m.Add(conn)
}
