package gorilla

import (
	"errors"
	"log"
	"time"

	"github.com/gorilla/websocket"
)

// --- writes after a failed write of the same connection ---

// A retry with a pause: the connection stays dead, and the loop retries
// it forever.
func retryWithBackoff(conn *websocket.Conn, msg []byte) error {
	for {
		err := conn.WriteMessage(websocket.TextMessage, msg) // want `conn.WriteMessage is called again after it failed`
		if err != nil {
			log.Println("retrying:", err)
			time.Sleep(time.Second)
			continue
		}
		return nil
	}
}

// A sequence of writes that logs the first failure and goes on.
func helloThenState(conn *websocket.Conn, state any) {
	if err := conn.WriteMessage(websocket.TextMessage, []byte("hello")); err != nil {
		log.Println("hello:", err)
	}
	conn.WriteJSON(state) // want `conn.WriteJSON writes to conn after conn.WriteMessage failed`
}

// --- silent ---

// A write pump that logs a failed write and waits for the next message:
// it does not spin, and its end is the reader's business (pumpleak).
func writePumpLogs(conn *websocket.Conn, send <-chan []byte) {
	for msg := range send {
		if err := conn.WriteMessage(websocket.TextMessage, msg); err != nil {
			log.Println("write:", err)
			continue
		}
	}
}

// A ticker that pings and logs: each ping waits for the next tick.
func pingForever(conn *websocket.Conn) {
	ticker := time.NewTicker(30 * time.Second)
	defer ticker.Stop()
	for range ticker.C {
		err := conn.WriteMessage(websocket.PingMessage, nil)
		if err != nil {
			log.Println("ping:", err)
		}
	}
}

// WriteJSON fails on a value it cannot encode, with the connection fine:
// reporting the failure to the peer is right.
func reportEncodeError(conn *websocket.Conn, v any) {
	if err := conn.WriteJSON(v); err != nil {
		conn.WriteMessage(websocket.TextMessage, []byte(err.Error()))
	}
}

// The pump leaves on the first failed write.
func writePumpReturns(conn *websocket.Conn, send <-chan []byte) {
	for msg := range send {
		if err := conn.WriteMessage(websocket.TextMessage, msg); err != nil {
			return
		}
	}
}

// Each iteration writes another connection.
func broadcastLogs(conns []*websocket.Conn, msg []byte) {
	for _, c := range conns {
		if err := c.WriteMessage(websocket.TextMessage, msg); err != nil {
			log.Println(err)
		}
	}
}

// The retry redials first: a new connection.
type redialWriter struct {
	conn *websocket.Conn
	url  string
}

func (w *redialWriter) send(v any) {
	for {
		if err := w.conn.WriteJSON(v); err != nil {
			w.conn, _, _ = websocket.DefaultDialer.Dial(w.url, nil)
			continue
		}
		return
	}
}

// The error is never looked at: no detected failure (readloop's and
// writeafterclose's business only once it is).
func fireAndForget(conn *websocket.Conn, msgs [][]byte) {
	for _, m := range msgs {
		conn.WriteMessage(websocket.TextMessage, m)
	}
}

// The close frame after a failed write is a control frame.
func closeAfterFailure(conn *websocket.Conn, msg []byte) {
	if err := conn.WriteMessage(websocket.TextMessage, msg); err != nil {
		conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseInternalServerErr, ""), time.Now().Add(time.Second))
		return
	}
}

// A write on the success path only.
func writeOnSuccess(conn *websocket.Conn) error {
	if err := conn.WriteMessage(websocket.TextMessage, []byte("a")); err != nil {
		return err
	}
	return conn.WriteMessage(websocket.TextMessage, []byte("b"))
}

// Through a write wrapper whose error is the write's.
type sender struct{ conn *websocket.Conn }

func (s *sender) send(b []byte) error { return s.conn.WriteMessage(websocket.TextMessage, b) }

func (s *sender) retry(b []byte) {
	for {
		if err := s.send(b); err != nil { // want `s.send is called again after it failed`
			log.Println(err)
			time.Sleep(time.Second)
			continue
		}
		return
	}
}

// A wrapper whose error may be its own (no connection yet) says nothing
// about the connection.
type lazySender struct{ conn *websocket.Conn }

func (s *lazySender) send(b []byte) error {
	if s.conn == nil {
		return errNotConnected
	}
	return s.conn.WriteMessage(websocket.TextMessage, b)
}

func (s *lazySender) retry(b []byte) {
	for {
		if err := s.send(b); err != nil {
			time.Sleep(time.Second)
			continue
		}
		return
	}
}

var errNotConnected = errors.New("not connected")

// An echo that logs a failed write and reads again: the read of the dead
// connection fails and the loop leaves (gorilla's autobahn server).
func echoLogsWriteError(conn *websocket.Conn) {
	for {
		mt, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if err := conn.WriteMessage(mt, msg); err != nil {
			log.Println("write:", err)
		}
	}
}

// The close handshake after a failed write is best effort (gorilla's
// command example).
func pumpThenClose(conn *websocket.Conn, lines []string) {
	for _, l := range lines {
		if err := conn.WriteMessage(websocket.TextMessage, []byte(l)); err != nil {
			conn.Close()
			break
		}
	}
	conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
}

// The retry reconnects first, through a method of a receiver that a
// closure captures (cometbft's reconnectRoutine): a new connection.
type capturedRedialer struct {
	conn *websocket.Conn
	url  string
	log  func(string)
}

func (r *capturedRedialer) reconnect() error {
	conn, _, err := websocket.DefaultDialer.Dial(r.url, nil)
	if err != nil {
		return err
	}
	r.conn = conn
	return nil
}

func (r *capturedRedialer) sendLoop(msg []byte) {
	defer func() { r.log("done") }()
	for {
		if err := r.conn.WriteMessage(websocket.TextMessage, msg); err != nil {
			if r.reconnect() != nil {
				return
			}
			continue
		}
		return
	}
}
