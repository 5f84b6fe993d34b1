// Package cgoserver uses cgo; positions must still point at this file.
package cgoserver

// static int answer(void) { return 42; }
import "C"

import "github.com/gorilla/websocket"

func Answer() int { return int(C.answer()) }

func Loop(c *websocket.Conn) {
	for {
		_, msg, err := c.ReadMessage() // want: readloop (no fix in cgo files)
		if err != nil {
			continue
		}
		_ = msg
	}
}
