package coder

import (
	"context"

	"github.com/coder/websocket"
)

// A hub fed by register and unregister channels; readPump defers the
// unregister send.
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
		case message := <-h.broadcast:
			for client := range h.clients {
				select {
				case client.send <- message:
				default:
					close(client.send)
					delete(h.clients, client)
				}
			}
		}
	}
}

func (c *Client) readPump(ctx context.Context) {
	defer func() {
		c.hub.unregister <- c
		c.conn.CloseNow()
	}()
	for {
		_, message, err := c.conn.Read(ctx)
		if err != nil {
			break
		}
		c.hub.broadcast <- message
	}
}

func serveWs(ctx context.Context, hub *Hub, conn *websocket.Conn) {
	client := &Client{hub: hub, conn: conn, send: make(chan []byte, 256)}
	client.hub.register <- client
	go client.readPump(ctx)
}

// The same hub, but this handler reads itself and never unregisters.
func serveWsLeaky(ctx context.Context, hub *Hub, conn *websocket.Conn) {
	client := &Client{hub: hub, conn: conn, send: make(chan []byte, 256)}
	hub.register <- client // want `client is added to Hub.clients but not removed when the read loop ends`
	for {
		if _, _, err := conn.Read(ctx); err != nil {
			return
		}
	}
}
