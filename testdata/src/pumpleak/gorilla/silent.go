package gorilla

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"example.com/chanutil"

	"github.com/gorilla/websocket"
	"golang.org/x/sync/errgroup"
)

// A done channel closed by a defer in the read loop's function.
func doneDeferred(conn *websocket.Conn) {
	defer conn.Close()
	done := make(chan struct{})
	defer close(done)
	go func() {
		ticker := time.NewTicker(time.Second)
		defer ticker.Stop()
		for {
			select {
			case <-done:
				return
			case <-ticker.C:
				conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
			}
		}
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A context cancelled by defer.
func cancelDeferred(conn *websocket.Conn) {
	defer conn.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go pinger(ctx, conn)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A request's context is cancelled when the handler returns.
func requestContext(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	ctx, cancel := context.WithCancel(r.Context())
	go pinger(ctx, conn)
	for {
		if _, msg, err := conn.ReadMessage(); err != nil || string(msg) == "bye" {
			cancel()
			return
		}
	}
}

// A pinger that returns on its failed write, after the reader's
// deferred Close.
func pingerClosed(conn *websocket.Conn) {
	defer conn.Close()
	go func() {
		ticker := time.NewTicker(time.Second)
		defer ticker.Stop()
		for range ticker.C {
			if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
				return
			}
		}
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// An errgroup with its context: the reader's error cancels it.
func errgroupContext(ctx context.Context, conn *websocket.Conn, send chan []byte) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		for {
			if _, _, err := conn.ReadMessage(); err != nil {
				return err
			}
		}
	})
	g.Go(func() error {
		for {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case m := <-send:
				if err := conn.WriteMessage(websocket.TextMessage, m); err != nil {
					return err
				}
			}
		}
	})
	return g.Wait()
}

// Cleanup in a helper method, guarded so that it runs once.
type peer struct {
	conn   *websocket.Conn
	send   chan []byte
	once   sync.Once
	closed bool
}

func (p *peer) shutdown() {
	p.once.Do(func() { close(p.send) })
}

func (p *peer) stop() {
	if !p.closed {
		p.closed = true
		close(p.send)
	}
}

func (p *peer) writeLoop() {
	defer p.conn.Close()
	for m := range p.send {
		if err := p.conn.WriteMessage(websocket.TextMessage, m); err != nil {
			return
		}
	}
}

func (p *peer) serveOnce() {
	defer p.shutdown()
	go p.writeLoop()
	for {
		if _, _, err := p.conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (p *peer) serveGuarded() {
	go p.writeLoop()
	defer p.stop()
	for {
		if _, _, err := p.conn.ReadMessage(); err != nil {
			return
		}
	}
}

// The read loop returns its error to a caller that does the cleanup.
func (p *peer) readLoop() error {
	for {
		if _, _, err := p.conn.ReadMessage(); err != nil {
			return err
		}
	}
}

func (p *peer) run() error {
	go p.writeLoop()
	err := p.readLoop()
	close(p.send)
	return err
}

// Unresolvable: a func field and an interface method may stop the pump.
type closer interface{ Close(p *peer) }

type server struct {
	onClose func(p *peer)
	closer  closer
}

func (s *server) funcField(p *peer) {
	defer s.onClose(p)
	go p.writeLoop()
	for {
		if _, _, err := p.conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (s *server) interfaceMethod(p *peer) {
	defer s.closer.Close(p)
	go p.writeLoop()
	for {
		if _, _, err := p.conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A writer that closes the connection when it gives up, so the reader
// ends too; the reader closes send.
func writerCloses(conn *websocket.Conn) {
	send := make(chan []byte)
	go func() {
		for m := range send {
			if err := conn.WriteMessage(websocket.TextMessage, m); err != nil {
				conn.Close()
				return
			}
		}
	}()
	defer close(send)
	for {
		_, m, err := conn.ReadMessage()
		if err != nil {
			return
		}
		send <- m
	}
}

// gorilla's command example: ping selects on stdoutDone, which
// pumpStdout closes on its way out, and the handler waits for it.
func pumpStdout(ws *websocket.Conn, lines chan []byte, done chan struct{}) {
	for l := range lines {
		if err := ws.WriteMessage(websocket.TextMessage, l); err != nil {
			ws.Close()
			break
		}
	}
	close(done)
	ws.Close()
}

func pingUntil(ws *websocket.Conn, done chan struct{}) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			ws.WriteControl(websocket.PingMessage, []byte{}, time.Now().Add(time.Second))
		case <-done:
			return
		}
	}
}

func command(ws *websocket.Conn, lines chan []byte) {
	defer ws.Close()
	stdoutDone := make(chan struct{})
	go pumpStdout(ws, lines, stdoutDone)
	go pingUntil(ws, stdoutDone)
	for {
		if _, _, err := ws.ReadMessage(); err != nil {
			break
		}
	}
	close(lines)
	<-stdoutDone
}

// A hub's loop started from a handler holds nothing of the connection.
func startsHub(h *Hub, conn *websocket.Conn) {
	go h.run()
	defer conn.Close()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A pinger with its own way out: it gives up after a while.
func pingerGivesUp(conn *websocket.Conn) {
	defer conn.Close()
	go func() {
		for i := 0; i < 10; i++ {
			time.Sleep(time.Second)
			conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
		}
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// Messages sent on to a hub that lives forever: the send goes through.
func forwards(h *Hub, conn *websocket.Conn) {
	defer conn.Close()
	in := make(chan []byte, 1)
	defer close(in)
	go func() {
		for m := range in {
			h.broadcast <- m
		}
	}()
	for {
		_, m, err := conn.ReadMessage()
		if err != nil {
			return
		}
		in <- m
	}
}

// A channel handed in by the caller is the caller's to close.
func serveWith(conn *websocket.Conn, send chan []byte) {
	defer conn.Close()
	go func() {
		for m := range send {
			if err := conn.WriteMessage(websocket.TextMessage, m); err != nil {
				conn.Close()
				return
			}
		}
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A subscription's channel is closed by the subscription's owner.
func subscribed(conn *websocket.Conn) {
	defer conn.Close()
	msgs := chanutil.Subscribe("news")
	defer chanutil.Unsubscribe("news")
	go func() {
		for m := range msgs {
			if err := conn.WriteMessage(websocket.TextMessage, m); err != nil {
				conn.Close()
				return
			}
		}
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// The caller closes send once serve returns.
func (p *peer) serve() {
	go p.writeLoop()
	for {
		if _, _, err := p.conn.ReadMessage(); err != nil {
			return
		}
	}
}

func servePeer(conn *websocket.Conn) {
	p := &peer{conn: conn, send: make(chan []byte, 8)}
	p.serve()
	close(p.send)
}

// A hub whose unregister case hands the client to code out of sight.
type releaser interface{ Release(p *peer) }

type poolHub struct {
	unregister chan *peer
	pool       releaser
}

func (h *poolHub) run() {
	for p := range h.unregister {
		h.pool.Release(p)
	}
}

func (h *poolHub) serve(p *peer) {
	go p.writeLoop()
	defer func() { h.unregister <- p }()
	for {
		if _, _, err := p.conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A pinger that stops on its failed ping and on done: nothing waits
// for it, so its quiet return harms nobody.
func pingerDone(conn *websocket.Conn) {
	defer conn.Close()
	done := make(chan struct{})
	defer close(done)
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
					return
				}
			}
		}
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A quit channel sent on by a defer.
func quitSent(conn *websocket.Conn) {
	defer conn.Close()
	quit := make(chan bool)
	defer func() { quit <- true }()
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
			}
		}
	}()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A send channel closed in the read loop's error branch, its only exit.
func closedOnError(conn *websocket.Conn) {
	defer conn.Close()
	send := make(chan []byte, 8)
	go func() {
		defer conn.Close()
		for m := range send {
			if err := conn.WriteMessage(websocket.TextMessage, m); err != nil {
				return
			}
		}
	}()
	for {
		_, m, err := conn.ReadMessage()
		if err != nil {
			close(send)
			return
		}
		send <- m
	}
}

// A method run in a closure: its ways out are the method's.
func (p *peer) wrapped() {
	go func() { p.writeLoop() }()
	defer p.stop()
	for {
		if _, _, err := p.conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A writer whose write helper closes the connection when it fails.
func (p *peer) write(m []byte) error {
	if err := p.conn.WriteMessage(websocket.TextMessage, m); err != nil {
		p.conn.Close()
		return err
	}
	return nil
}

func (p *peer) wrappedWriter() {
	defer p.stop()
	go func() {
		for m := range p.send {
			if err := p.write(m); err != nil {
				return
			}
		}
	}()
	for {
		if _, _, err := p.conn.ReadMessage(); err != nil {
			return
		}
	}
}

// A helper that cancels the context through the cancel func it keeps.
type sess struct {
	conn   *websocket.Conn
	cancel context.CancelFunc
}

func (s *sess) stop() { s.cancel() }

func cancelHelper(conn *websocket.Conn) {
	defer conn.Close()
	ctx, cancel := context.WithCancel(context.Background())
	s := &sess{conn: conn, cancel: cancel}
	go pinger(ctx, conn)
	defer s.stop()
	for {
		if _, _, err := s.conn.ReadMessage(); err != nil {
			return
		}
	}
}

// client-go's heartbeat: a stream pings the connection it was handed in a
// struct and stops on the failed ping (or when a close frame closes its
// closer); the stream's owner closes the connection with a defer once the
// read loop has returned.
type stream struct{ conn *websocket.Conn }

type heartbeat struct {
	conn   *websocket.Conn
	closer chan struct{}
	period time.Duration
}

func newHeartbeat(conn *websocket.Conn, period time.Duration) *heartbeat {
	h := &heartbeat{conn: conn, closer: make(chan struct{}), period: period}
	closeHandler := conn.CloseHandler()
	conn.SetCloseHandler(func(code int, text string) error {
		close(h.closer)
		return closeHandler(code, text)
	})
	return h
}

func (h *heartbeat) start() {
	t := time.NewTicker(h.period)
	defer t.Stop()
	for {
		select {
		case <-h.closer:
			return
		case <-t.C:
			if err := h.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
				if errors.Is(err, websocket.ErrCloseSent) {
					continue
				}
				return
			}
		}
	}
}

func (s *stream) demux(period time.Duration) error {
	h := newHeartbeat(s.conn, period)
	go h.start()
	for {
		if _, _, err := s.conn.ReadMessage(); err != nil {
			return err
		}
	}
}

func (s *stream) ticks(period time.Duration) error {
	go func() {
		for range time.Tick(period) {
			if err := s.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
				return
			}
		}
	}()
	for {
		if _, _, err := s.conn.ReadMessage(); err != nil {
			return err
		}
	}
}

func execute(conn *websocket.Conn) error {
	defer conn.Close()
	s := &stream{conn: conn}
	if err := s.ticks(time.Second); err != nil {
		return err
	}
	return s.demux(time.Second)
}
