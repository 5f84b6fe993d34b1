package coder

import (
	"context"
	"io"
	"log"

	"github.com/coder/websocket"
)

// A failed Read or Reader returns message type 0 with any error.

func leavesOnZeroType(ctx context.Context, conn *websocket.Conn) {
	for {
		typ, msg, err := conn.Read(ctx)
		if typ == 0 {
			log.Println(err)
			return
		}
		handle(msg)
	}
}

func readerTypeZero(ctx context.Context, conn *websocket.Conn) {
	for {
		typ, r, _ := conn.Reader(ctx)
		if typ == 0 {
			return
		}
		io.Copy(io.Discard, r)
	}
}

// NetConn's net.Conn reads the connection; it returns io.EOF only for a
// normal closure, other errors for 1001 or a dropped connection.
func netConnOnlyEOF(ctx context.Context, conn *websocket.Conn) {
	nc := websocket.NetConn(ctx, conn, websocket.MessageBinary)
	buf := make([]byte, 4096)
	for {
		n, err := nc.Read(buf) // want `only some errors from nc.Read end the loop`
		if err == io.EOF {
			return
		}
		handle(buf[:n])
	}
}

func netConnAnyError(ctx context.Context, conn *websocket.Conn) error {
	nc := websocket.NetConn(ctx, conn, websocket.MessageBinary)
	buf := make([]byte, 4096)
	for {
		n, err := nc.Read(buf)
		if err != nil {
			return err
		}
		handle(buf[:n])
	}
}
