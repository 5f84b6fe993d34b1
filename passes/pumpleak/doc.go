// Package pumpleak defines an Analyzer that reports goroutines that
// outlive their WebSocket connection.
//
// # Analyzer pumpleak
//
// pumpleak: report goroutines of a connection that nothing stops when its read loop ends
//
// A WebSocket connection usually has two or three goroutines: the one
// that reads, a writer (a "write pump") fed by a send channel, a
// pinger. When the read loop ends because the peer left and nothing
// tells the others, they stay blocked forever: one goroutine, with its
// buffers and often its registration, for every client that ever left.
//
// For each function that starts goroutines, the analyzer finds the one
// that owns the connection's read loop: the function itself, a function
// of the package it calls (c.readPump()), or one of the goroutines it
// starts (go c.readPump()). The other goroutines it starts, with go,
// errgroup.Group.Go, sync.WaitGroup.Go or time.AfterFunc, by itself or
// through a helper of the package that it calls (a constructor that
// starts the writer), serve the connection when they are handed the
// connection or something the function made: a channel, a context, a
// client struct. For each such pump the analyzer works out its ways
// out, path by path: a range over a channel ends when the channel is
// closed; a receive, or a select case, fires when the channel is closed
// or sent on (a `v, ok := <-ch` tells which); a receive from ctx.Done()
// when the context is cancelled; a send on an unbuffered channel made
// here when someone receives; the branch where a write to the connection
// failed when the connection is closed; timers fire by themselves, and
// the functions of the package the pump calls have ways out of their
// own.
//
// It reports the pump when, on some path of the owner from the pump's
// start (or from its own start, when the read loop runs in a goroutine)
// to its end, nothing satisfies any way out: nothing closes the channel
// or sends on it after the read loop, closes a done channel it selects
// on, cancels the context it waits for, or closes the connection it
// writes to; and when the pump has no way out at all. What the owner's
// end does counts through the helpers it calls (this package's, and
// other packages' through a fact: "stops: closes operand 0.send"), a
// hub whose receiver closes what it is sent (the unregister case of
// gorilla's chat hub closes client.send; a fact on the channel carries
// it across packages), what the function's callers do after it returns,
// and what the group's other goroutines do once they are let go (a
// pump that closes a done channel on its way out). A context made by
// WithCancel is cancelled by its cancel func or its parent's; a context
// that comes from elsewhere (r.Context(), a parameter, coder's
// CloseRead, errgroup.WithContext, a timeout) is assumed to end.
//
// It also reports a write pump, a goroutine that takes values from a
// channel and writes them, that returns when a write fails without
// closing the connection, cancelling, or telling anyone (closing or
// sending on a channel, calling a func value): the reader goes on
// reading a connection that nobody writes to, the registration lives
// on, and whoever sends to the pump blocks or fills its buffer. A
// pinger that stops on its failed ping harms nobody and is not
// reported; an errgroup goroutine that returns the error cancels its
// group.
//
// Precision comes first. Whatever may stop a pump through code the
// analyzer cannot see is assumed to: an interface method (of the
// standard library, only a Close), a func value or field, a function of
// a package that wsvet does not analyze handed a channel, a func or a
// struct pointer, a channel handed in by a parameter or returned by
// another package (a subscription's channel is its owner's to close).
// A guarded close in a helper (if !c.closed { close(c.send) }, a
// sync.Once) counts. A pump whose only way out is a failed write to a
// connection handed in inside a struct (client-go's heartbeat pings
// s.conn, which its owner's caller closes with a defer), or to a
// connection its library closes when the handler returns (x/net's
// Handler, fasthttp's upgrader, gofiber's websocket.New), is assumed to
// end. The goroutines of main.main end with the process and are not
// reported.
//
// Knowingly not reported: a reader started in its own goroutine that
// blocks sending to a consumer loop that already returned (the consumer
// is the starter, not a read loop); goroutines started by another
// package or by helpers more than one call away; blocking on anything
// but channels (mutexes, sync.Cond, WaitGroup.Wait, other connections);
// an owner that waits for the pump before it would let it go (a
// deadlock of both); and channels closed at other times, such as a
// hub's broadcast that drops a full client, which do not count as the
// end of the read loop.
//
// Bad:
//
//	send := make(chan []byte, 16)
//	go func() {
//		for msg := range send { // blocked forever once the reader returns
//			if err := conn.WriteMessage(websocket.TextMessage, msg); err != nil {
//				conn.Close()
//				return
//			}
//		}
//	}()
//	for {
//		_, msg, err := conn.ReadMessage()
//		if err != nil {
//			return
//		}
//		send <- msg
//	}
//
// Good (what the fix inserts after the go statement):
//
//	defer close(send)
//
// The suggested fixes insert, in the owner, the one thing the pump
// waits for, when one channel or one context is its only way out: defer
// close(ch) after the go statement (or first in the goroutine that runs
// the read loop), when the owner is the only function that sends on the
// channel, nothing closes it already, it does not escape to code that
// could, and a struct that holds it is of this package (otherwise a
// second close, or a send on the closed channel, would panic); defer
// cancel() right after the WithCancel, when the owner made the context
// and names its cancel func. When a failed write is the pump's only way
// out, the fix closes the connection when the read loop ends (defer
// conn.Close(), CloseNow for coder). For a write pump that gives up
// silently, the fix closes the connection first thing in the pump, so
// that the reader ends too. No fix is offered for a go statement in a
// loop (one defer per iteration), for a pump without any way out or
// one blocked on a send (whether to add an exit, buffer the channel or
// select on a done channel is a design choice), for a pump with several
// ways out, or for a channel that others send on or close.
//
// A //wsvet:ignore pumpleak <reason> comment on the line of the go
// statement (or of the failed write) or the line above silences the
// diagnostic.
package pumpleak
