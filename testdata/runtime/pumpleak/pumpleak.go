// Package pumpleak is a gorilla/websocket echo server whose per-client
// writer leaks: the handler hands each message to a writer goroutine
// that ranges over the client's send channel, and nothing closes that
// channel when the read loop ends, so every client that leaves leaves
// its writer behind, blocked forever.
package pumpleak

import (
	"net/http"
	"sync/atomic"

	"github.com/gorilla/websocket"
)

// Server counts its live handlers and writers.
type Server struct {
	upgrader websocket.Upgrader
	handlers atomic.Int64
	writers  atomic.Int64
	messages atomic.Int64
}

// Stats is what the server observes about itself; Members counts the
// live writer goroutines.
type Stats struct {
	Handlers, Panics, ReadErrors, Members, WritesAfterFailure, Messages int64
}

func (s *Server) Stats() Stats {
	return Stats{Handlers: s.handlers.Load(), Members: s.writers.Load(), Messages: s.messages.Load()}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handlers.Add(1)
	defer s.handlers.Add(-1)
	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	send := make(chan []byte, 16)
	s.writers.Add(1)
	go func() { // want: pumpleak
		defer s.writers.Add(-1)
		for msg := range send {
			if err := conn.WriteMessage(websocket.TextMessage, msg); err != nil {
				conn.Close()
				return
			}
		}
	}()
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		s.messages.Add(1)
		send <- msg // echoed by the writer
	}
}
