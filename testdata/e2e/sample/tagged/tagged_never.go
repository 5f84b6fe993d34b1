//go:build never

package tagged

import "github.com/gorilla/websocket"

// This file is never built, so never analyzed.
func Never(c *websocket.Conn) {
	for {
		_, _, _ = c.ReadMessage()
	}
}
