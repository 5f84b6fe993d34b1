package coder

import (
	"context"
	"net/http"
	"time"

	"github.com/coder/websocket"
	"golang.org/x/sync/errgroup"
)

// A writer ranging over a channel that nothing closes.
func rangeNeverClosed(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	ctx := r.Context()
	msgs := make(chan []byte, 8)
	go func() { // want `the goroutine started here ranges over msgs, which nothing closes when the read loop in rangeNeverClosed ends: it leaks once per client; close msgs when the read loop ends \(defer close\(msgs\)\)`
		for m := range msgs {
			if err := c.Write(context.Background(), websocket.MessageText, m); err != nil {
				c.CloseNow()
				return
			}
		}
	}()
	for {
		_, m, err := c.Read(ctx)
		if err != nil {
			return
		}
		msgs <- m
	}
}

// A pinger that stops only when a ping fails, and a reader that never
// closes the connection.
func pingerNoClose(ctx context.Context, c *websocket.Conn) error {
	go func() { // want `the goroutine started here returns only when a write to c fails, and nothing closes c when the read loop in pingerNoClose ends: it leaks once per client; close c when the read loop ends \(defer c.CloseNow\(\)\)`
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for range t.C {
			if err := c.Ping(context.Background()); err != nil {
				return
			}
		}
	}()
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return err
		}
	}
}

// A writer that gives up on a failed write without a word.
func writerQuits(ctx context.Context, c *websocket.Conn) error {
	defer c.CloseNow()
	msgs := make(chan []byte, 8)
	defer close(msgs)
	go func() {
		for m := range msgs {
			if err := c.Write(ctx, websocket.MessageText, m); err != nil { // want `the goroutine that writerQuits starts returns when this write to c fails, without closing c or telling the read loop in writerQuits: the reader and what it registered live on, and nothing writes to the peer any more; close c when the goroutine returns \(defer c.CloseNow\(\)\)`
				return
			}
		}
	}()
	for {
		_, m, err := c.Read(ctx)
		if err != nil {
			return err
		}
		msgs <- m
	}
}

// coder's CloseRead: the context ends with the connection.
func closeRead(ctx context.Context, c *websocket.Conn, msgs chan []byte) {
	defer c.CloseNow()
	ctx = c.CloseRead(ctx)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case m := <-msgs:
				c.Write(ctx, websocket.MessageText, m)
			}
		}
	}()
	<-ctx.Done()
}

// An errgroup with its context.
func group(ctx context.Context, c *websocket.Conn, msgs chan []byte) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		for {
			if _, _, err := c.Read(ctx); err != nil {
				return err
			}
		}
	})
	g.Go(func() error {
		for {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case m := <-msgs:
				if err := c.Write(ctx, websocket.MessageText, m); err != nil {
					return err
				}
			}
		}
	})
	return g.Wait()
}

// A pinger after the reader's deferred close.
func pingerClosed(ctx context.Context, c *websocket.Conn) error {
	defer c.Close(websocket.StatusNormalClosure, "")
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for range t.C {
			if err := c.Ping(ctx); err != nil {
				return
			}
		}
	}()
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return err
		}
	}
}
