package gofiber

import (
	"sync"
	"time"

	"github.com/gofiber/contrib/websocket"
)

// gofiber's handler with a pinger that stops only on a failed ping; the
// handler never closes the connection, but fasthttp closes the hijacked
// connection when the handler returns, and the next ping fails.
var Handler = websocket.New(func(c *websocket.Conn) {
	go func() {
		for range time.Tick(time.Second) {
			if err := c.WriteMessage(websocket.PingMessage, nil); err != nil {
				return
			}
		}
	}()
	for {
		if _, _, err := c.ReadMessage(); err != nil {
			return
		}
	}
})

// A writer started with sync.WaitGroup.Go that ranges over a channel
// nothing closes; the handler waits for it, and so never returns either.
func waitGroup(c *websocket.Conn) {
	var wg sync.WaitGroup
	defer wg.Wait()
	defer c.Close()
	send := make(chan []byte, 8)
	wg.Go(func() { // want `the goroutine started here ranges over send, which nothing closes or sends on when the read loop in waitGroup ends: it leaks once per client; close send when the read loop ends \(defer close\(send\)\)`
		for m := range send {
			if err := c.WriteMessage(websocket.TextMessage, m); err != nil {
				c.Close()
				return
			}
		}
	})
	for {
		_, m, err := c.ReadMessage()
		if err != nil {
			return
		}
		send <- m
	}
}
