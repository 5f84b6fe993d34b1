// Package goodbye is a gorilla/websocket server that says goodbye to a
// connection whose read just failed.
package goodbye

import (
	"net/http"
	"sync/atomic"

	"github.com/gorilla/websocket"
)

type Server struct {
	upgrader websocket.Upgrader
	handlers atomic.Int64
	late     atomic.Int64 // writes attempted after the connection failed
}

type Stats struct {
	Handlers, Panics, ReadErrors, Members, WritesAfterFailure, Messages int64
}

func (s *Server) Stats() Stats {
	return Stats{Handlers: s.handlers.Load(), WritesAfterFailure: s.late.Load()}
}

// sendLate writes to a connection the caller knows has failed.
func (s *Server) sendLate(conn *websocket.Conn, text string) error {
	s.late.Add(1)
	return conn.WriteMessage(websocket.TextMessage, []byte(text))
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handlers.Add(1)
	defer s.handlers.Add(-1)
	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	for {
		mt, msg, err := conn.ReadMessage()
		if err != nil {
			s.sendLate(conn, "goodbye: "+err.Error()) // want: writeafterclose
			return
		}
		if err := conn.WriteMessage(mt, msg); err != nil {
			return
		}
	}
}
