package gobwas

import (
	"net"
	"time"

	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsutil"
)

// A pinger that writes ping frames with ws.WriteFrame beside a handler
// that streams through a wsutil.Writer: the ping's bytes can land in the
// middle of a flushed frame.
func stream(conn net.Conn, out <-chan []byte) {
	go func() {
		for range time.Tick(time.Second) {
			if err := ws.WriteFrame(conn, ws.NewPingFrame(nil)); err != nil {
				return
			}
		}
	}()
	w := wsutil.NewWriter(conn, ws.StateServerSide, ws.OpText)
	for msg := range out {
		if _, err := w.Write(msg); err != nil { // want `w.Write may run while the goroutine started at line \d+ writes the same connection \(ws.WriteFrame\): gobwas writes a frame's header and payload separately.*; guard every write of conn with one mutex`
			return
		}
		if err := w.Flush(); err != nil {
			return
		}
	}
}
