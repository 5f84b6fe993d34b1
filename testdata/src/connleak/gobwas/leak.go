package gobwas

import (
	"log"
	"net"
	"net/http"
	"sync"

	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsutil"
)

func handle(msg []byte, op ws.OpCode) {}

// A server that keeps the upgraded net.Conn values in a set.
type Server struct {
	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	conn, _, _, err := ws.UpgradeHTTP(r, w)
	if err != nil {
		return
	}
	defer conn.Close()
	s.mu.Lock()
	s.conns[conn] = struct{}{} // want `conn is added to Server.conns but not removed when the read loop ends`
	s.mu.Unlock()
	for {
		msg, op, err := wsutil.ReadClientData(conn)
		if err != nil {
			log.Println(err)
			return
		}
		handle(msg, op)
	}
}

func (s *Server) serveDeferred(w http.ResponseWriter, r *http.Request) {
	conn, _, _, err := ws.UpgradeHTTP(r, w)
	if err != nil {
		return
	}
	defer conn.Close()
	s.mu.Lock()
	s.conns[conn] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.conns, conn)
		s.mu.Unlock()
	}()
	for {
		msg, op, err := wsutil.ReadClientData(conn)
		if err != nil {
			return
		}
		handle(msg, op)
	}
}

// The read loop runs in a goroutine started with the connection.
func (s *Server) readLoop(conn net.Conn) {
	defer conn.Close()
	for {
		if _, _, err := wsutil.ReadClientData(conn); err != nil {
			return
		}
	}
}

func (s *Server) serveGoLeaky(w http.ResponseWriter, r *http.Request) {
	conn, _, _, err := ws.UpgradeHTTP(r, w)
	if err != nil {
		return
	}
	s.mu.Lock()
	s.conns[conn] = struct{}{} // want `conn is added to Server.conns but not removed when the read loop in readLoop ends`
	s.mu.Unlock()
	go s.readLoop(conn)
}

func (s *Server) readLoopRemoving(conn net.Conn) {
	defer func() {
		s.mu.Lock()
		delete(s.conns, conn)
		s.mu.Unlock()
		conn.Close()
	}()
	for {
		if _, _, err := wsutil.ReadClientData(conn); err != nil {
			return
		}
	}
}

func (s *Server) serveGo(w http.ResponseWriter, r *http.Request) {
	conn, _, _, err := ws.UpgradeHTTP(r, w)
	if err != nil {
		return
	}
	s.mu.Lock()
	s.conns[conn] = struct{}{}
	s.mu.Unlock()
	go s.readLoopRemoving(conn)
}

// A client struct with a net.Conn field.
type client struct {
	conn net.Conn
	name string
}

type Chat struct {
	mu      sync.Mutex
	clients map[*client]struct{}
}

func (ch *Chat) serveLeaky(name string, conn net.Conn) {
	c := &client{conn: conn, name: name}
	ch.mu.Lock()
	ch.clients[c] = struct{}{} // want `c is added to Chat.clients but not removed when the read loop ends`
	ch.mu.Unlock()
	for {
		if _, _, err := wsutil.ReadClientData(conn); err != nil {
			return
		}
	}
}

func (ch *Chat) serveDeferred(name string, conn net.Conn) {
	c := &client{conn: conn, name: name}
	ch.mu.Lock()
	ch.clients[c] = struct{}{}
	ch.mu.Unlock()
	defer func() {
		ch.mu.Lock()
		delete(ch.clients, c)
		ch.mu.Unlock()
	}()
	for {
		if _, _, err := wsutil.ReadClientData(conn); err != nil {
			return
		}
	}
}

// Keyed by name, with a removal helper.
type Names struct {
	mu    sync.Mutex
	conns map[string]net.Conn
}

func (n *Names) remove(name string) {
	n.mu.Lock()
	delete(n.conns, name)
	n.mu.Unlock()
}

func (n *Names) serveDeferred(name string, conn net.Conn) {
	n.mu.Lock()
	n.conns[name] = conn
	n.mu.Unlock()
	defer n.remove(name)
	for {
		if _, err := wsutil.ReadClientText(conn); err != nil {
			return
		}
	}
}

// --- silent ---

// Local registries die with the function.
func localRegistry(conn net.Conn) {
	seen := map[net.Conn]bool{}
	seen[conn] = true
	for {
		if _, _, err := wsutil.ReadClientData(conn); err != nil {
			return
		}
	}
}

// Maps of non-connection values.
var counts = map[string]int{}

func nonConn(name string, conn net.Conn) {
	for {
		msg, _, err := wsutil.ReadClientData(conn)
		if err != nil {
			return
		}
		counts[name] += len(msg)
	}
}
