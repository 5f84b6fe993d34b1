package gobwas

import (
	"net"
	"net/http"
	"time"

	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsutil"
)

// A writer ranging over a channel that nothing closes.
func rangeNeverClosed(w http.ResponseWriter, r *http.Request) {
	conn, _, _, err := ws.UpgradeHTTP(r, w)
	if err != nil {
		return
	}
	defer conn.Close()
	send := make(chan []byte, 8)
	go func() { // want `the goroutine started here ranges over send, which nothing closes when the read loop in rangeNeverClosed ends: it leaks once per client; close send when the read loop ends \(defer close\(send\)\)`
		defer conn.Close()
		for m := range send {
			if err := wsutil.WriteServerText(conn, m); err != nil {
				return
			}
		}
	}()
	for {
		msg, _, err := wsutil.ReadClientData(conn)
		if err != nil {
			return
		}
		send <- msg
	}
}

// A writer that gives up on a failed write without a word.
func writerQuits(conn net.Conn) {
	defer conn.Close()
	send := make(chan []byte, 8)
	defer close(send)
	go func() {
		for m := range send {
			if err := wsutil.WriteServerText(conn, m); err != nil { // want `the goroutine that writerQuits starts returns when this write to conn fails, without closing conn or telling the read loop in writerQuits: .*; close conn when the goroutine returns \(defer conn.Close\(\)\)`
				return
			}
		}
	}()
	for {
		msg, _, err := wsutil.ReadClientData(conn)
		if err != nil {
			return
		}
		send <- msg
	}
}

// A done channel closed by a defer.
func doneDeferred(conn net.Conn) {
	defer conn.Close()
	done := make(chan struct{})
	defer close(done)
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				wsutil.WriteServerMessage(conn, ws.OpPing, nil)
			}
		}
	}()
	for {
		if _, _, err := wsutil.ReadClientData(conn); err != nil {
			return
		}
	}
}
