// Package deadlock holds hubs that send a dead client on their own
// unregister channel.
package deadlock

import (
	"log"

	"github.com/gorilla/websocket"
)

type Client struct {
	hub  *Hub
	conn *websocket.Conn
	send chan []byte
}

type Hub struct {
	clients    map[*Client]bool
	broadcast  chan []byte
	register   chan *Client
	unregister chan *Client
}

func NewHub() *Hub {
	return &Hub{
		clients:    make(map[*Client]bool),
		broadcast:  make(chan []byte),
		register:   make(chan *Client),
		unregister: make(chan *Client),
	}
}

func (h *Hub) run() {
	for {
		select {
		case client := <-h.register:
			h.clients[client] = true
		case client := <-h.unregister:
			if _, ok := h.clients[client]; ok {
				delete(h.clients, client)
				close(client.send)
			}
		case msg := <-h.broadcast:
			for c := range h.clients {
				if err := c.conn.WriteMessage(websocket.TextMessage, msg); err != nil {
					log.Println("write:", err)
					h.unregister <- c // want `h.unregister <- c blocks forever: Hub.unregister is unbuffered and run, which sends it, is its only receiver`
				}
			}
		}
	}
}

// The broadcast is a method the hub calls: it runs in the hub too.
type Room struct {
	members map[*Client]bool
	join    chan *Client
	leave   chan *Client
	say     chan []byte
}

func NewRoom() *Room {
	return &Room{members: map[*Client]bool{}, join: make(chan *Client), leave: make(chan *Client), say: make(chan []byte)}
}

func (r *Room) run() {
	for {
		select {
		case m := <-r.join:
			r.members[m] = true
		case gone := <-r.leave:
			delete(r.members, gone)
		case msg := <-r.say:
			r.fanOut(msg)
		}
	}
}

func (r *Room) fanOut(msg []byte) {
	for m := range r.members {
		if err := m.conn.WriteMessage(websocket.TextMessage, msg); err != nil {
			r.leave <- m // want `r.leave <- m blocks forever: Room.leave is unbuffered and run, which sends it, is its only receiver`
		}
	}
}

func (c *Client) readPump() {
	defer func() { c.hub.unregister <- c }()
	for {
		if _, _, err := c.conn.ReadMessage(); err != nil {
			return
		}
	}
}

// --- silent ---

// A buffered unregister channel.
type BufferedHub struct {
	clients    map[*Client]bool
	broadcast  chan []byte
	unregister chan *Client
}

func NewBufferedHub() *BufferedHub {
	return &BufferedHub{clients: map[*Client]bool{}, broadcast: make(chan []byte), unregister: make(chan *Client, 256)}
}

func (h *BufferedHub) run() {
	for {
		select {
		case c := <-h.unregister:
			delete(h.clients, c)
		case msg := <-h.broadcast:
			for c := range h.clients {
				if err := c.conn.WriteMessage(websocket.TextMessage, msg); err != nil {
					h.unregister <- c
				}
			}
		}
	}
}

// The send runs in a goroutine of its own.
type AsyncHub struct {
	clients    map[*Client]bool
	broadcast  chan []byte
	unregister chan *Client
}

func NewAsyncHub() *AsyncHub {
	return &AsyncHub{clients: map[*Client]bool{}, broadcast: make(chan []byte), unregister: make(chan *Client)}
}

func (h *AsyncHub) run() {
	for {
		select {
		case c := <-h.unregister:
			delete(h.clients, c)
		case msg := <-h.broadcast:
			for c := range h.clients {
				if err := c.conn.WriteMessage(websocket.TextMessage, msg); err != nil {
					go func() { h.unregister <- c }()
				}
			}
		}
	}
}

// A send in a select with a default does not block.
func (h *AsyncHub) tryDrop(c *Client) {
	select {
	case h.unregister <- c:
	default:
	}
}
