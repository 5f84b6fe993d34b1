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
// receiver inserts, or a call to a helper that does one of these) of a
// value that holds a connection (the connection, a session or client
// struct holding it up to three fields down, also stored as an
// interface) when the goroutine that owns the connection's read loop
// (the same function, or a function it starts with go or calls with the
// connection) can end without removing it from that registry: some path
// from the registration to a return passes neither a removal nor the
// defer of one (delete, Delete, a reassignment that filters the slice, a
// send on the unregister channel, or a helper that does one of these: a
// fact, so helpers of other packages count). A defer set up after an
// early return (a failed first write, an auth check) does not cover
// that return.
//
// It also reports a hub goroutine that sends a dead client on its own
// unbuffered unregister channel (in its broadcast's write-error branch,
// or in a method it calls): it is that channel's only receiver, so the
// send blocks forever, the hub deadlocks and the removal never runs.
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
// or another package's (defer m.Unregister(c), defer
// registry.Unregister(c) for a package variable, found through its
// fact), uses Delete for a sync.Map, sends on the unregister channel for
// a hub that has one, and for a slice filters the element out with a
// loop (for i, x := range h.conns { if x == c { h.conns =
// append(h.conns[:i], h.conns[i+1:]...); break } }). When the function
// defers a removal later, after an early return, the fix moves that
// defer up to the registration instead (a second removal could close a
// channel twice). When the read loop runs in another goroutine (go
// c.readPump(), go func() {...}(), go readLoop(h, conn)), the deferred
// removal goes at the top of that goroutine's function, which owns the
// connection's end, naming the registry and the value as it sees them:
// the variables a closure captures, the parameters it is passed, or a
// field of a struct the registering function filled with them
// (&Client{hub: h} is c.hub in readPump); only when that function is
// started or called from the registering function alone.
//
// No fix is offered for a slice whose elements cannot be compared with
// == (a struct holding a slice), for a read loop in a function that
// cannot reach the registry, or when the removal would need a name that
// the file does not import. For the hub's send to
// itself, the fix does the removal in place: the body of the hub's
// unregister case, with the received variable renamed to the client,
// when that body declares nothing at its top level and neither returns
// nor breaks (else no fix: moving it would change its meaning).
//
// A //wsvet:ignore connleak <reason> comment on the line of the
// registration or the line above silences the diagnostic.
package connleak
