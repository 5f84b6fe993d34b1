package gorilla

import (
	"context"
	"log"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"golang.org/x/sync/errgroup"
)

var upgrader = websocket.Upgrader{}

// --- reported ---

// A ping ticker beside the handler's echo: the most common crash.
func echoWithPings(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	go func() {
		ticker := time.NewTicker(30 * time.Second)
		defer ticker.Stop()
		for range ticker.C {
			if err := conn.WriteMessage(websocket.PingMessage, nil); err != nil {
				return
			}
		}
	}()
	for {
		mt, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if err := conn.WriteMessage(mt, msg); err != nil { // want `conn.WriteMessage may run while the goroutine started at line \d+ writes the same connection \(conn.WriteMessage\): the connection allows one writer at a time, and gorilla/websocket \(and fasthttp/websocket\) panics with "concurrent write to websocket connection"; guard every write of conn with one mutex`
			return
		}
	}
}

// An SDK client: Send writes from the caller's goroutine while the
// background loop started by Connect writes pongs.
type Client struct {
	conn *websocket.Conn
	done chan struct{}
}

func (c *Client) Connect() { // want Connect:`starts\(0&.0\*, \(\*websocket.Conn\).WriteMessage`
	go c.run()
}

func (c *Client) run() {
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		if string(msg) == "ping" {
			c.conn.WriteMessage(websocket.TextMessage, []byte("pong"))
		}
	}
}

func (c *Client) Send(v any) error { // want Send:`writes\(0&.0\*, \(\*websocket.Conn\).WriteJSON`
	return c.conn.WriteJSON(v) // want `c.conn.WriteJSON may run while the goroutine started at line \d+ writes the same connection \(c.conn.WriteMessage\)`
}

// A per-connection writer and pinger, both writing.
type peer struct {
	conn *websocket.Conn
	send chan []byte
}

func (p *peer) writePump() {
	for msg := range p.send {
		if err := p.conn.WriteMessage(websocket.TextMessage, msg); err != nil { // want `p.conn.WriteMessage, in the goroutine started at line \d+, may run while the goroutine started at line \d+ writes the same connection \(p.conn.SetWriteDeadline\)`
			return
		}
	}
}

func (p *peer) pinger() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for range t.C {
		p.conn.SetWriteDeadline(time.Now().Add(time.Second))
		if err := p.conn.WriteMessage(websocket.PingMessage, nil); err != nil {
			return
		}
	}
}

func servePeer(conn *websocket.Conn) {
	p := &peer{conn: conn, send: make(chan []byte, 16)}
	go p.writePump()
	go p.pinger()
}

// A goroutine per message.
func fanOut(conn *websocket.Conn, msgs [][]byte) {
	for _, m := range msgs {
		// nofix: the goroutine is the write itself
		go conn.WriteMessage(websocket.TextMessage, m) // want `conn.WriteMessage, in a goroutine started in a loop, may run while another goroutine started there writes the same connection`
	}
}

// An errgroup goroutine writes while the function writes, before Wait.
func withGroup(ctx context.Context, conn *websocket.Conn) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		return conn.WriteJSON(map[string]string{"hello": "world"})
	})
	conn.WriteMessage(websocket.TextMessage, []byte("ready")) // want `conn.WriteMessage may run while the goroutine started at line \d+ writes the same connection \(conn.WriteJSON\)`
	return g.Wait()
}

// A mutex guards the client's writes, but not the keepalive's.
type guarded struct {
	mu   sync.Mutex
	conn *websocket.Conn
}

func (g *guarded) Send(msg []byte) error { // want Send:`writes\(0&.1\*, \(\*websocket.Conn\).WriteMessage, lock 0&.0`
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.conn.WriteMessage(websocket.TextMessage, msg)
}

func (g *guarded) Start() { // want Start:`starts\(0&.1\*, \(\*websocket.Conn\).WriteMessage`
	go g.keepalive()
}

func (g *guarded) keepalive() {
	for {
		time.Sleep(time.Second)
		g.conn.WriteMessage(websocket.PingMessage, nil) // want `g.conn.WriteMessage, in the goroutine started at line \d+, may run while g.conn.WriteMessage in Send writes the same connection`
	}
}

// time.AfterFunc runs its function in a goroutine of its own.
func closeLater(conn *websocket.Conn) {
	time.AfterFunc(time.Second, func() {
		conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
	})
	conn.WriteMessage(websocket.TextMessage, []byte("bye")) // want `conn.WriteMessage may run while the goroutine started at line \d+ writes the same connection`
}

// --- silent ---

// Every write holds the same mutex.
type locked struct {
	mu   sync.Mutex
	conn *websocket.Conn
}

func (l *locked) Send(msg []byte) error { // want Send:`writes\(0&.1\*, \(\*websocket.Conn\).WriteMessage, lock 0&.0`
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.conn.WriteMessage(websocket.TextMessage, msg)
}

func (l *locked) Start() { go l.loop() } // want Start:`starts\(0&.1\*, \(\*websocket.Conn\).WriteMessage, lock 0&.0`

func (l *locked) loop() {
	for range time.Tick(time.Second) {
		l.mu.Lock()
		err := l.conn.WriteMessage(websocket.PingMessage, nil)
		l.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// gorilla's chat example: one writer goroutine, fed by a channel.
type chatClient struct {
	conn *websocket.Conn
	send chan []byte
}

func (c *chatClient) readPump() {
	defer c.conn.Close()
	c.conn.SetReadDeadline(time.Now().Add(time.Minute))
	for {
		if _, _, err := c.conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (c *chatClient) writePump() {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case msg, ok := <-c.send:
			c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if !ok {
				c.conn.WriteMessage(websocket.CloseMessage, []byte{})
				return
			}
			w, err := c.conn.NextWriter(websocket.TextMessage)
			if err != nil {
				return
			}
			w.Write(msg)
			if err := w.Close(); err != nil {
				return
			}
		case <-ticker.C:
			c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if err := c.conn.WriteMessage(websocket.PingMessage, nil); err != nil {
				return
			}
		}
	}
}

func serveChat(conn *websocket.Conn) {
	c := &chatClient{conn: conn, send: make(chan []byte, 256)}
	go c.writePump()
	go c.readPump()
}

// Pings with WriteControl, which may run beside the writer.
func controlPings(conn *websocket.Conn) {
	go func() {
		for range time.Tick(time.Second) {
			if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
				return
			}
		}
	}()
	for {
		mt, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		conn.WriteMessage(mt, msg)
	}
}

// The second write runs after Wait.
func ordered(conn *websocket.Conn) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		conn.WriteMessage(websocket.TextMessage, []byte("first"))
	}()
	wg.Wait()
	conn.WriteMessage(websocket.TextMessage, []byte("second"))
}

// The goroutine closes done when it has written.
func handshake(conn *websocket.Conn) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		conn.WriteMessage(websocket.TextMessage, []byte("hello"))
	}()
	<-done
	conn.WriteMessage(websocket.TextMessage, []byte("world"))
}

// One writer goroutine per client: each writes its own connection.
func startAll(conns []*websocket.Conn) {
	for _, c := range conns {
		p := &peer{conn: c, send: make(chan []byte)}
		go p.writePump()
	}
}

// The handshake is written before the loop starts.
type session struct{ conn *websocket.Conn }

func (s *session) Open() error { // want Open:`writes\(0&.0\*, \(\*websocket.Conn\).WriteJSON\) starts\(0&.0\*, \(\*websocket.Conn\).WriteMessage`
	if err := s.conn.WriteJSON(map[string]string{"op": "hello"}); err != nil {
		return err
	}
	go s.listen()
	return nil
}

func (s *session) listen() {
	for {
		if _, _, err := s.conn.ReadMessage(); err != nil {
			log.Println(err)
			return
		}
		s.conn.WriteMessage(websocket.TextMessage, []byte("ack"))
	}
}

// A constructor starts the loop on the value it makes; Send writes from
// the caller.
type feed struct{ conn *websocket.Conn }

func dialFeed(conn *websocket.Conn) *feed {
	f := &feed{conn: conn}
	go f.loop()
	return f
}

func (f *feed) loop() {
	for range time.Tick(time.Second) {
		f.conn.WriteJSON("heartbeat")
	}
}

func (f *feed) Publish(v any) { // want Publish:`writes\(0&.0\*, \(\*websocket.Conn\).WriteJSON`
	f.conn.WriteJSON(v) // want `f.conn.WriteJSON may run while the goroutine started at line \d+ writes the same connection \(f.conn.WriteJSON\)`
}

// --- silent: orderings seen in SDKs ---

// A sender started once per connection cycle, and waited for before the
// next cycle (opamp-go's WSSender): its first write runs before go.
type cycleSender struct {
	conn    *websocket.Conn
	pending chan []byte
	stopped chan struct{}
}

func (s *cycleSender) start(ctx context.Context, conn *websocket.Conn) error {
	s.conn = conn
	err := s.conn.WriteMessage(websocket.BinaryMessage, []byte("hello")) // want `s.conn.WriteMessage may run while the goroutine started at line \d+ writes the same connection \(s.conn.WriteMessage\)`
	s.stopped = make(chan struct{})
	go s.run(ctx)
	return err
}

func (s *cycleSender) run(ctx context.Context) {
	for {
		select {
		case msg := <-s.pending:
			s.conn.WriteMessage(websocket.BinaryMessage, msg)
		case <-ctx.Done():
			close(s.stopped)
			return
		}
	}
}

func (s *cycleSender) waitToStop() { <-s.stopped }

type cycler struct {
	sender *cycleSender
	url    string
}

func (c *cycler) runOneCycle(ctx context.Context) {
	conn, _, err := websocket.DefaultDialer.Dial(c.url, nil)
	if err != nil {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	if err := c.sender.start(ctx, conn); err != nil {
		cancel()
		c.sender.waitToStop()
		return
	}
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			break
		}
	}
	cancel()
	conn.Close()
	c.sender.waitToStop()
}

func (c *cycler) RunUntilStopped(ctx context.Context) { // want RunUntilStopped:`writes\(0&.0\*&.0\*, \(\*websocket.Conn\).WriteMessage`
	for ctx.Err() == nil {
		c.runOneCycle(ctx)
	}
}

// A reconnect goroutine that waits for the writer to end before it
// writes the backlog (cometbft's WSClient).
type rpcClient struct {
	conn    *websocket.Conn
	wg      sync.WaitGroup
	send    chan []byte
	backlog chan []byte
	redial  chan error
}

func (c *rpcClient) Start() { // want Start:`starts\(0&.0\*, \(\*websocket.Conn\).WriteMessage`
	go c.reconnectRoutine()
	c.startWriter()
}

func (c *rpcClient) startWriter() {
	c.wg.Add(1)
	go c.writeRoutine()
}

func (c *rpcClient) writeRoutine() {
	defer func() {
		c.conn.Close()
		c.wg.Done()
	}()
	for msg := range c.send {
		c.conn.SetWriteDeadline(time.Now().Add(time.Second))
		if err := c.conn.WriteMessage(websocket.TextMessage, msg); err != nil {
			c.redial <- err
			return
		}
	}
}

func (c *rpcClient) reconnectRoutine() {
	for range c.redial {
		c.wg.Wait()
		select {
		case msg := <-c.backlog:
			c.conn.WriteMessage(websocket.TextMessage, msg)
		default:
		}
		c.startWriter()
	}
}

// One writer goroutine, started inside a method that a constructor
// calls (go-nostr's Relay, gofiber's socketio): seen through two callers.
type relay struct {
	conn  *websocket.Conn
	queue chan []byte
}

func newRelay(conn *websocket.Conn) *relay {
	r := &relay{conn: conn, queue: make(chan []byte)}
	r.connect()
	return r
}

func (r *relay) connect() {
	go func() {
		for msg := range r.queue {
			r.conn.WriteMessage(websocket.TextMessage, msg)
		}
	}()
}

// --- reported: an ordering that fails on one path ---

// The same cycle, but a failed first write returns without waiting for
// the sender it started: the next cycle's first write may run beside it
// (opamp-go's wsClient.runOneCycle, v0.2.0).
type hastyCycler struct {
	sender *cycleSender
	url    string
}

func (c *hastyCycler) runOneCycle(ctx context.Context) {
	conn, _, err := websocket.DefaultDialer.Dial(c.url, nil)
	if err != nil {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := c.sender.start(ctx, conn); err != nil {
		return
	}
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			break
		}
	}
	conn.Close()
	c.sender.waitToStop()
}

func (c *hastyCycler) RunUntilStopped(ctx context.Context) { // want RunUntilStopped:`writes\(0&.0\*&.0\*, \(\*websocket.Conn\).WriteMessage.* starts\(0&.0\*&.0\*, \(\*websocket.Conn\).WriteMessage`
	for ctx.Err() == nil {
		c.runOneCycle(ctx)
	}
}
