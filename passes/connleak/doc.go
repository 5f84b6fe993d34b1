// Package connleak defines an Analyzer that reports WebSocket
// connection managers that never forget a dead connection.
//
// # Analyzer connleak
//
// connleak: report connections added to a registry and never removed when their read loop ends
//
// A chat or notification server keeps its connections in a registry: a
// map, a sync.Map or a slice in a struct field or a package variable,
// keyed or valued by the connection or by a client struct that holds it,
// or a hub goroutine fed by register and unregister channels. When the
// handler adds the connection and its read loop ends (the peer closed,
// the network dropped) without removing it, dead connections pile up:
// memory grows, and every broadcast writes to them.
//
// The analyzer reports a registration (a map insert, sync.Map Store or
// LoadOrStore, an append to the slice, a send on a channel whose
// receiver inserts, or a call to a helper that does one of these) when
// the goroutine that owns the connection's read loop (the same function,
// or a function it starts with go or calls with the connection) can end
// without removing it from that registry: no deferred removal, and some
// path to a return without delete, Delete, a reassignment that filters
// the slice, a send on the unregister channel, or a helper that does one
// of these (a fact, so helpers of other packages count).
//
// When a removal may happen through something the analyzer cannot
// resolve (an interface method or a func-valued field that receives the
// client, a call into a package that was not analyzed), it assumes the
// removal happens and stays silent. A registration whose connection has
// no read loop in sight (a hub's own goroutine inserting what it
// receives, a helper that only adds) is not reported either.
//
// Bad:
//
//	h.mu.Lock()
//	h.clients[conn] = true
//	h.mu.Unlock()
//	for {
//		if _, _, err := conn.ReadMessage(); err != nil {
//			return // conn stays in h.clients forever
//		}
//	}
//
// Good:
//
//	h.mu.Lock()
//	h.clients[conn] = true
//	h.mu.Unlock()
//	defer func() {
//		h.mu.Lock()
//		delete(h.clients, conn)
//		h.mu.Unlock()
//	}()
//
// The suggested fix inserts that deferred removal after the
// registration, taking the mutex locked around it; it calls the
// package's own removal helper (defer h.remove(c)) when there is one,
// uses Delete for a sync.Map, and sends on the unregister channel for a
// hub that has one. A registration whose read loop runs in another
// goroutine gets no fix.
//
// A //wsvet:ignore connleak <reason> comment on the line of the
// registration or the line above silences the diagnostic.
package connleak
