package gorilla

import (
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// A writer started with sync.WaitGroup.Go writes while the function
// writes, before Wait.
func greetWithWaitGroup(conn *websocket.Conn) {
	var wg sync.WaitGroup
	wg.Go(func() {
		conn.WriteMessage(websocket.TextMessage, []byte("hello"))
	})
	conn.WriteMessage(websocket.TextMessage, []byte("ready")) // want `conn.WriteMessage may run while the goroutine started at line \d+ writes the same connection \(conn.WriteMessage\)`
	wg.Wait()
}

// The same, with the second write after Wait: silent.
func greetAfterWait(conn *websocket.Conn) {
	var wg sync.WaitGroup
	wg.Go(func() {
		conn.WriteMessage(websocket.TextMessage, []byte("hello"))
	})
	wg.Wait()
	conn.WriteMessage(websocket.TextMessage, []byte("ready"))
}

// A prepared message is a write like any other: a ticker that sends a
// prepared heartbeat beside the handler's echo.
func heartbeat(conn *websocket.Conn, pm *websocket.PreparedMessage) {
	go func() {
		for range time.Tick(time.Second) {
			if err := conn.WritePreparedMessage(pm); err != nil {
				return
			}
		}
	}()
	for {
		mt, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		conn.WriteMessage(mt, msg) // want `conn.WriteMessage may run while the goroutine started at line \d+ writes the same connection \(conn.WritePreparedMessage\)`
	}
}
