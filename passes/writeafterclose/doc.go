// Package writeafterclose defines an Analyzer that reports writes to a
// WebSocket connection that is known to be closed or failed.
//
// # Analyzer writeafterclose
//
// writeafterclose: report writes to a WebSocket connection after its read or a write failed or after Close
//
// Once a read has returned an error, or the code has called Close, the
// connection is gone: a "goodbye" message, an error reply built from
// err.Error(), or WriteJSON({"status": "closing"}) can only fail (gorilla
// returns websocket.ErrCloseSent or a broken-pipe error, coder returns a
// closed-connection error), and the failure is usually ignored. The
// analyzer reports a write (WriteMessage, WriteJSON, NextWriter, coder's
// Write and wsjson.Write, x/net's Message.Send, gobwas' wsutil.Write*, or
// a function of any package that wraps one) to a connection
//
//   - in the branch where that connection's read error is non-nil or a
//     close error;
//   - after that connection's Close or CloseNow, which runs on every path
//     to the write (the close dominates the write);
//   - on a path where an earlier write to that connection failed: the
//     same write retried in a loop after its error was logged, the next
//     message of a write pump or the next tick of a pinger, or the next
//     write of a sequence (a failed write breaks the connection: gorilla
//     keeps the error and returns it from every later write, coder closes
//     the connection, so every later write fails at once and a retry loop
//     spins); a retry that redials first writes a new connection;
//
// and a call to a broadcast helper (a function that writes to every
// member of a registry, found across packages through a fact) in the
// read-error branch while the failed connection is still a member: when
// the function removes it only later, or in a deferred call.
//
// A close handshake (gorilla's WriteControl with a CloseMessage, coder's
// Ping) is not a write; neither is a write to a different connection, on
// the success path, after a decode error (the connection is fine), or
// after the connection variable was reassigned (a reconnect).
//
// Bad:
//
//	_, msg, err := conn.ReadMessage()
//	if err != nil {
//		conn.WriteMessage(websocket.TextMessage, []byte("goodbye"))
//		return
//	}
//
// Good:
//
//	_, msg, err := conn.ReadMessage()
//	if err != nil {
//		return
//	}
//
// The suggested fix removes the write statement (with an
// `if err := write(); err != nil { ... }` around it); for a broadcast
// before the removal, it moves the removal before the broadcast. A write
// whose removal would leave a variable unused gets no fix. After a failed
// write, the fix leaves where the write failed: its error branch's
// continue becomes break or return, and a branch that falls through ends
// with one (a return outside a loop).
//
// No fix is offered where none is safe: a write whose result the function
// returns (`return conn.WriteJSON(reply)`: which error to return instead
// is for a person to decide), a write whose removal would leave a local
// variable unused (removing its declaration too could drop a side
// effect), a broadcast before a removal that is deferred (moving a defer
// changes when it runs, and a second removal could close a channel
// twice), and a write in an expression larger than its statement.
//
// A //wsvet:ignore writeafterclose <reason> comment on the line of the
// write or the line above silences the diagnostic.
package writeafterclose
