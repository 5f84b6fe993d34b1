package gorilla

import (
	"bytes"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

// gorilla's chat example (examples/chat), whole: the hub closes
// client.send in its unregister case, readPump defers the unregister
// and the Close, writePump ranges over send and pings on a ticker.
const (
	writeWait      = 10 * time.Second
	pongWait       = 60 * time.Second
	pingPeriod     = (pongWait * 9) / 10
	maxMessageSize = 512
)

var (
	newline = []byte{'\n'}
	space   = []byte{' '}
)

type Client struct {
	hub  *Hub
	conn *websocket.Conn
	send chan []byte
}

func (c *Client) readPump() {
	defer func() {
		c.hub.unregister <- c
		c.conn.Close()
	}()
	c.conn.SetReadLimit(maxMessageSize)
	c.conn.SetReadDeadline(time.Now().Add(pongWait))
	c.conn.SetPongHandler(func(string) error { c.conn.SetReadDeadline(time.Now().Add(pongWait)); return nil })
	for {
		_, message, err := c.conn.ReadMessage()
		if err != nil {
			break
		}
		message = bytes.TrimSpace(bytes.Replace(message, newline, space, -1))
		c.hub.broadcast <- message
	}
}

func (c *Client) writePump() {
	ticker := time.NewTicker(pingPeriod)
	defer func() {
		ticker.Stop()
		c.conn.Close()
	}()
	for {
		select {
		case message, ok := <-c.send:
			c.conn.SetWriteDeadline(time.Now().Add(writeWait))
			if !ok {
				// The hub closed the channel.
				c.conn.WriteMessage(websocket.CloseMessage, []byte{})
				return
			}

			w, err := c.conn.NextWriter(websocket.TextMessage)
			if err != nil {
				return
			}
			w.Write(message)

			// Add queued chat messages to the current websocket message.
			n := len(c.send)
			for i := 0; i < n; i++ {
				w.Write(newline)
				w.Write(<-c.send)
			}

			if err := w.Close(); err != nil {
				return
			}
		case <-ticker.C:
			c.conn.SetWriteDeadline(time.Now().Add(writeWait))
			if err := c.conn.WriteMessage(websocket.PingMessage, nil); err != nil {
				return
			}
		}
	}
}

func serveWs(hub *Hub, w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	client := &Client{hub: hub, conn: conn, send: make(chan []byte, 256)}
	client.hub.register <- client

	// Allow collection of memory referenced by the caller by doing all work in
	// new goroutines.
	go client.writePump()
	go client.readPump()
}

type Hub struct {
	clients    map[*Client]bool
	broadcast  chan []byte
	register   chan *Client
	unregister chan *Client
}

func newHub() *Hub {
	return &Hub{
		broadcast:  make(chan []byte),
		register:   make(chan *Client),
		unregister: make(chan *Client),
		clients:    make(map[*Client]bool),
	}
}

func (h *Hub) run() {
	for {
		select {
		case client := <-h.register:
			h.clients[client] = true
		case client := <-h.unregister:
			if _, ok := h.clients[client]; ok {
				delete(h.clients, client)
				close(client.send)
			}
		case message := <-h.broadcast:
			for client := range h.clients {
				select {
				case client.send <- message:
				default:
					close(client.send)
					delete(h.clients, client)
				}
			}
		}
	}
}

func main() {
	hub := newHub()
	go hub.run()
	http.HandleFunc("/ws", func(w http.ResponseWriter, r *http.Request) {
		serveWs(hub, w, r)
	})
}

// The hub of olahol/melody: the unregister case only deletes; the
// session's close, after the read loop, closes outputDone, which the
// write pump selects on.
type session struct {
	conn       *websocket.Conn
	output     chan []byte
	outputDone chan struct{}
	open       bool
}

type melodyHub struct {
	sessions   map[*session]bool
	register   chan *session
	unregister chan *session
}

func (h *melodyHub) run() {
	for {
		select {
		case s := <-h.register:
			h.sessions[s] = true
		case s := <-h.unregister:
			delete(h.sessions, s)
		}
	}
}

func (s *session) close() {
	if s.open {
		s.open = false
		s.conn.Close()
		close(s.outputDone)
	}
}

func (s *session) writePump() {
	ticker := time.NewTicker(pingPeriod)
	defer ticker.Stop()
loop:
	for {
		select {
		case msg := <-s.output:
			if err := s.conn.WriteMessage(websocket.TextMessage, msg); err != nil {
				break loop
			}
		case <-s.outputDone:
			break loop
		case <-ticker.C:
			if err := s.conn.WriteMessage(websocket.PingMessage, nil); err != nil {
				break loop
			}
		}
	}
	s.close()
}

func (s *session) readPump() {
	for {
		if _, _, err := s.conn.ReadMessage(); err != nil {
			break
		}
	}
}

func handleRequest(h *melodyHub, conn *websocket.Conn) {
	s := &session{conn: conn, output: make(chan []byte, 256), outputDone: make(chan struct{}), open: true}
	h.register <- s
	go s.writePump()
	s.readPump()
	h.unregister <- s
	s.close()
}
