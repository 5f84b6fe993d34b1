package gorilla

import (
	"errors"
	"net/http"
	"sync"

	"github.com/gorilla/websocket"
)

// Registries of the package's own wrapper types: a session holds the
// connection, a manager keys sessions by id.

type Session interface {
	ID() string
	Send(msg []byte) error
}

type wsSession struct {
	id   string
	conn *websocket.Conn
}

func (s *wsSession) ID() string            { return s.id }
func (s *wsSession) Send(msg []byte) error { return s.conn.WriteMessage(websocket.TextMessage, msg) }

// user wraps the session: the connection is two fields down.
type user struct {
	name string
	sess *wsSession
}

type SessionManager struct {
	mu       sync.Mutex
	sessions map[string]Session
	users    map[string]*user
}

func (m *SessionManager) remove(id string) {
	m.mu.Lock()
	delete(m.sessions, id)
	m.mu.Unlock()
}

func authorized(r *http.Request) bool { return r.Header.Get("Authorization") != "" }

// The session is registered before the handshake with the client: a
// failed first write returns before the deferred removal is set up.
func (m *SessionManager) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	s := &wsSession{id: r.URL.Query().Get("id"), conn: conn}
	m.mu.Lock()
	m.sessions[s.id] = s // want `s is added to SessionManager.sessions but not removed when the read loop ends`
	m.mu.Unlock()
	if err := conn.WriteJSON(map[string]string{"hello": s.id}); err != nil {
		return
	}
	defer m.remove(s.id)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// An auth failure returns after the registration.
func (m *SessionManager) serveUser(r *http.Request, conn *websocket.Conn) error {
	u := &user{name: r.URL.User.Username(), sess: &wsSession{id: "u", conn: conn}}
	m.mu.Lock()
	m.users[u.name] = u // want `u is added to SessionManager.users but not removed when the read loop ends`
	m.mu.Unlock()
	if !authorized(r) {
		return errors.New("unauthorized")
	}
	defer func() {
		m.mu.Lock()
		delete(m.users, u.name)
		m.mu.Unlock()
	}()
	for {
		if _, _, err := u.sess.conn.ReadMessage(); err != nil {
			return err
		}
	}
}

// --- silent ---

// The removal is deferred right after the registration.
func (m *SessionManager) serveDeferred(id string, conn *websocket.Conn) {
	s := &wsSession{id: id, conn: conn}
	m.mu.Lock()
	m.sessions[id] = s
	m.mu.Unlock()
	defer m.remove(id)
	if err := conn.WriteJSON("hello"); err != nil {
		return
	}
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// The removal is deferred before the registration.
func (m *SessionManager) serveDeferredFirst(id string, conn *websocket.Conn) {
	defer m.remove(id)
	m.mu.Lock()
	m.sessions[id] = &wsSession{id: id, conn: conn}
	m.mu.Unlock()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// The early return comes before the registration.
func (m *SessionManager) serveAuthFirst(r *http.Request, conn *websocket.Conn) {
	if !authorized(r) {
		return
	}
	m.mu.Lock()
	m.sessions["x"] = &wsSession{id: "x", conn: conn}
	m.mu.Unlock()
	defer m.remove("x")
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// The early return removes too.
func (m *SessionManager) serveEarlyRemove(r *http.Request, conn *websocket.Conn) {
	m.mu.Lock()
	m.sessions["y"] = &wsSession{id: "y", conn: conn}
	m.mu.Unlock()
	if !authorized(r) {
		m.remove("y")
		return
	}
	defer m.remove("y")
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}
