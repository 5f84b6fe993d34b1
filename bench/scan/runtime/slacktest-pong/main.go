// Command slacktest-pong checks the concurrentwrite finding in slack-go's
// slacktest (handlers.go:435): the client pings while the server pushes
// messages, so the handler's pong and handlePendingMessages write the
// same connection. Run it with the race detector:
//
//	go run -race ./slacktest-pong
//
// Seen 2026-12-03: data races, then "panic: concurrent write to
// websocket connection" (exit 2).
package main

import (
	"fmt"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack/slacktest"
)

func main() {
	sts := slacktest.NewTestServer()
	sts.Start()
	c, _, err := websocket.DefaultDialer.Dial(sts.GetWSURL(), nil)
	if err != nil {
		panic(err)
	}
	go func() {
		for {
			if _, _, err := c.ReadMessage(); err != nil {
				return
			}
		}
	}()
	go func() {
		for i := 0; ; i++ {
			sts.SendToWebsocket(fmt.Sprintf(`{"type":"message","text":"m%d"}`, i))
		}
	}()
	for i := 0; i < 2000; i++ {
		if err := c.WriteMessage(websocket.TextMessage, []byte(fmt.Sprintf(`{"type":"ping","id":%d}`, i))); err != nil {
			fmt.Println("client write:", err)
			return
		}
	}
	time.Sleep(time.Second)
	fmt.Println("done")
}
