package gobwas

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"sync"

	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsutil"
)

func handle(msg []byte) {}

// --- writes in the read-error branch ---

func goodbyeOnError(w http.ResponseWriter, r *http.Request) {
	conn, _, _, err := ws.UpgradeHTTP(r, w)
	if err != nil {
		return
	}
	defer conn.Close()
	for {
		msg, _, err := wsutil.ReadClientData(conn)
		if err != nil {
			wsutil.WriteServerText(conn, []byte("goodbye")) // want `wsutil.WriteServerText writes to conn after wsutil.ReadClientData failed`
			return
		}
		handle(msg)
	}
}

func errorReply(conn net.Conn) {
	if _, _, err := wsutil.ReadClientData(conn); err != nil {
		wsutil.WriteServerMessage(conn, ws.OpText, []byte("error: "+err.Error())) // want `wsutil.WriteServerMessage writes to conn after wsutil.ReadClientData failed`
		return
	}
}

func closingStatus(conn net.Conn) {
	for {
		_, _, err := wsutil.ReadClientData(conn)
		if _, ok := err.(wsutil.ClosedError); ok {
			if werr := wsutil.WriteServerText(conn, []byte(`{"status":"closing"}`)); werr != nil { // want `wsutil.WriteServerText writes to conn after wsutil.ReadClientData failed`
				log.Println(werr)
			}
			return
		}
		if err != nil {
			return
		}
	}
}

func eofStatus(conn net.Conn) {
	for {
		msg, err := wsutil.ReadClientText(conn)
		if err == io.EOF {
			_ = wsutil.WriteServerText(conn, []byte("eof")) // want `wsutil.WriteServerText writes to conn after wsutil.ReadClientText failed`
			return
		}
		if err != nil {
			return
		}
		handle(msg)
	}
}

type Client struct {
	conn net.Conn
	name string
}

// The connection is a field loaded twice: still the same connection.
func (c *Client) readLoop() {
	for {
		msg, _, err := wsutil.ReadClientData(c.conn)
		if err != nil {
			log.Println("read:", err)
			wsutil.WriteServerText(c.conn, []byte("bye "+c.name)) // want `wsutil.WriteServerText writes to c.conn after wsutil.ReadClientData failed`
			break
		}
		handle(msg)
	}
}

// A helper that writes: a write through a fact.
func (c *Client) send(text string) error {
	return wsutil.WriteServerText(c.conn, []byte(text))
}

func (c *Client) readWithHelper() {
	for {
		msg, _, err := wsutil.ReadClientData(c.conn)
		if err != nil {
			c.send("error: " + err.Error()) // want `c.send writes to c after wsutil.ReadClientData failed`
			return
		}
		handle(msg)
	}
}

// --- broadcast while the dead connection is still registered ---

type Hub struct {
	mu      sync.Mutex
	clients map[net.Conn]bool
}

func (h *Hub) broadcast(msg []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		if err := wsutil.WriteServerText(c, msg); err != nil {
			c.Close()
			delete(h.clients, c)
		}
	}
}

func (h *Hub) remove(c net.Conn) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

func (h *Hub) serveBroadcastFirst(conn net.Conn) {
	for {
		msg, _, err := wsutil.ReadClientData(conn)
		if err != nil {
			h.broadcast([]byte("a user left")) // want `h.broadcast broadcasts to Hub.clients while the connection whose wsutil.ReadClientData failed is still in it`
			h.remove(conn)
			return
		}
		h.broadcast(msg)
	}
}

// --- silent ---

func (h *Hub) serveRemoveFirst(conn net.Conn) {
	for {
		msg, _, err := wsutil.ReadClientData(conn)
		if err != nil {
			h.remove(conn)
			h.broadcast([]byte("a user left"))
			return
		}
		h.broadcast(msg)
	}
}

func writeToPeer(conn, peer net.Conn) {
	for {
		msg, _, err := wsutil.ReadClientData(conn)
		if err != nil {
			wsutil.WriteServerText(peer, []byte("your partner left"))
			return
		}
		wsutil.WriteServerText(peer, msg)
	}
}

func echo(conn net.Conn) {
	for {
		msg, op, err := wsutil.ReadClientData(conn)
		if err != nil {
			return
		}
		if err := wsutil.WriteServerMessage(conn, op, msg); err != nil {
			return
		}
	}
}

func decodeErrorReply(conn net.Conn) {
	for {
		var v struct{ Type string }
		msg, err := wsutil.ReadClientText(conn)
		if err == nil {
			err = json.Unmarshal(msg, &v)
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			wsutil.WriteServerText(conn, []byte(`{"error":"bad json"}`))
			continue
		}
		if err != nil {
			return
		}
	}
}

// A write pump ends on its own write error.
func writePump(conn net.Conn, send <-chan []byte) {
	defer conn.Close()
	for msg := range send {
		if err := wsutil.WriteServerText(conn, msg); err != nil {
			return
		}
	}
}

func reconnect(ctx context.Context, url string) {
	conn, _, _, err := ws.Dial(ctx, url)
	if err != nil {
		return
	}
	for {
		msg, _, err := wsutil.ReadServerData(conn)
		if err != nil {
			conn, _, _, err = ws.Dial(ctx, url)
			if err != nil {
				return
			}
			wsutil.WriteClientText(conn, []byte("hello again"))
			continue
		}
		handle(msg)
	}
}

func closeThenRedial(ctx context.Context, url string, conn net.Conn) {
	conn.Close()
	conn, _, _, _ = ws.Dial(ctx, url)
	wsutil.WriteClientText(conn, []byte("new connection"))
}

func closeOnOneBranch(conn net.Conn, done bool) {
	if done {
		conn.Close()
	}
	wsutil.WriteServerText(conn, []byte("maybe"))
}

// Regression (missed at first, now handled): a gobwas connection is a net.Conn and is closed by
// (net.Conn).Close, which wsapi does not model as a Close, so the write
// after it draws no diagnostic.
func writeAfterClose(conn net.Conn) {
	conn.Close()
	wsutil.WriteServerText(conn, []byte("late")) // want `wsutil.WriteServerText writes to conn after conn.Close closed it`
}

// Regression (a false positive at first, now silent): gobwas' close handshake is a close frame written with
// ws.WriteFrame; like gorilla's WriteControl(CloseMessage, ...) it is
// not a data write and should be silent.
func closeHandshakeFrame(conn net.Conn) {
	_, _, err := wsutil.ReadClientData(conn)
	if err != nil {
		ws.WriteFrame(conn, ws.NewCloseFrame(ws.NewCloseFrameBody(ws.StatusProtocolError, "bad frame")))
	}
}

// Regression (a false positive at first, now silent): the same close frame through wsutil with ws.OpClose.
func closeHandshakeMessage(conn net.Conn) {
	_, _, err := wsutil.ReadClientData(conn)
	if err != nil {
		wsutil.WriteServerMessage(conn, ws.OpClose, ws.NewCloseFrameBody(ws.StatusProtocolError, "bad frame"))
	}
}

// Regression (a false positive at first, now silent): a ping is a control frame (silent for coder's Ping).
func pingOnError(conn net.Conn) {
	_, _, err := wsutil.ReadClientData(conn)
	if err != nil {
		wsutil.WriteServerMessage(conn, ws.OpPing, nil)
	}
}
