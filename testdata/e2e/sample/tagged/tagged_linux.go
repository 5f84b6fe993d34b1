//go:build linux

// Package tagged has files behind build tags.
package tagged

import "github.com/gorilla/websocket"

func Loop(c *websocket.Conn) {
	for {
		_, _, _ = c.ReadMessage() // want: readloop
	}
}
