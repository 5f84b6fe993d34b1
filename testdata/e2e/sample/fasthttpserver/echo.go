// Package fasthttpserver pings from a goroutine while a fasthttp/websocket
// handler echoes: fasthttp/websocket, like gorilla, allows one concurrent
// writer and panics with "concurrent write to websocket connection".
// Lines marked "want: NAME" must draw a diagnostic from that analyzer;
// the rest must stay silent.
package fasthttpserver

import (
	"time"

	"github.com/fasthttp/websocket"
	"github.com/valyala/fasthttp"
)

var upgrader = websocket.FastHTTPUpgrader{}

// Echo upgrades the request and echoes every message, pinging every ten
// seconds.
func Echo(ctx *fasthttp.RequestCtx) {
	err := upgrader.Upgrade(ctx, func(conn *websocket.Conn) {
		defer conn.Close()
		go func() {
			for range time.Tick(10 * time.Second) {
				if err := conn.WriteMessage(websocket.PingMessage, nil); err != nil {
					return
				}
			}
		}()
		for {
			mt, msg, err := conn.ReadMessage()
			if err != nil {
				return
			}
			if err := conn.WriteMessage(mt, msg); err != nil { // want: concurrentwrite
				return
			}
		}
	})
	if err != nil {
		ctx.Error("upgrade failed", fasthttp.StatusBadRequest)
	}
}
