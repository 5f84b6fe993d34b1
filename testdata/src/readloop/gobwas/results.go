package gobwas

import (
	"log"
	"net"

	"github.com/gobwas/ws/wsutil"
)

// A failed ReadClientData returns opcode 0 (continuation, which it
// never returns on success) with any error.
func leavesOnZeroOp(conn net.Conn) {
	for {
		msg, op, err := wsutil.ReadClientData(conn)
		if op == 0 {
			log.Println(err)
			return
		}
		handle(msg)
	}
}
