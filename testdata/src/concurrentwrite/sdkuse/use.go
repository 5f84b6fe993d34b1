// Package sdkuse writes connections that package sdk also writes.
package sdkuse

import (
	"time"

	"github.com/gorilla/websocket"

	"concurrentwrite/sdk"
)

// The goroutine pings through sdk.Ping while the loop echoes.
func echo(conn *websocket.Conn) {
	go func() {
		for range time.Tick(time.Second) {
			sdk.Ping(conn)
		}
	}()
	for {
		mt, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		// nofix: the other write is in package sdk
		conn.WriteMessage(mt, msg) // want `conn.WriteMessage may run while the goroutine started at line \d+ writes the same connection \(\(\*websocket.Conn\).WriteMessage\)`
	}
}

// sdk.KeepAlive starts the pinger.
func echoKeepAlive(conn *websocket.Conn) {
	sdk.KeepAlive(conn)
	for {
		mt, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		// nofix: the other write is in package sdk
		conn.WriteMessage(mt, msg) // want `conn.WriteMessage may run while the goroutine started at line \d+ writes the same connection`
	}
}
