// Run-time check of the slacktest readloop finding: one mode per process.
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
