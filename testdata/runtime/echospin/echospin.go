// Package echospin is a gorilla/websocket echo server whose read loop
// logs a read error and continues: on a failed connection it reads
// again and again until gorilla panics.
package echospin

import (
	"net/http"
	"sync/atomic"

	"github.com/gorilla/websocket"
)

// Server counts its live handlers and the panics they end in.
type Server struct {
	upgrader websocket.Upgrader
	handlers atomic.Int64
	panics   atomic.Int64
	readErrs atomic.Int64
}

// Stats is what the server observes about itself.
type Stats struct {
	Handlers, Panics, ReadErrors, Members, WritesAfterFailure, Messages int64
}

func (s *Server) Stats() Stats {
	return Stats{Handlers: s.handlers.Load(), Panics: s.panics.Load(), ReadErrors: s.readErrs.Load()}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handlers.Add(1)
	defer s.handlers.Add(-1)
	defer func() {
		if recover() != nil {
			s.panics.Add(1)
		}
	}()
	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	for {
		mt, msg, err := conn.ReadMessage() // want: readloop
		if err != nil {
			s.readErrs.Add(1)
			continue
		}
		if err := conn.WriteMessage(mt, msg); err != nil {
			return
		}
	}
}
