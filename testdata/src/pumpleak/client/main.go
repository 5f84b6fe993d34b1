// A client program: main's goroutines end with the process.
package main

import (
	"time"

	"github.com/gorilla/websocket"
)

func main() {
	c, _, err := websocket.DefaultDialer.Dial("ws://localhost:8080/ws", nil)
	if err != nil {
		return
	}
	go func() {
		for range time.Tick(time.Second) {
			c.WriteMessage(websocket.PingMessage, nil)
		}
	}()
	for {
		if _, _, err := c.ReadMessage(); err != nil {
			return
		}
	}
}
