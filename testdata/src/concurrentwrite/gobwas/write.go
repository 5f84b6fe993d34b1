package gobwas

import (
	"net"
	"time"

	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsutil"
)

// Frames written by two goroutines on one net.Conn interleave.
func serve(conn net.Conn) {
	go func() {
		for range time.Tick(time.Second) {
			if err := wsutil.WriteServerMessage(conn, ws.OpPing, nil); err != nil {
				return
			}
		}
	}()
	for {
		msg, op, err := wsutil.ReadClientData(conn)
		if err != nil {
			return
		}
		wsutil.WriteServerMessage(conn, op, msg) // want `wsutil.WriteServerMessage may run while the goroutine started at line \d+ writes the same connection \(wsutil.WriteServerMessage\): gobwas writes a frame's header and payload separately`
	}
}

// One writer: silent.
func serveOne(conn net.Conn, out <-chan []byte) {
	go func() {
		for msg := range out {
			if err := wsutil.WriteServerText(conn, msg); err != nil {
				return
			}
		}
	}()
	for {
		if _, _, err := wsutil.ReadClientData(conn); err != nil {
			return
		}
	}
}
