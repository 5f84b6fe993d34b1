// Package readloop defines an Analyzer that reports WebSocket read loops
// whose read error does not end the loop.
//
// # Analyzer readloop
//
// readloop: report read loops that go on reading a failed WebSocket connection
//
// A WebSocket connection that has failed never recovers: once a read
// returns an error (the peer closed with 1000 or 1001, the TCP
// connection dropped and the library reports 1006, a deadline passed),
// every later read fails the same way at once. A read loop that does not
// leave on that error spins, burning a CPU core for as long as the
// handler lives; gorilla/websocket and fasthttp/websocket even panic
// with "repeated read on failed websocket connection".
//
// The analyzer reports a read inside a loop (ReadMessage, ReadJSON,
// NextReader, coder's Read and Reader, wsjson.Read, x/net's
// Message.Receive and JSON.Receive, gobwas' wsutil.Read* and
// ws.ReadFrame, functions of any package that wrap them and return
// their error, and closures that do so on a connection they capture)
// when
//
//   - its error is discarded (assigned to _, or never read);
//   - a path on which the error may be non-nil comes back to a read of
//     the same connection: the error branch logs and continues, only
//     `if err == nil { ... }` is tested, or only one close code ends the
//     loop (IsCloseError(err, 1000), CloseStatus(err) ==
//     StatusNormalClosure, err == io.EOF) so that 1001, 1006 and network
//     errors come around again.
//
// A helper that reads the connection and swallows the error (logs it,
// sends it on a channel, hands it to a callback, stores it in a field)
// and returns nothing about it is a read too: called in an endless loop,
// it spins exactly like continue. So are the io.Reader of NextReader and
// the net.Conn of coder's NetConn, read in the function or through a
// parameter that every caller in the package hands one.
//
// Paths end at a return, a panic, a call that never returns (log.Fatal,
// os.Exit, t.Fatal also through testing.TB, the Fatal and Panic of zap,
// logrus, zerolog and klog, or a function of the program none of whose
// paths return) and
// where the connection is replaced (a reconnect). They also end at a
// counted exit: a branch that leaves the loop when a counter that the
// failing path steps (and tests) passes a bound (`if retries++; retries > 3 {
// return }`, `for i := 0; i < n; i++` around the read; a counter stepped
// only on success bounds nothing), since a bounded number of failed reads
// is wasteful but does not spin; and where the error path sets a flag
// that the loop then leaves on (a variable, field or package variable,
// plain or sync/atomic, set directly, through a function of the package
// or in a closure handed to a call such as sync.Once.Do, tested directly
// or through a getter: `for !c.closed { ... c.closed = true; continue
// }`); and where an iterator hands the error to its consumer and leaves
// when told to (`if !yield(msg, err) { return }`), which, like returning
// the error, leaves the decision to the caller. A decode error
// (errors.As to *json.SyntaxError or *json.UnmarshalTypeError) leaves
// the connection usable, and may continue. A retry counter that starts
// again when the error changes still bounds the loop (a failed connection
// returns the same error forever), and so does a branch on what a failed
// read returns beside the error: gorilla's message type -1, coder's and
// gobwas' 0, or a helper's result that holds one value on every failure
// (`leave, err := c.step()` with `if leave { break }`).
//
// Bad:
//
//	for {
//		_, msg, err := conn.ReadMessage()
//		if err != nil {
//			log.Println("read:", err)
//			continue
//		}
//		handle(msg)
//	}
//
// Good:
//
//	for {
//		_, msg, err := conn.ReadMessage()
//		if err != nil {
//			log.Println("read:", err)
//			break
//		}
//		handle(msg)
//	}
//
// The suggested fix replaces such a continue with break (when that
// leaves the loop and no outer loop starts it again) or a return of the
// error or zero values; names a discarded error and inserts
// `if err != nil { ... }` after the read; and adds the missing general
// exit after a test of a single close code. For a helper that swallows
// the error, it makes the helper return it (its signature gains an error
// result; every return in the scope of the read's error variable returns
// it, the others nil) and the loop leave on it.
//
// No fix is offered where it could not be sure to compile or to mean the
// same: a helper that swallows the error but belongs to another package,
// is exported, has results already, is used as a value or could satisfy
// an interface, assigns the error variable twice, or is called in more
// than one loop (each call would need the same change); a read whose
// statement is not in a statement list (a for statement's init); and a
// read in generated or cgo-translated code, whose positions do not map
// back to the source.
//
// A //wsvet:ignore readloop <reason> comment on the line of the read or
// the line above silences the diagnostic.
package readloop
