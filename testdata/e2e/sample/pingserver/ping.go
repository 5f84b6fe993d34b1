// Package pingserver writes one gorilla connection from two goroutines:
// a ping ticker beside the echo, and an SDK-style client whose Send runs
// beside its background loop. Lines marked "want: NAME" must draw a
// diagnostic from that analyzer; the rest must stay silent.
package pingserver

import (
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

// Echo pings from a goroutine while the handler echoes.
func Echo(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
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
}

// Client answers pings in its loop; Send writes from the caller.
type Client struct {
	conn *websocket.Conn
}

func Dial(url string) (*Client, error) {
	conn, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		return nil, err
	}
	c := &Client{conn: conn}
	go c.run()
	return c, nil
}

func (c *Client) run() {
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		if string(msg) == "ping" {
			c.conn.WriteMessage(websocket.TextMessage, []byte("pong"))
		}
	}
}

func (c *Client) Send(msg []byte) error {
	return c.conn.WriteMessage(websocket.TextMessage, msg) // want: concurrentwrite
}

// Quiet pings with WriteControl, which may run beside the writer; the
// pinger leaves when its ping fails after the deferred Close.
func Quiet(conn *websocket.Conn) {
	defer conn.Close()
	go func() {
		for range time.Tick(10 * time.Second) {
			if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
				return
			}
		}
	}()
	for {
		mt, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		conn.WriteMessage(mt, msg)
	}
}
