// Package fixall holds the registrations whose fixes need more than a
// defer beside them: slices, read loops in other goroutines, registries
// of other packages.
package fixall

import (
	"sync"

	"connleak/cleanup"

	"github.com/gorilla/websocket"
)

// A slice of connections, under a mutex.
type Pool struct {
	mu    sync.Mutex
	conns []*websocket.Conn
}

func (p *Pool) serve(conn *websocket.Conn) {
	p.mu.Lock()
	p.conns = append(p.conns, conn) // want `conn is added to Pool.conns but not removed when the read loop ends`
	p.mu.Unlock()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A slice of clients, without a lock.
type client struct {
	conn *websocket.Conn
	name string
}

var clients []*client

func serveClient(conn *websocket.Conn, name string) {
	c := &client{conn: conn, name: name}
	clients = append(clients, c) // want `c is added to clients but not removed when the read loop ends`
	for {
		if _, _, err := c.conn.ReadMessage(); err != nil {
			return
		}
	}
}

// Struct values with a slice field cannot be compared with ==.
type member struct {
	conn *websocket.Conn
	tags []string
}

type Room struct {
	mu      sync.Mutex
	members []member
}

func (r *Room) join(conn *websocket.Conn) {
	r.mu.Lock()
	// nofix: members cannot be compared with ==
	r.members = append(r.members, member{conn: conn}) // want `member is added to Room.members but not removed when the read loop ends`
	r.mu.Unlock()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// The read loop runs in the client's own goroutine: the removal goes at
// the top of readPump, which reaches the hub through c.hub.
type Hub struct {
	mu      sync.Mutex
	clients map[*Client]bool
}

type Client struct {
	hub  *Hub
	conn *websocket.Conn
}

func (h *Hub) serve(conn *websocket.Conn) {
	c := &Client{hub: h, conn: conn}
	h.mu.Lock()
	h.clients[c] = true // want `c is added to Hub.clients but not removed when the read loop in readPump ends`
	h.mu.Unlock()
	go c.readPump()
}

func (c *Client) readPump() {
	for {
		if _, _, err := c.conn.ReadMessage(); err != nil {
			return
		}
	}
}

// The read loop is a closure: it sees the registry and the connection.
type Conns struct {
	mu sync.Mutex
	m  map[*websocket.Conn]bool
}

func (cs *Conns) serve(conn *websocket.Conn) {
	cs.mu.Lock()
	cs.m[conn] = true // want `conn is added to Conns.m but not removed when the read loop in a func literal of serve ends`
	cs.mu.Unlock()
	go func() {
		for {
			if _, _, err := conn.ReadMessage(); err != nil {
				return
			}
		}
	}()
}

// A read loop handed the connection and the registry as parameters.
func (cs *Conns) serveFunc(conn *websocket.Conn) {
	cs.mu.Lock()
	cs.m[conn] = true // want `conn is added to Conns.m but not removed when the read loop in readLoop ends`
	cs.mu.Unlock()
	go readLoop(cs, conn)
}

func readLoop(set *Conns, ws *websocket.Conn) {
	for {
		if _, _, err := ws.ReadMessage(); err != nil {
			return
		}
	}
}

// The read loop does not reach the registry: no fix.
type Lobby struct {
	mu      sync.Mutex
	waiting map[*websocket.Conn]bool
}

func (l *Lobby) wait(conn *websocket.Conn) {
	l.mu.Lock()
	// nofix: drain cannot reach the lobby
	l.waiting[conn] = true // want `conn is added to Lobby.waiting but not removed when the read loop in drain ends`
	l.mu.Unlock()
	go drain(conn)
}

func drain(conn *websocket.Conn) {
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// The registry of another package, with its removal function.
func serveOther(conn *websocket.Conn) {
	cleanup.Register(conn) // want `conn is added to conns but not removed when the read loop ends`
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}
