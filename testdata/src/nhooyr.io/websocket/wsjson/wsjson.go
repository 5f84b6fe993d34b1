// Package wsjson is a stub of nhooyr.io/websocket/wsjson for analysistest: exact signatures, no logic.
package wsjson

import (
	"context"

	"nhooyr.io/websocket"
)

func Read(ctx context.Context, c *websocket.Conn, v interface{}) error {
	panic("stub")
}

func Write(ctx context.Context, c *websocket.Conn, v interface{}) error {
	panic("stub")
}
