// Package coderserver has the read-loop bugs of coder/websocket servers.
package coderserver

import (
	"context"
	"log"
	"net/http"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
)

type Message struct {
	Text string `json:"text"`
}

// Echo continues on a read error.
func Echo(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	ctx := r.Context()
	for {
		typ, data, err := c.Read(ctx) // want: readloop
		if err != nil {
			log.Println(err)
			continue
		}
		if err := c.Write(ctx, typ, data); err != nil {
			return
		}
	}
}

// Normal ends only on a normal closure.
func Normal(ctx context.Context, c *websocket.Conn) error {
	for {
		var m Message
		err := wsjson.Read(ctx, c, &m) // want: readloop
		if websocket.CloseStatus(err) == websocket.StatusNormalClosure {
			return nil
		}
		log.Println(m.Text)
	}
}

// Good returns the error to its caller.
func Good(ctx context.Context, c *websocket.Conn) error {
	for {
		var m Message
		if err := wsjson.Read(ctx, c, &m); err != nil {
			return err
		}
		log.Println(m.Text)
	}
}

// Shutdown writes after closing.
func Shutdown(ctx context.Context, c *websocket.Conn) {
	c.Close(websocket.StatusNormalClosure, "bye")
	c.Write(ctx, websocket.MessageText, []byte("late")) // want: writeafterclose
}
