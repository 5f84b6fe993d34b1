// Package crosshub is a client manager used from another package: its
// hub's unregister case and its helpers close what stops a write pump.
package crosshub

import "github.com/gorilla/websocket"

type Client struct {
	Conn *websocket.Conn
	Send chan []byte
}

type Hub struct {
	Unregister chan *Client // want Unregister:`hubEnds\(close &.1\*\)`
	clients    map[*Client]bool
}

func (h *Hub) Run() {
	for c := range h.Unregister {
		if h.clients[c] {
			delete(h.clients, c)
			close(c.Send)
		}
	}
}

// Close closes the client's send channel.
func (c *Client) Close() { close(c.Send) } // want Close:`stops\(close 0&.1\*\)`

// Drop closes the client's connection.
func Drop(c *Client) { c.Conn.Close() } // want Drop:`stops\(closeconn 0&.0\*\)`

// Forget does nothing that stops a pump.
func Forget(c *Client) {}

// Notify tells someone, through a func value.
func Notify(c *Client, f func(*Client)) { f(c) } // want Notify:`stops\(call 1\)`
