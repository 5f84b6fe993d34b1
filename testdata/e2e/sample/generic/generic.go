// Package generic has a read loop inside a generic function.
package generic

import "github.com/gorilla/websocket"

// Pump decodes messages of any type; it spins on a failed connection.
func Pump[T any](c *websocket.Conn, out chan<- T) {
	for {
		var v T
		if err := c.ReadJSON(&v); err != nil { // want: readloop
			continue
		}
		out <- v
	}
}
