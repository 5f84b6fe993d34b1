// Package gobwasserver streams replies through a wsutil.Writer while a
// goroutine writes ping frames on the same net.Conn: gobwas writes a
// frame's header and payload separately, so the two interleave. Lines
// marked "want: NAME" must draw a diagnostic from that analyzer; the
// rest must stay silent.
package gobwasserver

import (
	"net/http"
	"time"

	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsutil"
)

// Stream echoes each message through a buffered writer and pings every
// ten seconds.
func Stream(w http.ResponseWriter, r *http.Request) {
	conn, _, _, err := ws.UpgradeHTTP(r, w)
	if err != nil {
		return
	}
	defer conn.Close()
	go func() {
		for range time.Tick(10 * time.Second) {
			if err := ws.WriteFrame(conn, ws.NewPingFrame(nil)); err != nil {
				return
			}
		}
	}()
	out := wsutil.NewWriter(conn, ws.StateServerSide, ws.OpText)
	for {
		msg, _, err := wsutil.ReadClientData(conn)
		if err != nil {
			return
		}
		if _, err := out.Write(msg); err != nil { // want: concurrentwrite
			return
		}
		if err := out.Flush(); err != nil {
			return
		}
	}
}
