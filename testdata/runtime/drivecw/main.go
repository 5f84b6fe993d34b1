// Command drivecw drives the servers and clients of testdata/runtime
// that write one connection from two goroutines (pinger, sdk) with real
// gorilla/websocket peers, and prints, as JSON, how many writes ran and
// how many "concurrent write to websocket connection" panics happened.
// Run it with -race: the race detector reports every unsynchronized pair
// of writes, whether or not gorilla noticed the overlap.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"example.com/wsruntime/pinger"
	"example.com/wsruntime/sdk"
)

type Result struct {
	Clients, Messages, Panics int64
}

func main() {
	clients := flag.Int("clients", 30, "clients per server")
	messages := flag.Int("messages", 100, "messages per client")
	only := flag.String("server", "", "drive only this one (pinger or sdk)")
	flag.Parse()
	out := make(map[string]Result)
	if *only == "" || *only == "pinger" {
		out["pinger"] = drivePinger(*clients, *messages)
	}
	if *only == "" || *only == "sdk" {
		out["sdk"] = driveSDK(*clients, *messages)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}

// drivePinger connects clients that each send messages and read their
// echoes while the server pings every millisecond; they leave with
// 1000, 1001 and an abrupt TCP close in turn.
func drivePinger(n, msgs int) Result {
	s := &pinger.Server{}
	ts := httptest.NewServer(s)
	url := "ws" + strings.TrimPrefix(ts.URL, "http")
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, _, err := websocket.DefaultDialer.Dial(url, nil)
			if err != nil {
				fmt.Fprintln(os.Stderr, "dial:", err)
				return
			}
			c.SetReadDeadline(time.Now().Add(20 * time.Second))
			for range msgs {
				if err := c.WriteMessage(websocket.TextMessage, []byte("hello")); err != nil {
					break
				}
				if _, _, err := c.ReadMessage(); err != nil {
					break
				}
			}
			leave(c, i)
		}()
	}
	wg.Wait()
	waitFor(func() bool { return s.Stats().Handlers == 0 })
	st := s.Stats()
	return Result{Clients: int64(n), Messages: st.Messages, Panics: st.Panics}
}

// driveSDK serves a peer that sends "ping" texts as fast as it can, and
// runs SDK clients that Send messages while their loops answer the
// pings; Messages counts the sends that succeeded.
func driveSDK(n, msgs int) Result {
	var sent atomic.Int64
	upgrader := websocket.Upgrader{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer conn.Close()
		done := make(chan struct{})
		go func() {
			defer close(done)
			for {
				if _, _, err := conn.ReadMessage(); err != nil {
					return
				}
			}
		}()
		for {
			select {
			case <-done:
				return
			default:
			}
			if err := conn.WriteMessage(websocket.TextMessage, []byte("ping")); err != nil {
				<-done
				return
			}
			time.Sleep(100 * time.Microsecond)
		}
	}))
	url := "ws" + strings.TrimPrefix(ts.URL, "http")
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := sdk.Dial(url)
			if err != nil {
				fmt.Fprintln(os.Stderr, "dial:", err)
				return
			}
			for range msgs {
				if err := c.Send([]byte("hello")); err != nil {
					break
				}
				sent.Add(1)
			}
			c.Close()
		}()
	}
	wg.Wait()
	return Result{Clients: int64(n), Messages: sent.Load(), Panics: sdk.Panics.Load()}
}

// leave closes a client with 1000, 1001 or no close frame (1006).
func leave(c *websocket.Conn, i int) {
	switch i % 3 {
	case 0, 1:
		code := websocket.CloseNormalClosure
		if i%3 == 1 {
			code = websocket.CloseGoingAway
		}
		c.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, "bye"), time.Now().Add(time.Second))
		c.Close()
	default:
		c.UnderlyingConn().Close()
	}
}

func waitFor(cond func() bool) {
	deadline := time.Now().Add(5 * time.Second)
	for !cond() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
}
