// Package gohub is a gorilla/websocket chat server whose handler
// registers the client and hands its read loop to a goroutine of its
// own; the read loop never removes the client, so the broadcast writes
// to every client that ever came.
package gohub

import (
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/gorilla/websocket"
)

type Server struct {
	upgrader  websocket.Upgrader
	mu        sync.Mutex
	clients   map[*Client]bool
	readers   atomic.Int64
	writeErrs atomic.Int64
	messages  atomic.Int64
}

type Client struct {
	srv  *Server
	conn *websocket.Conn
}

func New() *Server { return &Server{clients: make(map[*Client]bool)} }

type Stats struct {
	Handlers, Panics, ReadErrors, Members, WritesAfterFailure, Messages int64
}

// Stats counts the live read loops as handlers: the HTTP handler itself
// returns at once.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{Handlers: s.readers.Load(), Members: int64(len(s.clients)), WritesAfterFailure: s.writeErrs.Load(), Messages: s.messages.Load()}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &Client{srv: s, conn: conn}
	s.mu.Lock()
	s.clients[c] = true // want: connleak
	s.mu.Unlock()
	s.readers.Add(1)
	go c.readLoop()
}

func (c *Client) readLoop() {
	defer c.srv.readers.Add(-1)
	defer c.conn.Close()
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		c.srv.Broadcast(msg)
		c.srv.messages.Add(1) // after the broadcast: the driver waits for it
	}
}

// Broadcast sends msg to every client and counts the writes that fail.
func (s *Server) Broadcast(msg []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		if err := c.conn.WriteMessage(websocket.TextMessage, msg); err != nil { // want: connleak
			s.writeErrs.Add(1)
		}
	}
}
