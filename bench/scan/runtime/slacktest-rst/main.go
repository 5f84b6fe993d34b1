// Command slacktest-rst checks the readloop finding in slack-go's
// slacktest (handlers.go:354): a client connects and leaves one way, per
// run, and the server's handler should return.
//
//	go run ./slacktest-rst 1000|1001|fin|rst
//
// Seen 2026-12-03: 1000, 1001 and fin return; rst logs "read error" 999
// times and gorilla panics "repeated read on failed websocket
// connection" (recovered and logged by net/http).
package main

import (
	"fmt"
	"net"
	"os"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack/slacktest"
)

func main() {
	mode := os.Args[1]
	sts := slacktest.NewTestServer()
	sts.Start()
	c, _, err := websocket.DefaultDialer.Dial(sts.GetWSURL(), nil)
	if err != nil {
		panic(err)
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
	time.Sleep(2 * time.Second)
	fmt.Println(mode, "server still alive")
}
