// Package sdkuse writes connections that package sdk also writes.
package sdkuse

import (
	"context"
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

// opamp-go's cycle: when Start's first write fails, the cycle returns
// without waiting for the sender's goroutine, and the next cycle's Start
// writes while it may still run. One race, reported once: the sender's
// goroutine seen from runOneCycle and from the loop is one goroutine.
type client struct {
	conn   *websocket.Conn
	sender *sdk.Sender
}

func (c *client) runOneCycle(ctx context.Context) {
	procCtx, cancel := context.WithCancel(ctx)
	if err := c.sender.Start(procCtx, c.conn); err != nil {
		cancel()
		return
	}
	for {
		if _, _, err := c.conn.ReadMessage(); err != nil {
			break
		}
	}
	cancel()
	c.sender.WaitToStop()
}

func (c *client) runUntilStopped(ctx context.Context) {
	for ctx.Err() == nil {
		// nofix: the writes are in package sdk
		c.runOneCycle(ctx) // want `c.runOneCycle may run while the goroutine started at line \d+ writes the same connection`
	}
}
