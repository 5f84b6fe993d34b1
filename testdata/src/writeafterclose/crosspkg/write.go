// Package crosspkg exports write and read helpers and a hub; package
// crosspkguse uses them, so the facts must cross the package boundary.
package crosspkg

import (
	"sync"

	"github.com/gorilla/websocket"
)

type Client struct {
	Conn *websocket.Conn
	Name string
}

func NewClient(conn *websocket.Conn, name string) *Client {
	return &Client{Conn: conn, Name: name}
}

// Send is a write wrapper.
func (c *Client) Send(text string) error {
	return c.Conn.WriteMessage(websocket.TextMessage, []byte(text))
}

// Receive is a read wrapper.
func (c *Client) Receive() (string, error) {
	_, msg, err := c.Conn.ReadMessage()
	if err != nil {
		return "", err
	}
	return string(msg), nil
}

// Hub keeps clients by pointer.
type Hub struct {
	mu      sync.Mutex
	clients map[*Client]bool
}

func NewHub() *Hub {
	return &Hub{clients: make(map[*Client]bool)}
}

func (h *Hub) Add(c *Client) {
	h.mu.Lock()
	h.clients[c] = true
	h.mu.Unlock()
}

// Broadcast writes to every client through its write wrapper.
func (h *Hub) Broadcast(text string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		c.Send(text)
	}
}

func (h *Hub) Remove(c *Client) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

// Room keeps raw connections, with their names.
type Room struct {
	mu    sync.Mutex
	conns map[*websocket.Conn]string
}

// Announce writes to every connection directly.
func (r *Room) Announce(text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for conn, name := range r.conns {
		conn.WriteMessage(websocket.TextMessage, []byte(name+": "+text))
	}
}

func (r *Room) Leave(conn *websocket.Conn) {
	r.mu.Lock()
	delete(r.conns, conn)
	r.mu.Unlock()
}

// Lobby keeps connections by name; Drop finds a connection by identity.
type Lobby struct {
	mu    sync.Mutex
	conns map[string]*websocket.Conn
}

// Announce writes to every connection, ranging over the map's values.
func (l *Lobby) Announce(text string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, conn := range l.conns {
		conn.WriteMessage(websocket.TextMessage, []byte(text))
	}
}

func (l *Lobby) Drop(conn *websocket.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for name, c := range l.conns {
		if c == conn {
			delete(l.conns, name)
		}
	}
}
