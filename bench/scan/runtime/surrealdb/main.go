// Command surrealdb checks the readloop finding in surrealdb.go v0.2.1
// (internal/websocket/ws.go:167): a server that ends the connection one
// way, per run; the client's read goroutine should leave, not spin.
//
//	go run ./surrealdb 1000|1001|fin|rst
//
// Seen 2026-12-03: in all four modes the process dies with "panic:
// repeated read on failed websocket connection" (exit 2).
package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/gorilla/websocket"
	surrealdb "github.com/surrealdb/surrealdb.go"
)

func main() {
	mode := os.Args[1]
	up := websocket.Upgrader{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
		switch mode {
		case "1000", "1001":
			code := websocket.CloseNormalClosure
			if mode == "1001" {
				code = websocket.CloseGoingAway
			}
			c.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, ""), time.Now().Add(time.Second))
			c.Close()
		case "fin":
			c.UnderlyingConn().Close()
		case "rst":
			c.UnderlyingConn().(*net.TCPConn).SetLinger(0)
			c.UnderlyingConn().Close()
		}
	}))
	defer srv.Close()
	db, err := surrealdb.New("ws" + srv.URL[4:])
	if err != nil {
		panic(err)
	}
	_ = db
	time.Sleep(2 * time.Second)
	fmt.Println(mode, "client still alive")
}
