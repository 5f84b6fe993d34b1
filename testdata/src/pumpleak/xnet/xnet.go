package xnet

import (
	"time"

	"golang.org/x/net/websocket"
)

// A writer ranging over a channel that nothing closes.
func rangeNeverClosed(ws *websocket.Conn) {
	defer ws.Close()
	send := make(chan string)
	go func() { // want `the goroutine started here ranges over send, which nothing closes or sends on when the read loop in rangeNeverClosed ends: it leaks once per client; close send when the read loop ends \(defer close\(send\)\)`
		defer ws.Close()
		for m := range send {
			if err := websocket.Message.Send(ws, m); err != nil {
				return
			}
		}
	}()
	for {
		var m string
		if err := websocket.Message.Receive(ws, &m); err != nil {
			return
		}
		send <- m
	}
}

// A pinger-like writer that stops on its failed write, with no Close:
// x/net closes the connection when the handler returns, and the next
// send fails.
var Handler = websocket.Handler(func(ws *websocket.Conn) {
	go func() {
		for range time.Tick(time.Second) {
			if err := websocket.Message.Send(ws, "tick"); err != nil {
				return
			}
		}
	}()
	for {
		var m string
		if err := websocket.Message.Receive(ws, &m); err != nil {
			return
		}
	}
})

// The same, closed by a defer.
func closed(ws *websocket.Conn) {
	defer ws.Close()
	go func() {
		for range time.Tick(time.Second) {
			if err := websocket.Message.Send(ws, "tick"); err != nil {
				return
			}
		}
	}()
	for {
		var m string
		if err := websocket.Message.Receive(ws, &m); err != nil {
			return
		}
	}
}
