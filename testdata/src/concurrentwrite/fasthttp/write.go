package fasthttp

import (
	"time"

	"github.com/fasthttp/websocket"
	fiber "github.com/gofiber/contrib/websocket"
)

// The ping goroutine and the echo write one connection; the file does
// not import sync yet: the fix imports it.
func echo(conn *websocket.Conn) {
	go func() {
		for range time.Tick(time.Second) {
			if err := conn.WriteMessage(websocket.PingMessage, nil); err != nil {
				return
			}
		}
	}()
	for {
		mt, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		conn.WriteMessage(mt, msg) // want `conn.WriteMessage may run while the goroutine started at line \d+ writes the same connection \(conn.WriteMessage\)`
	}
}

// gofiber's Conn embeds fasthttp's.
func fiberEcho(c *fiber.Conn) {
	go func() {
		for range time.Tick(time.Second) {
			c.WriteMessage(websocket.PingMessage, nil)
		}
	}()
	for {
		mt, msg, err := c.ReadMessage()
		if err != nil {
			return
		}
		c.WriteMessage(mt, msg) // want `c.WriteMessage may run while the goroutine started at line \d+ writes the same connection \(c.WriteMessage\)`
	}
}

// WriteControl pings beside the echo: silent.
func controlPings(conn *websocket.Conn) {
	go func() {
		for range time.Tick(time.Second) {
			conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
		}
	}()
	for {
		mt, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		conn.WriteMessage(mt, msg)
	}
}
