// Package wsjson is a stub of github.com/coder/websocket/wsjson for analysistest: exact signatures, no logic.
package wsjson

import (
	"context"

	"github.com/coder/websocket"
)

func Read(ctx context.Context, c *websocket.Conn, v any) error {
	panic("stub")
}

func Write(ctx context.Context, c *websocket.Conn, v any) error {
	panic("stub")
}
