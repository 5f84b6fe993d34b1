// Package concurrentwrite defines an Analyzer that reports a WebSocket
// connection written by two goroutines at once.
//
// # Analyzer concurrentwrite
//
// concurrentwrite: report a WebSocket connection written by two goroutines at once
//
// gorilla/websocket and fasthttp/websocket (and gofiber's wrapper)
// support one concurrent writer: NextWriter, WriteMessage, WriteJSON,
// WritePreparedMessage and SetWriteDeadline must not run in two
// goroutines at once, and gorilla panics with "concurrent write to
// websocket connection" when they do, the most reported WebSocket crash
// in Go. gobwas writes a frame's header and payload separately, so frames
// written by two goroutines on one net.Conn interleave and corrupt the
// stream. (WriteControl and Close may run concurrently with the writer;
// coder/websocket, nhooyr.io/websocket and golang.org/x/net/websocket
// lock inside: they are never reported.)
//
// The analyzer reports a write of a connection when another goroutine
// may write the same connection at the same time and the two writes do
// not hold a common mutex (the same sync.Mutex or RWMutex, by field
// path or variable, locked on every path to the write, a deferred Unlock
// included, at least one of the two for writing):
//
//   - a goroutine a function starts (a go statement, errgroup.Group.Go,
//     sync.WaitGroup.Go, time.AfterFunc) writes a connection that the
//     function writes after starting it, before it has waited for it
//     (WaitGroup.Wait, errgroup's Wait, or a receive from a channel the
//     goroutine closes when it ends): a ping ticker beside the handler's
//     echo;
//   - two goroutines a function starts write one connection (a writer and
//     a pinger), or one goroutine started in a loop writes a connection
//     that every iteration shares (go conn.WriteMessage(...) per message);
//   - a method of a type starts a goroutine that writes the connection the
//     type holds (go c.run()), and an exported method of the type writes it
//     from the caller's goroutine (an SDK's Send beside its background
//     loop), or two of its methods start goroutines that both write it.
//
// Writes are followed into the package's functions and methods, and
// into other packages' through facts: the writes a function makes below
// its parameters and those of the goroutines it starts, with the locks
// held. A connection stored into a struct that the function makes
// (client := &Client{conn: conn}) is the connection itself. A goroutine
// per client (for _, c := range clients { go c.writePump() }) writes
// each client's own connection: only writes of the same iteration meet.
//
// Bad:
//
//	go func() {
//		for range ticker.C {
//			conn.WriteMessage(websocket.PingMessage, nil)
//		}
//	}()
//	for {
//		mt, msg, err := conn.ReadMessage()
//		if err != nil {
//			return
//		}
//		conn.WriteMessage(mt, msg) // may run during the ping
//	}
//
// Good: one writer goroutine fed by a channel (gorilla's chat example),
// pings with WriteControl, or one mutex around every write:
//
//	var writeMu sync.Mutex
//	go func() {
//		for range ticker.C {
//			writeMu.Lock()
//			conn.WriteMessage(websocket.PingMessage, nil)
//			writeMu.Unlock()
//		}
//	}()
//
// The suggested fix makes one mutex guard every write of the connection.
// For a connection in a struct field (c.conn) whose struct has a mutex
// that already guards some of its writes, the other writes take it too;
// when the struct has none, a `writeMu sync.Mutex` field is added to it
// and every write of the field in the package takes it. For a local
// variable (a handler's conn, captured by the goroutines it starts), a
// `var writeMu sync.Mutex` is declared after it and every write of it in
// the function and its closures takes it, the writes of a gobwas
// wsutil.Writer made once from it (w := wsutil.NewWriter(conn, ...))
// included: each Write and Flush writes whole frames, so a lock around
// each call keeps another goroutine's frames out of them. A write
// statement is wrapped in Lock and Unlock (a return of the write gets
// `defer mu.Unlock()`), a write in an if statement's init becomes
// `func() error { mu.Lock(); defer mu.Unlock(); return write }()` (with
// the write's results, when they are predeclared types such as
// `(int, error)`), and sync is imported if needed.
//
// There is no fix when a write of the connection cannot be wrapped that
// way: it is part of a larger expression, its results include a type that
// is not predeclared, or it is the goroutine itself
// (go conn.WriteMessage(...)); it uses NextWriter, whose writer writes
// after the call returns, so the lock would have to last until the
// writer's Close; it goes through a variable copied from the field, a
// helper that takes the connection as a parameter, or a function of
// another package; or the struct's mutex may already be held where the
// write would take it (sync.Mutex is not reentrant: the fix would
// deadlock).
//
// Not seen: handlers that the library calls from the reading goroutine
// (SetPingHandler with a WriteMessage inside runs during ReadMessage),
// writes through func values and interfaces, and goroutines started by
// code the analyzer cannot resolve; a missed crash costs less than a
// false alarm.
//
// A //wsvet:ignore concurrentwrite <reason> comment on the line of the
// write or the line above silences the diagnostic.
package concurrentwrite
