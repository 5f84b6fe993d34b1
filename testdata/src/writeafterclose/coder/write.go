package coder

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"sync"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
)

func handle(msg []byte) {}

// --- writes in the read-error branch ---

func goodbyeOnError(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			conn.Write(ctx, websocket.MessageText, []byte("goodbye")) // want `conn.Write writes to conn after conn.Read failed`
			return
		}
		handle(msg)
	}
}

func errorReply(ctx context.Context, conn *websocket.Conn) {
	var req struct{ ID int }
	if err := wsjson.Read(ctx, conn, &req); err != nil {
		wsjson.Write(ctx, conn, map[string]string{"error": err.Error()}) // want `wsjson.Write writes to conn after wsjson.Read failed`
		return
	}
}

func closingStatus(ctx context.Context, conn *websocket.Conn) {
	for {
		_, _, err := conn.Read(ctx)
		if websocket.CloseStatus(err) == websocket.StatusNormalClosure {
			if werr := wsjson.Write(ctx, conn, map[string]string{"status": "closing"}); werr != nil { // want `wsjson.Write writes to conn after conn.Read failed`
				log.Println(werr)
			}
			return
		}
		if err != nil {
			return
		}
	}
}

// CloseStatus(err) != -1: any close error.
func anyCloseStatus(ctx context.Context, conn *websocket.Conn) {
	_, _, err := conn.Read(ctx)
	if websocket.CloseStatus(err) != -1 {
		_ = conn.Write(ctx, websocket.MessageText, []byte("closing")) // want `conn.Write writes to conn after conn.Read failed`
	}
}

// errors.As to websocket.CloseError is the same test.
func closeErrorAs(ctx context.Context, conn *websocket.Conn) {
	_, _, err := conn.Read(ctx)
	var ce websocket.CloseError
	if errors.As(err, &ce) {
		conn.Write(ctx, websocket.MessageText, []byte("bye: "+ce.Reason)) // want `conn.Write writes to conn after conn.Read failed`
	}
}

// The streaming writer is a write too.
func writerOnError(ctx context.Context, conn *websocket.Conn) {
	_, _, err := conn.Reader(ctx)
	if err != nil {
		if w, werr := conn.Writer(ctx, websocket.MessageText); werr == nil { // want `conn.Writer writes to conn after conn.Reader failed`
			w.Write([]byte("bye"))
			w.Close()
		}
		return
	}
}

type Client struct {
	conn *websocket.Conn
	name string
}

// The connection is a field loaded twice: still the same connection.
func (c *Client) readLoop(ctx context.Context) {
	for {
		_, msg, err := c.conn.Read(ctx)
		if err != nil {
			log.Println("read:", err)
			c.conn.Write(ctx, websocket.MessageText, []byte("bye "+c.name)) // want `c.conn.Write writes to c.conn after c.conn.Read failed`
			break
		}
		handle(msg)
	}
}

// A helper that writes: a write through a fact.
func (c *Client) send(ctx context.Context, text string) error {
	return c.conn.Write(ctx, websocket.MessageText, []byte(text))
}

func (c *Client) readWithHelper(ctx context.Context) {
	for {
		_, msg, err := c.conn.Read(ctx)
		if err != nil {
			c.send(ctx, "error: "+err.Error()) // want `c.send writes to c after c.conn.Read failed`
			return
		}
		handle(msg)
	}
}

// --- writes after Close ---

func writeAfterClose(ctx context.Context, conn *websocket.Conn) {
	conn.Close(websocket.StatusNormalClosure, "done")
	conn.Write(ctx, websocket.MessageText, []byte("late")) // want `conn.Write writes to conn after conn.Close closed it`
}

func writeAfterCloseNow(ctx context.Context, conn *websocket.Conn) {
	conn.CloseNow()
	wsjson.Write(ctx, conn, map[string]string{"status": "late"}) // want `wsjson.Write writes to conn after conn.CloseNow closed it`
}

func writeAfterCloseInBranch(ctx context.Context, conn *websocket.Conn, done bool) error {
	if done {
		conn.Close(websocket.StatusNormalClosure, "")
		// nofix: the write is the returned value; removing it is a judgment call
		return conn.Write(ctx, websocket.MessageText, []byte("late")) // want `conn.Write writes to conn after conn.Close closed it`
	}
	return nil
}

// --- broadcast while the dead connection is still registered ---

type Hub struct {
	mu      sync.Mutex
	clients map[*websocket.Conn]bool
}

func (h *Hub) broadcast(ctx context.Context, msg []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		if err := c.Write(ctx, websocket.MessageText, msg); err != nil {
			c.CloseNow()
			delete(h.clients, c)
		}
	}
}

func (h *Hub) remove(c *websocket.Conn) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

func (h *Hub) serveBroadcastFirst(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			h.broadcast(ctx, []byte("a user left")) // want `h.broadcast broadcasts to Hub.clients while the connection whose conn.Read failed is still in it`
			h.remove(conn)
			return
		}
		h.broadcast(ctx, msg)
	}
}

func (h *Hub) serveDeferredRemoval(ctx context.Context, conn *websocket.Conn) {
	defer h.remove(conn)
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			// nofix: the removal is deferred; moving it changes more than order
			h.broadcast(ctx, []byte("a user left")) // want `h.broadcast broadcasts to Hub.clients while the connection`
			return
		}
		h.broadcast(ctx, msg)
	}
}

// --- silent ---

func (h *Hub) serveRemoveFirst(ctx context.Context, conn *websocket.Conn) {
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			h.remove(conn)
			h.broadcast(ctx, []byte("a user left"))
			return
		}
		h.broadcast(ctx, msg)
	}
}

func writeToPeer(ctx context.Context, conn, peer *websocket.Conn) {
	for {
		typ, msg, err := conn.Read(ctx)
		if err != nil {
			peer.Write(ctx, websocket.MessageText, []byte("your partner left"))
			return
		}
		peer.Write(ctx, typ, msg)
	}
}

func echo(ctx context.Context, conn *websocket.Conn) {
	for {
		typ, msg, err := conn.Read(ctx)
		if err != nil {
			return
		}
		if err := conn.Write(ctx, typ, msg); err != nil {
			return
		}
	}
}

func echoJSON(ctx context.Context, conn *websocket.Conn) {
	for {
		var v map[string]any
		if err := wsjson.Read(ctx, conn, &v); err != nil {
			return
		}
		if err := wsjson.Write(ctx, conn, v); err != nil {
			return
		}
	}
}

// The close handshake is the library's Close, not a write.
func closeHandshake(ctx context.Context, conn *websocket.Conn) {
	_, _, err := conn.Read(ctx)
	if err != nil {
		conn.Close(websocket.StatusInternalError, "read failed")
	}
}

// Ping is a control frame.
func pingOnError(ctx context.Context, conn *websocket.Conn) {
	_, _, err := conn.Read(ctx)
	if err != nil {
		if perr := conn.Ping(ctx); perr != nil {
			log.Println("peer gone:", perr)
		}
	}
}

func decodeErrorReply(ctx context.Context, conn *websocket.Conn) {
	for {
		var v struct{ Type string }
		err := wsjson.Read(ctx, conn, &v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			wsjson.Write(ctx, conn, map[string]string{"error": "bad json"})
			continue
		}
		if err != nil {
			return
		}
	}
}

// A write pump ends on its own write error.
func writePump(ctx context.Context, conn *websocket.Conn, send <-chan []byte) {
	defer conn.CloseNow()
	for msg := range send {
		if err := conn.Write(ctx, websocket.MessageText, msg); err != nil {
			return
		}
	}
}

func reconnect(ctx context.Context, url string) {
	conn, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		return
	}
	for {
		_, msg, err := conn.Read(ctx)
		if err != nil {
			conn, _, err = websocket.Dial(ctx, url, nil)
			if err != nil {
				return
			}
			conn.Write(ctx, websocket.MessageText, []byte("hello again"))
			continue
		}
		handle(msg)
	}
}

func closeThenRedial(ctx context.Context, url string, conn *websocket.Conn) {
	conn.CloseNow()
	conn, _, _ = websocket.Dial(ctx, url, nil)
	conn.Write(ctx, websocket.MessageText, []byte("new connection"))
}

func closeOnOneBranch(ctx context.Context, conn *websocket.Conn, done bool) {
	if done {
		conn.Close(websocket.StatusNormalClosure, "")
	}
	conn.Write(ctx, websocket.MessageText, []byte("maybe"))
}

// A retry that logs and tries again: coder closes the connection when
// a write fails, so every retry fails at once.
func retryLogs(ctx context.Context, c *websocket.Conn, msg []byte) {
	for {
		if err := c.Write(ctx, websocket.MessageText, msg); err != nil { // want `c.Write is called again after it failed`
			log.Println(err)
			continue
		}
		return
	}
}
