// Package slicehub is a gorilla/websocket chat server that keeps its
// members in a slice and never removes one, so its broadcast writes to
// every client that ever came.
package slicehub

import (
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/gorilla/websocket"
)

type Server struct {
	upgrader  websocket.Upgrader
	mu        sync.Mutex
	conns     []*websocket.Conn
	handlers  atomic.Int64
	writeErrs atomic.Int64
	messages  atomic.Int64
}

type Stats struct {
	Handlers, Panics, ReadErrors, Members, WritesAfterFailure, Messages int64
}

func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{Handlers: s.handlers.Load(), Members: int64(len(s.conns)), WritesAfterFailure: s.writeErrs.Load(), Messages: s.messages.Load()}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handlers.Add(1)
	defer s.handlers.Add(-1)
	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	s.mu.Lock()
	s.conns = append(s.conns, conn) // want: connleak
	s.mu.Unlock()
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		s.Broadcast(msg)
		s.messages.Add(1) // after the broadcast: the driver waits for it
	}
}

// Broadcast sends msg to every member and counts the writes that fail.
func (s *Server) Broadcast(msg []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		if err := c.WriteMessage(websocket.TextMessage, msg); err != nil { // want: connleak
			s.writeErrs.Add(1)
		}
	}
}
