package gorillaserver

import (
	"sync"

	"github.com/gorilla/websocket"
)

// Goodbye says goodbye to a connection whose read just failed.
func Goodbye(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			conn.WriteMessage(websocket.TextMessage, []byte("goodbye")) // want: writeafterclose
			return
		}
		_ = msg
	}
}

// Room broadcasts "left" before it forgets the dead connection.
type Room struct {
	mu      sync.Mutex
	members map[*websocket.Conn]bool
}

func (r *Room) Broadcast(msg []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for c := range r.members {
		if err := c.WriteMessage(websocket.TextMessage, msg); err != nil {
			delete(r.members, c)
			c.Close()
		}
	}
}

func (r *Room) Leave(c *websocket.Conn) {
	r.mu.Lock()
	delete(r.members, c)
	r.mu.Unlock()
}

func (r *Room) Serve(c *websocket.Conn) {
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			r.Broadcast([]byte("someone left")) // want: writeafterclose
			r.Leave(c)
			return
		}
		r.Broadcast(msg)
	}
}
