// Package websocket is a stub of github.com/coder/websocket for analysistest: exact signatures, no logic.
package websocket

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
)

type AcceptOptions struct {
	Subprotocols         []string
	InsecureSkipVerify   bool
	OriginPatterns       []string
	CompressionMode      CompressionMode
	CompressionThreshold int
	OnPingReceived       func(ctx context.Context, payload []byte) bool
	OnPongReceived       func(ctx context.Context, payload []byte)
}

func Accept(w http.ResponseWriter, r *http.Request, opts *AcceptOptions) (*Conn, error) {
	panic("stub")
}

type StatusCode int

const (
	StatusNormalClosure           StatusCode = 1000
	StatusGoingAway               StatusCode = 1001
	StatusProtocolError           StatusCode = 1002
	StatusUnsupportedData         StatusCode = 1003
	_                             StatusCode = 1004
	StatusNoStatusRcvd            StatusCode = 1005
	StatusAbnormalClosure         StatusCode = 1006
	StatusInvalidFramePayloadData StatusCode = 1007
	StatusPolicyViolation         StatusCode = 1008
	StatusMessageTooBig           StatusCode = 1009
	StatusMandatoryExtension      StatusCode = 1010
	StatusInternalError           StatusCode = 1011
	StatusServiceRestart          StatusCode = 1012
	StatusTryAgainLater           StatusCode = 1013
	StatusBadGateway              StatusCode = 1014
	StatusTLSHandshake            StatusCode = 1015
)

type CloseError struct {
	Code   StatusCode
	Reason string
}

func (ce CloseError) Error() string {
	panic("stub")
}

func CloseStatus(err error) StatusCode {
	panic("stub")
}

func (c *Conn) Close(code StatusCode, reason string) (err error) {
	panic("stub")
}

func (c *Conn) CloseNow() (err error) {
	panic("stub")
}

type CompressionMode int

const (
	CompressionDisabled CompressionMode = iota
	CompressionContextTakeover
	CompressionNoContextTakeover
)

type MessageType int

const (
	MessageText MessageType = iota + 1
	MessageBinary
)

type Conn struct {
}

func (c *Conn) Subprotocol() string {
	panic("stub")
}

func (c *Conn) Ping(ctx context.Context) error {
	panic("stub")
}

type DialOptions struct {
	HTTPClient           *http.Client
	HTTPHeader           http.Header
	Host                 string
	Subprotocols         []string
	CompressionMode      CompressionMode
	CompressionThreshold int
	OnPingReceived       func(ctx context.Context, payload []byte) bool
	OnPongReceived       func(ctx context.Context, payload []byte)
}

func Dial(ctx context.Context, u string, opts *DialOptions) (*Conn, *http.Response, error) {
	panic("stub")
}

var ErrMessageTooBig = errors.New("websocket: message too big")

func NetConn(ctx context.Context, c *Conn, msgType MessageType) net.Conn {
	panic("stub")
}

func (c *Conn) Reader(ctx context.Context) (MessageType, io.Reader, error) {
	panic("stub")
}

func (c *Conn) Read(ctx context.Context) (MessageType, []byte, error) {
	panic("stub")
}

func (c *Conn) CloseRead(ctx context.Context) context.Context {
	panic("stub")
}

func (c *Conn) SetReadLimit(n int64) {
	panic("stub")
}

func (i MessageType) String() string {
	panic("stub")
}

func (i StatusCode) String() string {
	panic("stub")
}

func (c *Conn) Writer(ctx context.Context, typ MessageType) (io.WriteCloser, error) {
	panic("stub")
}

func (c *Conn) Write(ctx context.Context, typ MessageType, p []byte) error {
	panic("stub")
}
