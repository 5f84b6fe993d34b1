// Package coderecho is a coder/websocket echo server whose read loop
// continues on error: it spins on a failed connection forever.
package coderecho

import (
	"net/http"
	"sync/atomic"

	"github.com/coder/websocket"
)

type Server struct {
	handlers atomic.Int64
	readErrs atomic.Int64
}

type Stats struct {
	Handlers, Panics, ReadErrors, Members, WritesAfterFailure, Messages int64
}

func (s *Server) Stats() Stats {
	return Stats{Handlers: s.handlers.Load(), ReadErrors: s.readErrs.Load()}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handlers.Add(1)
	defer s.handlers.Add(-1)
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	ctx := r.Context()
	for {
		typ, data, err := c.Read(ctx) // want: readloop
		if err != nil {
			s.readErrs.Add(1)
			continue
		}
		if err := c.Write(ctx, typ, data); err != nil {
			return
		}
	}
}
