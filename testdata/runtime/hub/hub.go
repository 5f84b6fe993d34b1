// Package hub is a gorilla/websocket chat server whose manager never
// removes a connection, and whose broadcast ignores write errors.
package hub

import (
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/gorilla/websocket"
)

type Server struct {
	upgrader  websocket.Upgrader
	mu        sync.Mutex
	conns     map[*websocket.Conn]bool
	handlers  atomic.Int64
	writeErrs atomic.Int64
	messages  atomic.Int64
}

func New() *Server { return &Server{conns: make(map[*websocket.Conn]bool)} }

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
	s.conns[conn] = true // want: connleak
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
	for c := range s.conns {
		err := c.WriteMessage(websocket.TextMessage, msg) // want: connleak
		s.countErr(err)
	}
}

func (s *Server) countErr(err error) {
	if err != nil {
		s.writeErrs.Add(1)
	}
}
