package gorilla

import (
	"log"
	"net/http"
	"sync"

	"connleak/cleanup"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

func handle(msg []byte) {}

// --- the seed: a manager whose handler never removes ---

type ConnectionManager struct {
	mu    sync.Mutex
	conns map[*websocket.Conn]bool
}

func (m *ConnectionManager) serveLeaky(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	m.mu.Lock()
	m.conns[conn] = true // want `conn is added to ConnectionManager.conns but not removed when the read loop ends`
	m.mu.Unlock()
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			log.Println(err)
			return
		}
		handle(msg)
	}
}

// Keyed by id, no lock.
var byID = map[string]*websocket.Conn{}

func serveByID(id string, conn *websocket.Conn) {
	byID[id] = conn // want `conn is added to byID but not removed when the read loop ends`
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A sync.Map.
type Registry struct {
	m sync.Map
}

func (r *Registry) serve(id string, conn *websocket.Conn) {
	r.m.Store(id, conn) // want `conn is added to Registry.m but not removed`
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			break
		}
	}
}

// Removed on one path only.
func (m *ConnectionManager) serveOnePath(conn *websocket.Conn) {
	m.mu.Lock()
	m.conns[conn] = true // want `conn is added to ConnectionManager.conns but not removed`
	m.mu.Unlock()
	for {
		_, msg, err := conn.ReadMessage()
		if websocket.IsCloseError(err, websocket.CloseNormalClosure) {
			m.remove(conn)
			return
		}
		if err != nil {
			return
		}
		handle(msg)
	}
}

func (m *ConnectionManager) remove(c *websocket.Conn) {
	m.mu.Lock()
	delete(m.conns, c)
	m.mu.Unlock()
}

// A client struct that holds the connection; the read loop runs in a
// goroutine started with the client.
type Client struct {
	conn *websocket.Conn
	send chan []byte
}

type Room struct {
	mu      sync.Mutex
	clients map[*Client]bool
}

func (c *Client) readPump() {
	for {
		if _, _, err := c.conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (rm *Room) join(conn *websocket.Conn) {
	c := &Client{conn: conn, send: make(chan []byte, 8)}
	rm.mu.Lock()
	// nofix: readPump cannot reach the room
	rm.clients[c] = true // want `c is added to Room.clients but not removed when the read loop in readPump ends`
	rm.mu.Unlock()
	go c.readPump()
}

// A slice.
type List struct {
	mu    sync.Mutex
	conns []*websocket.Conn
}

func (l *List) serve(conn *websocket.Conn) {
	l.mu.Lock()
	l.conns = append(l.conns, conn) // want `conn is added to List.conns but not removed`
	l.mu.Unlock()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A manager of another package with a removal helper.
func serveOther(m *cleanup.Manager, conn *websocket.Conn) {
	m.Add(conn) // want `conn is added to Manager.conns but not removed`
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// No removal helper: the fix deletes under the same mutex.
type Pool struct {
	mu    sync.RWMutex
	conns map[*websocket.Conn]string
}

func (p *Pool) serve(name string, conn *websocket.Conn) {
	p.mu.Lock()
	p.conns[conn] = name // want `conn is added to Pool.conns but not removed`
	p.mu.Unlock()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// --- silent ---

func (m *ConnectionManager) serveDeferredClosure(conn *websocket.Conn) {
	m.mu.Lock()
	m.conns[conn] = true
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		delete(m.conns, conn)
		m.mu.Unlock()
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (m *ConnectionManager) serveDeferredHelper(conn *websocket.Conn) {
	m.mu.Lock()
	m.conns[conn] = true
	m.mu.Unlock()
	defer m.remove(conn)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (m *ConnectionManager) serveRemoveAfterLoop(conn *websocket.Conn) {
	m.mu.Lock()
	m.conns[conn] = true
	m.mu.Unlock()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			break
		}
	}
	m.remove(conn)
}

func serveOtherDeferred(m *cleanup.Manager, conn *websocket.Conn) {
	m.Add(conn)
	defer m.Remove(conn)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (r *Registry) serveDelete(id string, conn *websocket.Conn) {
	r.m.Store(id, conn)
	defer r.m.Delete(id)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (l *List) serveFiltered(conn *websocket.Conn) {
	l.mu.Lock()
	l.conns = append(l.conns, conn)
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		for i, c := range l.conns {
			if c == conn {
				l.conns = append(l.conns[:i], l.conns[i+1:]...)
				break
			}
		}
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// Local registries die with the function.
func localRegistry(conn *websocket.Conn) {
	seen := map[*websocket.Conn]bool{}
	seen[conn] = true
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// Maps of non-connection values.
var names = map[string]string{}

func nonConn(id string, conn *websocket.Conn) {
	names[id] = "x"
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// No read loop in sight: the lifecycle is managed elsewhere.
func (m *ConnectionManager) add(conn *websocket.Conn) {
	m.mu.Lock()
	m.conns[conn] = true
	m.mu.Unlock()
}

// The cleanup goes through a func-valued field the analyzer cannot
// resolve (gotify's NotifyClose): assume it removes.
type notifier struct {
	conn    *websocket.Conn
	once    sync.Once
	onClose func(*notifier)
}

func (n *notifier) NotifyClose() { n.once.Do(func() { n.onClose(n) }) }

type API struct {
	mu      sync.Mutex
	clients map[*notifier]bool
}

func (a *API) serve(conn *websocket.Conn) {
	n := &notifier{conn: conn, onClose: a.drop}
	a.mu.Lock()
	a.clients[n] = true
	a.mu.Unlock()
	defer n.NotifyClose()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (a *API) drop(n *notifier) {
	a.mu.Lock()
	delete(a.clients, n)
	a.mu.Unlock()
}

func ignoredLeak(conn *websocket.Conn) {
	//wsvet:ignore connleak the process exits when this connection ends
	byID["main"] = conn
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A map captured by the handler closure outlives every request.
func captured() http.HandlerFunc {
	var mu sync.Mutex
	conns := map[*websocket.Conn]bool{}
	return func(w http.ResponseWriter, r *http.Request) {
		conn, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		mu.Lock()
		conns[conn] = true // want `conn is added to captured.conns but not removed`
		mu.Unlock()
		for {
			if _, _, err := conn.ReadMessage(); err != nil {
				return
			}
		}
	}
}

func capturedClean() http.HandlerFunc {
	var mu sync.Mutex
	conns := map[*websocket.Conn]bool{}
	return func(w http.ResponseWriter, r *http.Request) {
		conn, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		mu.Lock()
		conns[conn] = true
		mu.Unlock()
		defer func() {
			mu.Lock()
			delete(conns, conn)
			mu.Unlock()
		}()
		for {
			if _, _, err := conn.ReadMessage(); err != nil {
				return
			}
		}
	}
}
