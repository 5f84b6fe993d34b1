package coder

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// coder's chat example (internal/examples/chat): subscribe registers
// the subscriber and defers its removal; CloseRead reads in the
// background and cancels ctx when the peer goes away.
type chatServer struct {
	subscriberMessageBuffer int
	logf                    func(f string, v ...any)

	subscribersMu sync.Mutex
	subscribers   map[*subscriber]struct{}
}

type subscriber struct {
	msgs      chan []byte
	closeSlow func()
}

func (cs *chatServer) subscribeHandler(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		cs.logf("%v", err)
		return
	}
	defer c.CloseNow()

	err = cs.subscribe(r.Context(), c)
	if errors.Is(err, context.Canceled) {
		return
	}
	if websocket.CloseStatus(err) == websocket.StatusNormalClosure ||
		websocket.CloseStatus(err) == websocket.StatusGoingAway {
		return
	}
	if err != nil {
		cs.logf("%v", err)
		return
	}
}

func (cs *chatServer) subscribe(ctx context.Context, c *websocket.Conn) error {
	ctx = c.CloseRead(ctx)

	s := &subscriber{
		msgs: make(chan []byte, cs.subscriberMessageBuffer),
		closeSlow: func() {
			c.Close(websocket.StatusPolicyViolation, "connection too slow to keep up with messages")
		},
	}
	cs.addSubscriber(s)
	defer cs.deleteSubscriber(s)

	for {
		select {
		case msg := <-s.msgs:
			err := writeTimeout(ctx, time.Second*5, c, msg)
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// The same subscriber, read with c.Read instead of CloseRead.
func (cs *chatServer) subscribeReading(ctx context.Context, c *websocket.Conn) error {
	s := &subscriber{
		msgs: make(chan []byte, cs.subscriberMessageBuffer),
		closeSlow: func() {
			c.Close(websocket.StatusPolicyViolation, "connection too slow to keep up with messages")
		},
	}
	cs.addSubscriber(s)
	defer cs.deleteSubscriber(s)

	for {
		_, msg, err := c.Read(ctx)
		if err != nil {
			return err
		}
		cs.publish(msg)
	}
}

func (cs *chatServer) publish(msg []byte) {
	cs.subscribersMu.Lock()
	defer cs.subscribersMu.Unlock()

	for s := range cs.subscribers {
		select {
		case s.msgs <- msg:
		default:
			go s.closeSlow()
		}
	}
}

func (cs *chatServer) addSubscriber(s *subscriber) {
	cs.subscribersMu.Lock()
	cs.subscribers[s] = struct{}{}
	cs.subscribersMu.Unlock()
}

func (cs *chatServer) deleteSubscriber(s *subscriber) {
	cs.subscribersMu.Lock()
	delete(cs.subscribers, s)
	cs.subscribersMu.Unlock()
}

func writeTimeout(ctx context.Context, timeout time.Duration, c *websocket.Conn, msg []byte) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return c.Write(ctx, websocket.MessageText, msg)
}

// The chat example's shape with the connection in a field of the
// subscriber.
type roomServer struct {
	membersMu sync.Mutex
	members   map[*member]struct{}
}

type member struct {
	c    *websocket.Conn
	msgs chan []byte
}

func (rs *roomServer) addMember(m *member) {
	rs.membersMu.Lock()
	rs.members[m] = struct{}{}
	rs.membersMu.Unlock()
}

func (rs *roomServer) deleteMember(m *member) {
	rs.membersMu.Lock()
	delete(rs.members, m)
	rs.membersMu.Unlock()
}

func (rs *roomServer) subscribe(ctx context.Context, c *websocket.Conn) error {
	m := &member{c: c, msgs: make(chan []byte, 16)}
	rs.addMember(m)
	defer rs.deleteMember(m)
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return err
		}
	}
}

func (rs *roomServer) subscribeLeaky(ctx context.Context, c *websocket.Conn) error {
	m := &member{c: c, msgs: make(chan []byte, 16)}
	rs.addMember(m) // want `m is added to roomServer.members but not removed when the read loop ends`
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return err
		}
	}
}
