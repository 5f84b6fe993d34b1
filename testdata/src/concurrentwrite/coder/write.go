package coder

import (
	"context"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
)

// coder locks inside: two goroutines may write. Silent.
func echo(ctx context.Context, c *websocket.Conn) {
	go func() {
		for range time.Tick(time.Second) {
			c.Write(ctx, websocket.MessageText, []byte("tick"))
		}
	}()
	for {
		typ, msg, err := c.Read(ctx)
		if err != nil {
			return
		}
		c.Write(ctx, typ, msg)
		wsjson.Write(ctx, c, "ok")
	}
}
