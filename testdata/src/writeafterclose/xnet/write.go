package xnet

import (
	"encoding/json"
	"errors"
	"io"
	"log"
	"sync"

	"golang.org/x/net/websocket"
)

func handle(msg string) {}

// --- writes in the read-error branch ---

func goodbyeOnError(ws *websocket.Conn) {
	for {
		var msg string
		err := websocket.Message.Receive(ws, &msg)
		if err != nil {
			websocket.Message.Send(ws, "goodbye") // want `websocket.Message.Send writes to ws after websocket.Message.Receive failed`
			return
		}
		handle(msg)
	}
}

func errorReply(ws *websocket.Conn) {
	var req struct{ ID int }
	if err := websocket.JSON.Receive(ws, &req); err != nil {
		websocket.JSON.Send(ws, map[string]string{"error": err.Error()}) // want `websocket.JSON.Send writes to ws after websocket.JSON.Receive failed`
		return
	}
}

func closingStatus(ws *websocket.Conn) {
	for {
		var msg string
		err := websocket.Message.Receive(ws, &msg)
		if err == io.EOF {
			if werr := websocket.JSON.Send(ws, map[string]string{"status": "closing"}); werr != nil { // want `websocket.JSON.Send writes to ws after websocket.Message.Receive failed`
				log.Println(werr)
			}
			return
		}
		if err != nil {
			return
		}
	}
}

// The raw io.ReadWriter methods of the connection.
func rawWrite(ws *websocket.Conn) {
	buf := make([]byte, 512)
	for {
		n, err := ws.Read(buf)
		if err != nil {
			ws.Write([]byte("bye")) // want `ws.Write writes to ws after ws.Read failed`
			return
		}
		handle(string(buf[:n]))
	}
}

// A handler declared at package level: the closure belongs to init.
var echoHandler = websocket.Handler(func(ws *websocket.Conn) {
	var msg string
	if err := websocket.Message.Receive(ws, &msg); err != nil {
		websocket.Message.Send(ws, "read failed") // want `websocket.Message.Send writes to ws after websocket.Message.Receive failed`
		return
	}
	websocket.Message.Send(ws, msg)
})

type Client struct {
	ws   *websocket.Conn
	name string
}

// The connection is a field loaded twice: still the same connection.
func (c *Client) readLoop() {
	for {
		var msg string
		err := websocket.Message.Receive(c.ws, &msg)
		if err != nil {
			log.Println("read:", err)
			websocket.Message.Send(c.ws, "bye "+c.name) // want `websocket.Message.Send writes to c.ws after websocket.Message.Receive failed`
			break
		}
		handle(msg)
	}
}

// A helper that writes: a write through a fact.
func (c *Client) send(text string) error {
	return websocket.Message.Send(c.ws, text)
}

func (c *Client) readWithHelper() {
	for {
		var msg string
		err := websocket.Message.Receive(c.ws, &msg)
		if err != nil {
			c.send("error: " + err.Error()) // want `c.send writes to c after websocket.Message.Receive failed`
			return
		}
		handle(msg)
	}
}

// --- writes after Close ---

func writeAfterClose(ws *websocket.Conn) {
	ws.Close()
	websocket.Message.Send(ws, "late") // want `websocket.Message.Send writes to ws after ws.Close closed it`
}

func writeAfterCloseInBranch(ws *websocket.Conn, done bool) error {
	if done {
		ws.Close()
		// nofix: the write is the returned value; removing it is a judgment call
		return websocket.JSON.Send(ws, "late") // want `websocket.JSON.Send writes to ws after ws.Close closed it`
	}
	return nil
}

// --- broadcast while the dead connection is still registered ---

type Hub struct {
	mu      sync.Mutex
	clients map[*websocket.Conn]bool
}

func (h *Hub) broadcast(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		if err := websocket.Message.Send(c, msg); err != nil {
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

func (h *Hub) serveBroadcastFirst(ws *websocket.Conn) {
	for {
		var msg string
		err := websocket.Message.Receive(ws, &msg)
		if err != nil {
			h.broadcast("a user left") // want `h.broadcast broadcasts to Hub.clients while the connection whose websocket.Message.Receive failed is still in it`
			h.remove(ws)
			return
		}
		h.broadcast(msg)
	}
}

// --- silent ---

func (h *Hub) serveRemoveFirst(ws *websocket.Conn) {
	for {
		var msg string
		err := websocket.Message.Receive(ws, &msg)
		if err != nil {
			h.remove(ws)
			h.broadcast("a user left")
			return
		}
		h.broadcast(msg)
	}
}

func writeToPeer(ws, peer *websocket.Conn) {
	for {
		var msg string
		err := websocket.Message.Receive(ws, &msg)
		if err != nil {
			websocket.Message.Send(peer, "your partner left")
			return
		}
		websocket.Message.Send(peer, msg)
	}
}

func echo(ws *websocket.Conn) {
	for {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			return
		}
		if err := websocket.Message.Send(ws, msg); err != nil {
			return
		}
	}
}

// x/net's close handshake is Close itself.
func closeHandshake(ws *websocket.Conn) {
	var msg string
	if err := websocket.Message.Receive(ws, &msg); err != nil {
		ws.Close()
	}
}

func decodeErrorReply(ws *websocket.Conn) {
	for {
		var v struct{ Type string }
		err := websocket.JSON.Receive(ws, &v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			websocket.JSON.Send(ws, map[string]string{"error": "bad json"})
			continue
		}
		if err != nil {
			return
		}
	}
}

// A write pump ends on its own write error.
func writePump(ws *websocket.Conn, send <-chan string) {
	defer ws.Close()
	for msg := range send {
		if err := websocket.Message.Send(ws, msg); err != nil {
			return
		}
	}
}

func reconnect(url, origin string) {
	ws, err := websocket.Dial(url, "", origin)
	if err != nil {
		return
	}
	for {
		var msg string
		err := websocket.Message.Receive(ws, &msg)
		if err != nil {
			ws, err = websocket.Dial(url, "", origin)
			if err != nil {
				return
			}
			websocket.Message.Send(ws, "hello again")
			continue
		}
		handle(msg)
	}
}

func closeThenRedial(url, origin string, ws *websocket.Conn) {
	ws.Close()
	ws, _ = websocket.Dial(url, "", origin)
	websocket.Message.Send(ws, "new connection")
}

func closeOnOneBranch(ws *websocket.Conn, done bool) {
	if done {
		ws.Close()
	}
	websocket.Message.Send(ws, "maybe")
}
