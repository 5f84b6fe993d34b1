// Package pinger is a gorilla/websocket echo server with a ping ticker
// that writes PingMessage with WriteMessage from its own goroutine
// while the handler echoes: two writers on one connection.
package pinger

import (
	"net/http"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

type Server struct {
	upgrader websocket.Upgrader
	handlers atomic.Int64
	panics   atomic.Int64
	messages atomic.Int64
}

type Stats struct {
	Handlers, Panics, Messages int64
}

func (s *Server) Stats() Stats {
	return Stats{Handlers: s.handlers.Load(), Panics: s.panics.Load(), Messages: s.messages.Load()}
}

// recovered counts gorilla's "concurrent write to websocket connection"
// panic instead of letting it kill the server.
func (s *Server) recovered() {
	if recover() != nil {
		s.panics.Add(1)
	}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handlers.Add(1)
	defer s.handlers.Add(-1)
	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer s.recovered()
		ticker := time.NewTicker(time.Millisecond)
		defer ticker.Stop()
		for {
			select {
			case <-done:
				return
			case <-ticker.C:
				if err := conn.WriteMessage(websocket.PingMessage, []byte("ping")); err != nil {
					return
				}
			}
		}
	}()
	defer s.recovered()
	for {
		mt, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if err := conn.WriteMessage(mt, msg); err != nil { // want: concurrentwrite
			return
		}
		s.messages.Add(1)
	}
}
