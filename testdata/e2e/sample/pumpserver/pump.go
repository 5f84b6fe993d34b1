// Package pumpserver has the goroutine leaks of real servers: a write
// pump that nothing stops when its client leaves, a pinger that waits
// for a connection nobody closes, and a writer that gives up without a
// word. Chat is gorilla's chat example, which stops everything.
package pumpserver

import (
	"context"
	"net/http"
	"time"

	"github.com/coder/websocket"
	gorilla "github.com/gorilla/websocket"
)

var upgrader = gorilla.Upgrader{}

// Echo hands messages to a writer that ranges over send; nothing closes
// send when the read loop ends.
func Echo(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	send := make(chan []byte, 16)
	go func() { // want: pumpleak
		defer conn.Close()
		for msg := range send {
			if err := conn.WriteMessage(gorilla.TextMessage, msg); err != nil {
				return
			}
		}
	}()
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		send <- msg
	}
}

// Ping pings until a ping fails, but the reader never closes the
// connection.
func Ping(ctx context.Context, c *websocket.Conn) error {
	go func() { // want: pumpleak
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for range t.C {
			if err := c.Ping(ctx); err != nil {
				return
			}
		}
	}()
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return err
		}
	}
}

// Relay's writer returns on a failed write and tells nobody.
func Relay(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	send := make(chan []byte)
	defer close(send)
	go func() {
		for msg := range send {
			if err := conn.WriteMessage(gorilla.TextMessage, msg); err != nil { // want: pumpleak
				return
			}
		}
	}()
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		send <- msg
	}
}

// gorilla's chat example, shortened: the hub closes client.send when the
// reader unregisters, and writePump also stops on its failed ping.
type Client struct {
	hub  *Hub
	conn *gorilla.Conn
	send chan []byte
}

type Hub struct {
	clients    map[*Client]bool
	broadcast  chan []byte
	register   chan *Client
	unregister chan *Client
}

func (h *Hub) Run() {
	for {
		select {
		case c := <-h.register:
			h.clients[c] = true
		case c := <-h.unregister:
			if _, ok := h.clients[c]; ok {
				delete(h.clients, c)
				close(c.send)
			}
		case m := <-h.broadcast:
			for c := range h.clients {
				select {
				case c.send <- m:
				default:
					close(c.send)
					delete(h.clients, c)
				}
			}
		}
	}
}

func (c *Client) readPump() {
	defer func() {
		c.hub.unregister <- c
		c.conn.Close()
	}()
	for {
		_, m, err := c.conn.ReadMessage()
		if err != nil {
			break
		}
		c.hub.broadcast <- m
	}
}

func (c *Client) writePump() {
	ticker := time.NewTicker(50 * time.Second)
	defer func() {
		ticker.Stop()
		c.conn.Close()
	}()
	for {
		select {
		case m, ok := <-c.send:
			if !ok {
				c.conn.WriteMessage(gorilla.CloseMessage, []byte{})
				return
			}
			if err := c.conn.WriteMessage(gorilla.TextMessage, m); err != nil {
				return
			}
		case <-ticker.C:
			if err := c.conn.WriteMessage(gorilla.PingMessage, nil); err != nil {
				return
			}
		}
	}
}

func ServeWs(hub *Hub, w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	client := &Client{hub: hub, conn: conn, send: make(chan []byte, 256)}
	client.hub.register <- client
	go client.writePump()
	go client.readPump()
}
