package xnet

import (
	"log"
	"net/http"
	"sync"

	"golang.org/x/net/websocket"
)

func handle(msg string) {}

// A package-level set of connections.
var (
	mu    sync.Mutex
	conns = map[*websocket.Conn]bool{}
)

func chatLeaky(ws *websocket.Conn) {
	mu.Lock()
	conns[ws] = true // want `ws is added to conns but not removed when the read loop ends`
	mu.Unlock()
	for {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			log.Println(err)
			return
		}
		handle(msg)
	}
}

func chat(ws *websocket.Conn) {
	mu.Lock()
	conns[ws] = true
	mu.Unlock()
	defer func() {
		mu.Lock()
		delete(conns, ws)
		mu.Unlock()
	}()
	for {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			return
		}
		handle(msg)
	}
}

// Keyed by id, no lock.
var byID = map[string]*websocket.Conn{}

func echoLeaky(ws *websocket.Conn) {
	id := ws.Request().URL.Query().Get("id")
	byID[id] = ws // want `ws is added to byID but not removed when the read loop ends`
	buf := make([]byte, 512)
	for {
		n, err := ws.Read(buf)
		if err != nil {
			return
		}
		if _, err := ws.Write(buf[:n]); err != nil {
			return
		}
	}
}

func echo(ws *websocket.Conn) {
	id := ws.Request().URL.Query().Get("id")
	byID[id] = ws
	defer delete(byID, id)
	buf := make([]byte, 512)
	for {
		n, err := ws.Read(buf)
		if err != nil {
			return
		}
		if _, err := ws.Write(buf[:n]); err != nil {
			return
		}
	}
}

// A slice registry whose deferred removal filters the slice.
var (
	listMu sync.Mutex
	list   []*websocket.Conn
)

func joinFiltered(ws *websocket.Conn) {
	listMu.Lock()
	list = append(list, ws)
	listMu.Unlock()
	defer func() {
		listMu.Lock()
		defer listMu.Unlock()
		kept := list[:0]
		for _, c := range list {
			if c != ws {
				kept = append(kept, c)
			}
		}
		list = kept
	}()
	for {
		var v map[string]any
		if err := websocket.JSON.Receive(ws, &v); err != nil {
			return
		}
	}
}

func joinLeaky(ws *websocket.Conn) {
	listMu.Lock()
	list = append(list, ws) // want `ws is added to list but not removed when the read loop ends`
	listMu.Unlock()
	for {
		var v map[string]any
		if err := websocket.JSON.Receive(ws, &v); err != nil {
			return
		}
	}
}

func Routes() {
	http.Handle("/chat", websocket.Handler(chat))
	http.Handle("/echo", websocket.Handler(echo))
	http.Handle("/join", websocket.Handler(joinFiltered))
}

// --- silent ---

// Local registries die with the function.
func localRegistry(ws *websocket.Conn) {
	seen := map[*websocket.Conn]bool{}
	seen[ws] = true
	for {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			return
		}
	}
}

// Maps of non-connection values.
var names = map[string]string{}

func nonConn(ws *websocket.Conn) {
	for {
		var msg string
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			return
		}
		names[ws.Request().RemoteAddr] = msg
	}
}
