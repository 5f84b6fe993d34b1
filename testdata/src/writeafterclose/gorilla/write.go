package gorilla

import (
	"encoding/json"
	"errors"
	"log"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

func handle(msg []byte) {}

// --- writes in the read-error branch ---

func goodbyeOnError(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			conn.WriteMessage(websocket.TextMessage, []byte("goodbye")) // want `conn.WriteMessage writes to conn after conn.ReadMessage failed`
			return
		}
		handle(msg)
	}
}

func errorReply(conn *websocket.Conn) {
	var req struct{ ID int }
	if err := conn.ReadJSON(&req); err != nil {
		conn.WriteJSON(map[string]string{"error": err.Error()}) // want `conn.WriteJSON writes to conn after conn.ReadJSON failed`
		return
	}
}

func closingStatus(conn *websocket.Conn) {
	for {
		_, _, err := conn.ReadMessage()
		if websocket.IsCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway) {
			if werr := conn.WriteJSON(map[string]string{"status": "closing"}); werr != nil { // want `conn.WriteJSON writes to conn after conn.ReadMessage failed`
				log.Println(werr)
			}
			return
		}
		if err != nil {
			return
		}
	}
}

type Client struct {
	ws   *websocket.Conn
	name string
}

// The connection is a field loaded twice: still the same connection.
func (c *Client) readLoop() {
	for {
		_, msg, err := c.ws.ReadMessage()
		if err != nil {
			log.Println("read:", err)
			c.ws.WriteMessage(websocket.TextMessage, []byte("bye "+c.name)) // want `c.ws.WriteMessage writes to c.ws after c.ws.ReadMessage failed`
			break
		}
		handle(msg)
	}
}

// A helper that writes: a write through a fact.
func (c *Client) send(text string) error {
	return c.ws.WriteMessage(websocket.TextMessage, []byte(text))
}

func (c *Client) readWithHelper() {
	for {
		_, msg, err := c.ws.ReadMessage()
		if err != nil {
			c.send("error: " + err.Error()) // want `c.send writes to c after c.ws.ReadMessage failed`
			return
		}
		handle(msg)
	}
}

// Closures capture the connection.
func closure(conn *websocket.Conn) func() {
	return func() {
		_, _, err := conn.ReadMessage()
		if err != nil {
			conn.WriteMessage(websocket.TextMessage, []byte("x")) // want `conn.WriteMessage writes to conn after conn.ReadMessage failed`
		}
	}
}

// --- writes after Close ---

func writeAfterClose(conn *websocket.Conn) {
	conn.Close()
	conn.WriteMessage(websocket.TextMessage, []byte("late")) // want `conn.WriteMessage writes to conn after conn.Close closed it`
}

func writeAfterCloseInBranch(conn *websocket.Conn, done bool) error {
	if done {
		conn.Close()
		// nofix: the write is the returned value; removing it is a judgment call
		return conn.WriteMessage(websocket.TextMessage, []byte("late")) // want `conn.WriteMessage writes to conn after conn.Close closed it`
	}
	return nil
}

// --- broadcast while the dead connection is still registered ---

type Hub struct {
	mu      sync.Mutex
	clients map[*websocket.Conn]bool
}

func (h *Hub) broadcast(msg []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		if err := c.WriteMessage(websocket.TextMessage, msg); err != nil {
			c.Close()
			delete(h.clients, c)
		}
	}
}

func (h *Hub) remove(c *websocket.Conn) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

func (h *Hub) serveBroadcastFirst(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			h.broadcast([]byte("a user left")) // want `h.broadcast broadcasts to Hub.clients while the connection whose conn.ReadMessage failed is still in it`
			h.remove(conn)
			return
		}
		h.broadcast(msg)
	}
}

func (h *Hub) serveDeferredRemoval(conn *websocket.Conn) {
	defer h.remove(conn)
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			// nofix: the removal is deferred; moving it changes more than order
			h.broadcast([]byte("a user left")) // want `h.broadcast broadcasts to Hub.clients while the connection`
			return
		}
		h.broadcast(msg)
	}
}

// --- silent ---

// The seed's correct order: remove, then tell the others.
func (h *Hub) serveRemoveFirst(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			h.remove(conn)
			h.broadcast([]byte("a user left"))
			return
		}
		h.broadcast(msg)
	}
}

func writeToPeer(conn, peer *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			peer.WriteMessage(websocket.TextMessage, []byte("your partner left"))
			return
		}
		peer.WriteMessage(websocket.TextMessage, msg)
	}
}

func echo(conn *websocket.Conn) {
	for {
		mt, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if err := conn.WriteMessage(mt, msg); err != nil {
			return
		}
	}
}

func closeHandshake(conn *websocket.Conn) {
	_, _, err := conn.ReadMessage()
	if err != nil {
		msg := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "bye")
		conn.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
	}
}

func decodeErrorReply(conn *websocket.Conn) {
	for {
		var v struct{ Type string }
		err := conn.ReadJSON(&v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			conn.WriteJSON(map[string]string{"error": "bad json"})
			continue
		}
		if err != nil {
			return
		}
	}
}

// A write pump ends on its own write error.
func writePump(conn *websocket.Conn, send <-chan []byte) {
	defer conn.Close()
	for msg := range send {
		if err := conn.WriteMessage(websocket.TextMessage, msg); err != nil {
			return
		}
	}
}

func reconnect(url string) {
	conn, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		return
	}
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			conn, _, err = websocket.DefaultDialer.Dial(url, nil)
			if err != nil {
				return
			}
			conn.WriteMessage(websocket.TextMessage, []byte("hello again"))
			continue
		}
		handle(msg)
	}
}

// A read wrapper that reconnects when its read fails: the reply goes to
// the new connection.
type redialer struct {
	conn *websocket.Conn
	url  string
}

func (r *redialer) next() ([]byte, error) {
	_, msg, err := r.conn.ReadMessage()
	if err != nil {
		r.conn, _, _ = websocket.DefaultDialer.Dial(r.url, nil)
		return nil, err
	}
	return msg, nil
}

func (r *redialer) resync() {
	if _, err := r.next(); err != nil {
		r.conn.WriteMessage(websocket.TextMessage, []byte("resync"))
	}
}

func closeThenRedial(url string, conn *websocket.Conn) {
	conn.Close()
	conn, _, _ = websocket.DefaultDialer.Dial(url, nil)
	conn.WriteMessage(websocket.TextMessage, []byte("new connection"))
}

func closeOnOneBranch(conn *websocket.Conn, done bool) {
	if done {
		conn.Close()
	}
	conn.WriteMessage(websocket.TextMessage, []byte("maybe"))
}

func ignoredWrite(conn *websocket.Conn) {
	_, _, err := conn.ReadMessage()
	if err != nil {
		//wsvet:ignore writeafterclose the peer half-closes only its read side in this protocol
		conn.WriteMessage(websocket.TextMessage, []byte("bye"))
	}
}

func goodbyeInVariable(conn *websocket.Conn) {
	_, _, err := conn.ReadMessage()
	if err != nil {
		bye := []byte("bye")
		// nofix: removing the write would leave bye unused
		conn.WriteMessage(websocket.TextMessage, bye) // want `conn.WriteMessage writes to conn after conn.ReadMessage failed`
	}
}

// An embedded connection resolves through the promoted methods.
type peer struct {
	*websocket.Conn
	id string
}

func (p *peer) serve() {
	for {
		_, msg, err := p.ReadMessage()
		if err != nil {
			p.WriteMessage(websocket.TextMessage, []byte("bye "+p.id)) // want `p.WriteMessage writes to p after p.ReadMessage failed`
			return
		}
		handle(msg)
	}
}
