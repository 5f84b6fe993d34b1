// Package server has one bug per wsvet analyzer, a silenced one, and
// correct code. Lines marked "want: ANALYZER" must be reported.
package server

import (
	"log"
	"sync"

	"github.com/gorilla/websocket"
)

// Spin continues after a read error.
func Spin(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage() // want: readloop
		if err != nil {
			log.Println("read:", err)
			continue
		}
		log.Printf("%s", msg)
	}
}

// Goodbye writes to a connection whose read failed.
func Goodbye(conn *websocket.Conn) {
	_, _, err := conn.ReadMessage()
	if err != nil {
		conn.WriteMessage(websocket.TextMessage, []byte("goodbye")) // want: writeafterclose
		return
	}
}

// Manager never forgets a connection.
type Manager struct {
	mu    sync.Mutex
	conns map[*websocket.Conn]bool
}

func (m *Manager) Serve(conn *websocket.Conn) {
	m.mu.Lock()
	m.conns[conn] = true // want: connleak
	m.mu.Unlock()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// Silenced spins, but the comment says it is on purpose.
func Silenced(conn *websocket.Conn) {
	for {
		_, _, _ = conn.ReadMessage() //nolint:wsvet // the test peer never closes
	}
}

// Echo is correct.
func Echo(conn *websocket.Conn) {
	defer conn.Close()
	for {
		mt, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if err := conn.WriteMessage(mt, msg); err != nil {
			return
		}
	}
}
