package gorilla

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/gorilla/websocket"
	"github.com/stretchr/testify/require"
)

// Shapes found in real code (melody, centrifuge and others) that are
// correct and must stay silent.

// Each iteration reads a different connection once.
func drainEach(conns []*websocket.Conn) {
	for _, conn := range conns {
		conn.ReadMessage()
	}
}

// A fresh connection every iteration.
func dialEach(d *websocket.Dialer, url string, n int) {
	for i := 0; i < n; i++ {
		c, _, err := d.Dial(url, nil)
		if err != nil {
			return
		}
		c.ReadMessage()
		c.Close()
	}
}

// The error path closes done through a helper; the select at the top of
// the loop returns.
type doneClient struct {
	conn *websocket.Conn
	done chan struct{}
	once sync.Once
}

func (cl *doneClient) shutdown() { cl.once.Do(func() { close(cl.done); cl.conn.Close() }) }

func (cl *doneClient) readLoop() {
	for {
		select {
		case <-cl.done:
			return
		default:
		}
		_, _, err := cl.conn.ReadMessage()
		if err != nil {
			cl.shutdown()
			continue
		}
	}
}

// The error path cancels the context the loop selects on.
func cancelOnError(ctx context.Context, conn *websocket.Conn) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for {
		select {
		case <-ctx.Done():
			return
		default:
		}
		if _, _, err := conn.ReadMessage(); err != nil {
			cancel()
			continue
		}
	}
}

// require.NoError stops the goroutine on a non-nil error.
func collect(t *testing.T, conn *websocket.Conn, want int) {
	n := 0
	for n < want {
		_, data, err := conn.ReadMessage()
		require.NoError(t, err)
		n += len(data)
	}
}

func collectAssertions(t *testing.T, conn *websocket.Conn) {
	r := require.New(t)
	for {
		_, data, err := conn.ReadMessage()
		r.NoError(err)
		handle(data)
	}
}

// require.Fail never returns.
func firstNonPing(t *testing.T, conn *websocket.Conn) []byte {
	for {
		_, data, err := conn.ReadMessage()
		if err != nil {
			require.Fail(t, err.Error())
		}
		if string(data) != "{}" {
			return data
		}
	}
}

// A bounded retry: the error path counts failures and leaves after three.
func retryThenGiveUp(conn *websocket.Conn) {
	retries := 0
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			retries++
			if retries > 3 {
				return
			}
			continue
		}
		retries = 0
		handle(msg)
	}
}

// The retry counter is a field.
type retrier struct {
	conn    *websocket.Conn
	retries int
}

func (r *retrier) readWithRetries() {
	for {
		_, msg, err := r.conn.ReadMessage()
		if err != nil {
			r.retries++
			if r.retries > 3 {
				return
			}
			continue
		}
		r.retries = 0
		handle(msg)
	}
}

// A local atomic flag, a captured flag set by a closure, a flag read
// through a getter and set through two helpers, a consecutive-failure
// counter merged through if/else: all leave the loop.
func localAtomicFlag(conn *websocket.Conn) {
	var stopped atomic.Bool
	for !stopped.Load() {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			stopped.Store(true)
			continue
		}
		handle(msg)
	}
}

func capturedFlag(conn *websocket.Conn) {
	closed := false
	stop := func() { closed = true }
	for !closed {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			stop()
			continue
		}
		handle(msg)
	}
}

type guarded struct {
	mu     sync.Mutex
	conn   *websocket.Conn
	closed bool
}

func (g *guarded) isClosed() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.closed
}

func (g *guarded) markClosed() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}

func (g *guarded) stop() { g.markClosed() }

func (g *guarded) getterFlag() {
	for !g.isClosed() {
		_, msg, err := g.conn.ReadMessage()
		if err != nil {
			g.stop()
			continue
		}
		handle(msg)
	}
}

// Getters that negate or compare the flag.
func (g *guarded) isOpen() bool { return !g.closed }

func (g *guarded) negatedGetter() {
	for g.isOpen() {
		_, msg, err := g.conn.ReadMessage()
		if err != nil {
			g.markClosed()
			continue
		}
		handle(msg)
	}
}

type phase struct {
	conn  *websocket.Conn
	state int
}

func (p *phase) done() bool { return p.state == 2 }

func (p *phase) comparingGetter() {
	for !p.done() {
		_, msg, err := p.conn.ReadMessage()
		if err != nil {
			p.state = 2
			continue
		}
		handle(msg)
	}
}

func consecutiveFailures(conn *websocket.Conn) {
	failures := 0
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			failures++
		} else {
			failures = 0
		}
		if failures > 3 {
			return
		}
		handle(msg)
	}
}

// An iterator hands the error to its consumer, who stops it by breaking
// out of the range loop (yield then returns false).
func messages(conn *websocket.Conn) func(yield func([]byte, error) bool) {
	return func(yield func([]byte, error) bool) {
		for {
			_, msg, err := conn.ReadMessage()
			if !yield(msg, err) {
				return
			}
		}
	}
}

// A flag set inside sync.Once; an atomic retry counter.
type onceClosed struct {
	conn   *websocket.Conn
	once   sync.Once
	closed bool
}

func (o *onceClosed) readLoop() {
	for !o.closed {
		_, msg, err := o.conn.ReadMessage()
		if err != nil {
			o.once.Do(func() { o.closed = true })
			continue
		}
		handle(msg)
	}
}

func atomicRetries(conn *websocket.Conn) {
	var failures atomic.Int32
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			if failures.Add(1) > 3 {
				return
			}
			continue
		}
		handle(msg)
	}
}

// A counted loop, as tests read n messages: at most n reads.
func readThree(t *testing.T, conn *websocket.Conn) {
	for i := 0; i < 3; i++ {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			t.Log(err)
			continue
		}
		handle(msg)
	}
}

// A range over the expected messages: one read each.
func expectEach(t *testing.T, conn *websocket.Conn, want []string) {
	for _, w := range want {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			t.Error(err)
			continue
		}
		if string(msg) != w {
			t.Errorf("got %s, want %s", msg, w)
		}
	}
}

// The error path sets a flag the loop leaves on: a field, an atomic
// field, a package variable; tested at the top or around an inner loop.
type flagged struct {
	conn    *websocket.Conn
	closed  bool
	seen    bool
	stopped atomic.Bool
}

func (c *flagged) fieldFlag() {
	for !c.closed {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			c.closed = true
			continue
		}
		handle(msg)
	}
}

func (c *flagged) atomicFlag() {
	for !c.stopped.Load() {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			c.stopped.Store(true)
			continue
		}
		handle(msg)
	}
}

func (c *flagged) flagAroundInnerLoop() {
	for !c.closed {
		for {
			_, msg, err := c.conn.ReadMessage()
			if err != nil {
				c.closed = true
				break
			}
			handle(msg)
		}
	}
}

func (c *flagged) shutdown() {
	c.closed = true
	c.conn.Close()
}

func (c *flagged) flagSetByHelper() {
	for !c.closed {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			c.shutdown()
			continue
		}
		handle(msg)
	}
}

var shuttingDown bool

func globalFlag(conn *websocket.Conn) {
	for {
		if shuttingDown {
			return
		}
		_, msg, err := conn.ReadMessage()
		if err != nil {
			shuttingDown = true
			continue
		}
		handle(msg)
	}
}

// Still a bug: the same connection read again with the error discarded,
// even in a loop over several.
func drainTwice(conns []*websocket.Conn) {
	for _, conn := range conns {
		for i := 0; i < 2; i++ {
			conn.ReadMessage() // want `the error from conn.ReadMessage is discarded`
		}
	}
}

// Retry counters that start again when the error changes: a failed
// connection returns the same error forever, so n identical errors end
// the loop.
func resetOnNewError(conn *websocket.Conn) error {
	var last error
	n := 0
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			if err == last {
				n++
			} else {
				last, n = err, 0
			}
			if n > 5 {
				return err
			}
			continue
		}
		n = 0
		handle(msg)
	}
}

func resetOnNewMessage(conn *websocket.Conn) {
	last := ""
	repeats := 0
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			if msg := err.Error(); msg != last {
				last = msg
				repeats = 0
			} else {
				repeats++
			}
			if repeats >= 3 {
				return
			}
			continue
		}
		handle(msg)
	}
}

type errKeeper struct {
	conn    *websocket.Conn
	lastErr error
	same    int
}

func (r *errKeeper) readLoop() {
	for {
		_, msg, err := r.conn.ReadMessage()
		if err != nil {
			if errors.Is(err, r.lastErr) {
				r.same++
			} else {
				r.lastErr = err
				r.same = 1
			}
			if r.same > 10 {
				return
			}
			continue
		}
		handle(msg)
	}
}

// The error kept is never updated: every failure starts the count again.
func resetWithoutUpdate(conn *websocket.Conn, last error) {
	n := 0
	for {
		_, msg, err := conn.ReadMessage() // want `conn.ReadMessage failed and the loop continues`
		if err != nil {
			if err != last {
				n = 0
			}
			n++
			if n > 5 {
				return
			}
			continue
		}
		handle(msg)
	}
}
