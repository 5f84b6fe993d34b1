// Package websocket is a stub of github.com/gofiber/contrib/websocket for analysistest: exact signatures, no logic.
package websocket

import (
	"errors"
	"io"
	"time"

	"github.com/fasthttp/websocket"
	"github.com/gofiber/fiber/v2"
)

type Config struct {
	Filter                          func(*fiber.Ctx) bool
	HandshakeTimeout                time.Duration
	Subprotocols                    []string
	Origins                         []string
	ReadBufferSize, WriteBufferSize int
	WriteBufferPool                 websocket.BufferPool
	EnableCompression               bool
	RecoverHandler                  func(*Conn)
}

func New(handler func(*Conn), config ...Config) fiber.Handler {
	panic("stub")
}

type Conn struct {
	*websocket.Conn
}

func (conn *Conn) Locals(key string, value ...interface{}) interface{} {
	panic("stub")
}

func (conn *Conn) Params(key string, defaultValue ...string) string {
	panic("stub")
}

func (conn *Conn) Query(key string, defaultValue ...string) string {
	panic("stub")
}

func (conn *Conn) Cookies(key string, defaultValue ...string) string {
	panic("stub")
}

func (conn *Conn) Headers(key string, defaultValue ...string) string {
	panic("stub")
}

func (conn *Conn) IP() string {
	panic("stub")
}

const (
	CloseNormalClosure           = 1000
	CloseGoingAway               = 1001
	CloseProtocolError           = 1002
	CloseUnsupportedData         = 1003
	CloseNoStatusReceived        = 1005
	CloseAbnormalClosure         = 1006
	CloseInvalidFramePayloadData = 1007
	ClosePolicyViolation         = 1008
	CloseMessageTooBig           = 1009
	CloseMandatoryExtension      = 1010
	CloseInternalServerErr       = 1011
	CloseServiceRestart          = 1012
	CloseTryAgainLater           = 1013
	CloseTLSHandshake            = 1015
)

const (
	TextMessage   = 1
	BinaryMessage = 2
	CloseMessage  = 8
	PingMessage   = 9
	PongMessage   = 10
)

var (
	ErrBadHandshake = errors.New("websocket: bad handshake")
	ErrCloseSent    = errors.New("websocket: close sent")
	ErrReadLimit    = errors.New("websocket: read limit exceeded")
)

func FormatCloseMessage(closeCode int, text string) []byte {
	panic("stub")
}

func IsCloseError(err error, codes ...int) bool {
	panic("stub")
}

func IsUnexpectedCloseError(err error, expectedCodes ...int) bool {
	panic("stub")
}

func IsWebSocketUpgrade(c *fiber.Ctx) bool {
	panic("stub")
}

func JoinMessages(c *websocket.Conn, term string) io.Reader {
	panic("stub")
}
