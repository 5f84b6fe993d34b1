// Package noreturn holds read loops whose error path ends in a call
// that never returns, through interfaces, fields and the common loggers.
package noreturn

import (
	"log"
	"testing"

	"github.com/gorilla/websocket"
	"github.com/rs/zerolog"
	zlog "github.com/rs/zerolog/log"
	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
	"k8s.io/klog/v2"
)

func handle(msg []byte) {}

// --- silent: the error path ends the goroutine or the program ---

// readN is a test helper taking testing.TB: Fatal through the interface
// runs Goexit.
func readN(tb testing.TB, conn *websocket.Conn, n int) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			tb.Fatalf("read: %v", err)
		}
		handle(msg)
	}
}

func failNowThroughTB(tb testing.TB, conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			tb.Log(err)
			tb.FailNow()
		}
		handle(msg)
	}
}

// suite keeps the test's T in a field.
type suite struct {
	t    *testing.T
	tb   testing.TB
	conn *websocket.Conn
}

func (s *suite) readAllT() {
	for {
		_, msg, err := s.conn.ReadMessage()
		if err != nil {
			s.t.Fatal(err)
		}
		handle(msg)
	}
}

func (s *suite) readAllTB() {
	for {
		_, msg, err := s.conn.ReadMessage()
		if err != nil {
			s.tb.Skipf("peer went away: %v", err)
		}
		handle(msg)
	}
}

func benchRead(b *testing.B, conn *websocket.Conn) {
	for {
		_, _, err := conn.ReadMessage()
		if err != nil {
			b.Fatal(err)
		}
	}
}

func fuzzRead(f *testing.F, conn *websocket.Conn) {
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			f.Fatal(err)
		}
	}
}

// client keeps its loggers in fields.
type client struct {
	conn   *websocket.Conn
	logger *log.Logger
	zap    *zap.Logger
	sugar  *zap.SugaredLogger
	entry  *logrus.Entry
	fields logrus.FieldLogger
	zero   zerolog.Logger
}

func (c *client) stdLoggerField() {
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			c.logger.Fatalf("read: %v", err)
		}
		handle(msg)
	}
}

func (c *client) stdLoggerPanic() {
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			c.logger.Panicln("read:", err)
		}
		handle(msg)
	}
}

func (c *client) zapFatal() {
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			c.zap.Fatal("read", zap.Error(err))
		}
		handle(msg)
	}
}

func (c *client) zapWithFatal() {
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			c.zap.With(zap.String("peer", "x")).Panic("read", zap.Error(err))
		}
		handle(msg)
	}
}

func (c *client) sugarFatalw() {
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			c.sugar.Fatalw("read failed", "err", err)
		}
		handle(msg)
	}
}

func globalZapSugar(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			zap.S().Fatalf("read: %v", err)
		}
		handle(msg)
	}
}

func logrusGlobal(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			logrus.Fatalf("read: %v", err)
		}
		handle(msg)
	}
}

func logrusWithError(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			logrus.WithError(err).Fatal("read")
		}
		handle(msg)
	}
}

func (c *client) logrusEntryField() {
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			c.entry.WithField("op", "read").Fatalf("read: %v", err)
		}
		handle(msg)
	}
}

func (c *client) logrusFieldLogger() {
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			c.fields.Fatalf("read: %v", err)
		}
		handle(msg)
	}
}

func zerologGlobal(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			zlog.Fatal().Err(err).Msg("read")
		}
		handle(msg)
	}
}

func (c *client) zerologField() {
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			c.zero.Panic().Err(err).Str("peer", "x").Send()
		}
		handle(msg)
	}
}

func klogFatal(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			klog.Fatalf("read: %v", err)
		}
		handle(msg)
	}
}

// --- reported: these log and go on ---

func (c *client) zerologErrorFallsThrough() {
	for {
		_, msg, err := c.conn.ReadMessage() // want `the error branch of c.conn.ReadMessage falls through`
		if err != nil {
			c.zero.Error().Err(err).Msg("read")
		}
		handle(msg)
	}
}

func zerologGlobalError(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage() // want `the error branch of conn.ReadMessage falls through`
		if err != nil {
			zlog.Error().Err(err).Msg("read")
		}
		handle(msg)
	}
}

func (c *client) zapErrorContinues() {
	for {
		_, msg, err := c.conn.ReadMessage() // want `c.conn.ReadMessage failed and the loop continues`
		if err != nil {
			c.zap.Error("read", zap.Error(err))
			continue
		}
		handle(msg)
	}
}

func logThroughTB(tb testing.TB, conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage() // want `conn.ReadMessage failed and the loop continues`
		if err != nil {
			tb.Log(err)
			continue
		}
		handle(msg)
	}
}

func (c *client) logrusErrorFallsThrough() {
	for {
		_, msg, err := c.conn.ReadMessage() // want `the error branch of c.conn.ReadMessage falls through`
		if err != nil {
			c.fields.Errorf("read: %v", err)
		}
		handle(msg)
	}
}

func klogErrorf(conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage() // want `the error branch of conn.ReadMessage falls through`
		if err != nil {
			klog.Errorf("read: %v", err)
		}
		handle(msg)
	}
}
