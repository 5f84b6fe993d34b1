package gorilla

import (
	"bytes"
	"io"
	"log"

	"github.com/gorilla/websocket"
)

// A failed ReadMessage or NextReader returns message type -1 with any
// error: a loop that leaves on it leaves on every error.

func leavesOnNoFrame(conn *websocket.Conn) {
	for {
		mt, msg, err := conn.ReadMessage()
		if mt == -1 {
			log.Println("read:", err)
			break
		}
		handle(msg)
	}
}

func leavesOnNegative(conn *websocket.Conn) error {
	for {
		mt, r, err := conn.NextReader()
		if mt < 0 {
			return err
		}
		io.Copy(io.Discard, r)
	}
}

func switchOnType(conn *websocket.Conn) {
	for {
		mt, msg, _ := conn.ReadMessage()
		switch mt {
		case websocket.TextMessage:
			handle(msg)
		case websocket.BinaryMessage:
		case -1:
			return
		}
	}
}

func typeIsData(conn *websocket.Conn) {
	for {
		mt, msg, err := conn.ReadMessage()
		if mt != websocket.TextMessage && mt != websocket.BinaryMessage {
			log.Println(err)
			return
		}
		handle(msg)
	}
}

// ReadMessage never returns CloseMessage: the close frame comes back as
// an error, and this loop goes on with it.
func leavesOnCloseType(conn *websocket.Conn) {
	for {
		mt, msg, err := conn.ReadMessage() // want `the error branch of conn.ReadMessage falls through`
		if mt == websocket.CloseMessage {
			return
		}
		if err != nil {
			log.Println(err)
		}
		handle(msg)
	}
}

// A text message ends nothing.
func onlyTextTested(conn *websocket.Conn) {
	for {
		mt, msg, _ := conn.ReadMessage() // want `the error from conn.ReadMessage is discarded`
		if mt == websocket.TextMessage {
			handle(msg)
		}
	}
}

// --- the io.Reader of NextReader, handed to a helper ---

// drain is only ever handed NextReader's reader: it reads the
// connection, and leaves only on io.EOF.
func drain(r io.Reader, buf []byte) {
	for {
		n, err := r.Read(buf) // want `r.Read failed and the loop continues`
		if err == io.EOF {
			return
		}
		if err != nil {
			log.Println(err)
			continue
		}
		handle(buf[:n])
	}
}

func readsThroughDrain(conn *websocket.Conn) {
	buf := make([]byte, 1024)
	for {
		_, r, err := conn.NextReader()
		if err != nil {
			return
		}
		drain(r, buf)
	}
}

// Drain is exported: its callers elsewhere may hand it any reader.
func Drain(r io.Reader, buf []byte) {
	for {
		_, err := r.Read(buf)
		if err == io.EOF {
			return
		}
	}
}

func readsThroughDrainExported(conn *websocket.Conn) {
	for {
		_, r, err := conn.NextReader()
		if err != nil {
			return
		}
		Drain(r, make([]byte, 8))
	}
}

// drainAny is handed a bytes.Reader too: it is not a connection.
func drainAny(r io.Reader) {
	buf := make([]byte, 8)
	for {
		_, err := r.Read(buf)
		if err == io.EOF {
			return
		}
	}
}

func readsThroughDrainAny(conn *websocket.Conn) {
	drainAny(bytes.NewReader(nil))
	for {
		_, r, err := conn.NextReader()
		if err != nil {
			return
		}
		drainAny(r)
	}
}
