// Package gorillaserver is an echo server with the read-loop bugs real
// gorilla/websocket servers have. Lines marked "want: NAME" must draw a
// diagnostic from that analyzer; the rest must stay silent.
package gorillaserver

import (
	"log"
	"net/http"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

// Echo continues after a read error: the loop spins on a closed
// connection until gorilla panics.
func Echo(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	for {
		mt, msg, err := conn.ReadMessage() // want: readloop
		if err != nil {
			log.Println("read:", err)
			continue
		}
		if err := conn.WriteMessage(mt, msg); err != nil {
			return
		}
	}
}

// Drain ignores the read error altogether.
func Drain(conn *websocket.Conn) {
	for {
		_, _, _ = conn.ReadMessage() // want: readloop
	}
}

// NormalOnly ends the loop only on a normal closure.
func NormalOnly(conn *websocket.Conn, out chan<- []byte) {
	for {
		_, msg, err := conn.ReadMessage() // want: readloop
		if websocket.IsCloseError(err, websocket.CloseNormalClosure) {
			return
		}
		out <- msg
	}
}

// Client is shaped like gorilla's chat example and is correct.
type Client struct {
	conn *websocket.Conn
	send chan []byte
}

func (c *Client) ReadPump() {
	defer c.conn.Close()
	for {
		_, message, err := c.conn.ReadMessage()
		if err != nil {
			if websocket.IsUnexpectedCloseError(err, websocket.CloseGoingAway, websocket.CloseAbnormalClosure) {
				log.Printf("error: %v", err)
			}
			break
		}
		c.send <- message
	}
}
