// Command drive starts each sample server on 127.0.0.1 with httptest,
// connects real WebSocket clients of the server's own library, makes
// them go away three ways — a close frame with 1000 (normal closure), a
// close frame with 1001 (going away), and an abrupt TCP close with no
// close frame (1006 on the server) — and prints, as JSON, what each
// server observes about itself once the clients are gone, with the
// goroutines the process has left above what it had before the clients
// came and, when built with GOEXPERIMENT=goroutineleakprofile, those of
// the server's package that the goroutineleak profile finds leaked.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	coder "github.com/coder/websocket"
	"github.com/gorilla/websocket"

	"example.com/wsruntime/coderecho"
	"example.com/wsruntime/echospin"
	"example.com/wsruntime/gohub"
	"example.com/wsruntime/goodbye"
	"example.com/wsruntime/hub"
	"example.com/wsruntime/pumpleak"
	"example.com/wsruntime/slicehub"
)

// Stats is the common shape of every server's Stats.
type Stats struct {
	Handlers, Panics, ReadErrors, Members, WritesAfterFailure, Messages int64
}

// Result is one server's observation.
type Result struct {
	Clients   int
	Peak      Stats // all clients connected
	After     Stats // after the clients left, converged or at the deadline
	Converged bool  // no handler left, no member left
	Millis    int64 // time from the disconnects to After
	// LateWriteFailures counts the writes that failed in a broadcast made
	// after every client had gone (for servers that broadcast).
	LateWriteFailures int64
	// Goroutines is how many more goroutines the process runs after the
	// clients left than before they came; Leaked how many goroutines of
	// the server's package the goroutineleak profile reports (-1: the
	// profile is not available in this build).
	Goroutines, Leaked int
}

type server struct {
	handler  http.Handler
	stats    func() Stats
	lib      string // "gorilla" or "coder": the client library
	echo     bool   // the server echoes: wait for the echo before leaving
	members  bool   // the server registers members: wait for them
	afterAll func()
}

var modes = []string{"normal", "goingaway", "abrupt"}

func main() {
	perMode := flag.Int("clients", 10, "clients per disconnect mode")
	deadline := flag.Duration("deadline", 2*time.Second, "how long to wait for the server to settle")
	only := flag.String("servers", "", "comma-separated servers to drive (default: all)")
	flag.Parse()

	es := &echospin.Server{}
	h := hub.New()
	gb := &goodbye.Server{}
	ce := &coderecho.Server{}
	pl := &pumpleak.Server{}
	sh := &slicehub.Server{}
	gh := gohub.New()
	servers := map[string]server{
		"echospin":  {handler: es, stats: func() Stats { return Stats(es.Stats()) }, lib: "gorilla", echo: true},
		"hub":       {handler: h, stats: func() Stats { return Stats(h.Stats()) }, lib: "gorilla", members: true, afterAll: func() { h.Broadcast([]byte("anyone there?")) }},
		"goodbye":   {handler: gb, stats: func() Stats { return Stats(gb.Stats()) }, lib: "gorilla", echo: true},
		"coderecho": {handler: ce, stats: func() Stats { return Stats(ce.Stats()) }, lib: "coder", echo: true},
		"pumpleak":  {handler: pl, stats: func() Stats { return Stats(pl.Stats()) }, lib: "gorilla", echo: true},
		"slicehub":  {handler: sh, stats: func() Stats { return Stats(sh.Stats()) }, lib: "gorilla", members: true, afterAll: func() { sh.Broadcast([]byte("anyone there?")) }},
		"gohub":     {handler: gh, stats: func() Stats { return Stats(gh.Stats()) }, lib: "gorilla", members: true, afterAll: func() { gh.Broadcast([]byte("anyone there?")) }},
	}
	if *only != "" {
		for name := range servers {
			if !strings.Contains(","+*only+",", ","+name+",") {
				delete(servers, name)
			}
		}
	}
	results := make(map[string]Result)
	for name, s := range servers {
		r, err := drive(name, s, *perMode, *deadline)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
			os.Exit(1)
		}
		results[name] = r
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(results)
	os.Exit(0) // spinning handlers of a buggy server die with the process
}

func drive(name string, s server, perMode int, deadline time.Duration) (Result, error) {
	ts := httptest.NewServer(s.handler)
	baseline := runtime.NumGoroutine()
	// No ts.Close: it waits for handlers, and a buggy server's never end.
	url := "ws" + strings.TrimPrefix(ts.URL, "http")
	n := perMode * len(modes)
	leave := make([]func(), n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			if s.lib == "coder" {
				leave[i], err = coderClient(url, modes[i%len(modes)], s.echo)
			} else {
				leave[i], err = gorillaClient(url, modes[i%len(modes)], s.echo)
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return Result{}, err
	}
	// All connected and, for a registering server, registered with
	// every hello broadcast.
	if !poll(time.Now().Add(5*time.Second), func() bool {
		st := s.stats()
		return st.Handlers == int64(n) && (!s.members || (st.Members == int64(n) && st.Messages == int64(n)))
	}) {
		return Result{}, fmt.Errorf("clients never all connected: %+v", s.stats())
	}
	res := Result{Clients: n, Peak: s.stats()}

	start := time.Now()
	for _, f := range leave {
		wg.Add(1)
		go func() { defer wg.Done(); f() }()
	}
	wg.Wait()
	settled := func() bool { st := s.stats(); return st.Handlers == 0 && st.Members == 0 }
	res.Converged = poll(start.Add(deadline), settled)
	if s.afterAll != nil {
		before := s.stats().WritesAfterFailure
		s.afterAll()
		res.LateWriteFailures = s.stats().WritesAfterFailure - before
	}
	res.After = s.stats()
	res.Millis = time.Since(start).Milliseconds()
	poll(start.Add(deadline), func() bool { return runtime.NumGoroutine() <= baseline })
	res.Goroutines = runtime.NumGoroutine() - baseline
	res.Leaked = leaked(name)
	return res, nil
}

// leaked returns how many goroutines with a frame in package
// example.com/wsruntime/NAME the goroutineleak profile reports, or -1
// when the build has no such profile (it needs Go 1.26 and
// GOEXPERIMENT=goroutineleakprofile).
func leaked(name string) int {
	p := pprof.Lookup("goroutineleak")
	if p == nil {
		return -1
	}
	var buf bytes.Buffer
	if err := p.WriteTo(&buf, 1); err != nil { // runs the leak-detecting GC first
		return -1
	}
	// debug=1 lists "N @ pc..." records, each followed by its "#" frames.
	n, count := 0, 0
	mine := false
	flush := func() {
		if mine {
			n += count
		}
		count, mine = 0, false
	}
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		line := sc.Text()
		if head, _, ok := strings.Cut(line, " @ "); ok {
			flush()
			count, _ = strconv.Atoi(head)
		} else if strings.HasPrefix(line, "#") && strings.Contains(line, "example.com/wsruntime/"+name+".") {
			mine = true
		}
	}
	flush()
	return n
}

// poll reports whether cond holds before the deadline, checking often.
func poll(deadline time.Time, cond func() bool) bool {
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// gorillaClient connects, says hello, and returns how it leaves.
func gorillaClient(url, mode string, echo bool) (func(), error) {
	c, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		return nil, err
	}
	if err := c.WriteMessage(websocket.TextMessage, []byte("hello")); err != nil {
		return nil, err
	}
	if echo {
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, _, err := c.ReadMessage(); err != nil {
			return nil, err
		}
	}
	return func() {
		switch mode {
		case "normal", "goingaway":
			code := websocket.CloseNormalClosure
			if mode == "goingaway" {
				code = websocket.CloseGoingAway
			}
			c.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, "bye"), time.Now().Add(time.Second))
			c.Close()
		case "abrupt":
			c.UnderlyingConn().Close() // no close frame: 1006 on the server
		}
	}, nil
}

// coderClient is gorillaClient with coder/websocket.
func coderClient(url, mode string, echo bool) (func(), error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, _, err := coder.Dial(ctx, url, nil)
	if err != nil {
		return nil, err
	}
	if err := c.Write(ctx, coder.MessageText, []byte("hello")); err != nil {
		return nil, err
	}
	if echo {
		if _, _, err := c.Read(ctx); err != nil {
			return nil, err
		}
	}
	return func() {
		switch mode {
		case "normal":
			go c.Close(coder.StatusNormalClosure, "bye")
		case "goingaway":
			go c.Close(coder.StatusGoingAway, "bye")
		case "abrupt":
			c.CloseNow() // no close handshake: 1006 on the server
		}
	}, nil
}
