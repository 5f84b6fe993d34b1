package crossuse

import (
	"example.com/chanutil"

	"pumpleak/crosshub"

	"github.com/gorilla/websocket"
)

func writePump(c *crosshub.Client) {
	for m := range c.Send {
		if err := c.Conn.WriteMessage(websocket.TextMessage, m); err != nil {
			c.Conn.Close()
			return
		}
	}
}

func readLoop(conn *websocket.Conn) {
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// The other package's hub closes Send in its unregister case.
func viaHub(h *crosshub.Hub, c *crosshub.Client) {
	go writePump(c)
	defer func() { h.Unregister <- c }()
	readLoop(c.Conn)
}

// The other package's helper closes Send.
func viaMethod(c *crosshub.Client) {
	go writePump(c)
	defer c.Close()
	readLoop(c.Conn)
}

// A helper of a package wsvet does not analyze may close it.
func viaUnanalyzed(c *crosshub.Client) {
	go writePump(c)
	defer chanutil.CloseBytes(c.Send)
	readLoop(c.Conn)
}

// A helper that hands the client to a func value may do anything.
func viaFunc(c *crosshub.Client, f func(*crosshub.Client)) {
	go writePump(c)
	defer crosshub.Notify(c, f)
	readLoop(c.Conn)
}

// The other package's helpers that do not close Send.
func viaForget(c *crosshub.Client) {
	// nofix: Send belongs to another package, which may close it too
	go writePump(c) // want `the goroutine started here ranges over c.Send, which nothing closes or sends on when the read loop in readLoop ends`
	defer crosshub.Forget(c)
	defer crosshub.Drop(c)
	readLoop(c.Conn)
}
