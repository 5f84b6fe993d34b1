package gorilla

import (
	"log"
	"time"

	"github.com/gorilla/websocket"
)

// --- writes after a failed write of the same connection ---

// A write pump that logs a failed write and takes the next message.
func writePumpLogs(conn *websocket.Conn, send <-chan []byte) {
	for msg := range send {
		if err := conn.WriteMessage(websocket.TextMessage, msg); err != nil { // want `conn.WriteMessage is called again after it failed`
			log.Println("write:", err)
			continue
		}
	}
}

// A ticker that pings and keeps pinging a dead connection.
func pingForever(conn *websocket.Conn) {
	ticker := time.NewTicker(30 * time.Second)
	defer ticker.Stop()
	for range ticker.C {
		err := conn.WriteMessage(websocket.PingMessage, nil) // want `conn.WriteMessage is called again after it failed`
		if err != nil {
			log.Println("ping:", err)
		}
	}
}

// A retry with a pause: the connection stays dead.
func retryWithBackoff(conn *websocket.Conn, v any) error {
	for {
		err := conn.WriteJSON(v) // want `conn.WriteJSON is called again after it failed`
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

// Through a write wrapper.
type sender struct{ conn *websocket.Conn }

func (s *sender) send(v any) error { return s.conn.WriteJSON(v) }

func (s *sender) pump(events <-chan any) {
	for ev := range events {
		if err := s.send(ev); err != nil { // want `s.send is called again after it failed`
			log.Println(err)
		}
	}
}

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
