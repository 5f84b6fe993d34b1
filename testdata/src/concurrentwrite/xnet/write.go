package xnet

import (
	"time"

	"golang.org/x/net/websocket"
)

// x/net's Conn locks its writes. Silent.
func echo(ws *websocket.Conn) {
	go func() {
		for range time.Tick(time.Second) {
			websocket.Message.Send(ws, "tick")
		}
	}()
	for {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			return
		}
		websocket.Message.Send(ws, msg)
	}
}
