// Package sdk is a client library in the style of many SDKs: Dial
// starts a loop that answers the server's pings with a text message,
// and Send writes from the caller's goroutine: two writers on one
// connection.
package sdk

import (
	"sync/atomic"

	"github.com/gorilla/websocket"
)

// Panics counts the "concurrent write to websocket connection" panics
// of every client.
var Panics atomic.Int64

type Client struct {
	conn *websocket.Conn
	done chan struct{}
}

func Dial(url string) (*Client, error) {
	conn, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		return nil, err
	}
	c := &Client{conn: conn, done: make(chan struct{})}
	go c.run()
	return c, nil
}

func recovered() {
	if recover() != nil {
		Panics.Add(1)
	}
}

func (c *Client) run() {
	defer close(c.done)
	defer recovered()
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		if string(msg) == "ping" {
			if err := c.conn.WriteMessage(websocket.TextMessage, []byte("pong")); err != nil {
				return
			}
		}
	}
}

// Send writes a message from the caller's goroutine.
func (c *Client) Send(msg []byte) (err error) {
	defer recovered()
	return c.conn.WriteMessage(websocket.TextMessage, msg) // want: concurrentwrite
}

// Close ends the connection and waits for the loop.
func (c *Client) Close() {
	c.conn.Close()
	<-c.done
}
