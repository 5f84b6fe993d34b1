// Package websocket is a stub of golang.org/x/net/websocket for analysistest: exact signatures, no logic.
package websocket

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

type DialError struct {
	*Config
	Err error
}

func (e *DialError) Error() string {
	panic("stub")
}

func NewConfig(server, origin string) (config *Config, err error) {
	panic("stub")
}

func NewClient(config *Config, rwc io.ReadWriteCloser) (ws *Conn, err error) {
	panic("stub")
}

func Dial(url_, protocol, origin string) (ws *Conn, err error) {
	panic("stub")
}

func DialConfig(config *Config) (ws *Conn, err error) {
	panic("stub")
}

func (config *Config) DialContext(ctx context.Context) (*Conn, error) {
	panic("stub")
}

var (
	ErrBadMaskingKey         = &ProtocolError{"bad masking key"}
	ErrBadPongMessage        = &ProtocolError{"bad pong message"}
	ErrBadClosingStatus      = &ProtocolError{"bad closing status"}
	ErrUnsupportedExtensions = &ProtocolError{"unsupported extensions"}
	ErrNotImplemented        = &ProtocolError{"not implemented"}
)

func Origin(config *Config, req *http.Request) (*url.URL, error) {
	panic("stub")
}

type Server struct {
	Config
	Handshake func(*Config, *http.Request) error
	Handler
}

func (s Server) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	panic("stub")
}

type Handler func(*Conn)

func (h Handler) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	panic("stub")
}

const (
	ProtocolVersionHybi13    = 13
	ProtocolVersionHybi      = ProtocolVersionHybi13
	SupportedProtocolVersion = "13"
	ContinuationFrame        = 0
	TextFrame                = 1
	BinaryFrame              = 2
	CloseFrame               = 8
	PingFrame                = 9
	PongFrame                = 10
	UnknownFrame             = 255
	DefaultMaxPayloadBytes   = 32 << 20
)

type ProtocolError struct {
	ErrorString string
}

func (err *ProtocolError) Error() string {
	panic("stub")
}

var (
	ErrBadProtocolVersion   = &ProtocolError{"bad protocol version"}
	ErrBadScheme            = &ProtocolError{"bad scheme"}
	ErrBadStatus            = &ProtocolError{"bad status"}
	ErrBadUpgrade           = &ProtocolError{"missing or bad upgrade"}
	ErrBadWebSocketOrigin   = &ProtocolError{"missing or bad WebSocket-Origin"}
	ErrBadWebSocketLocation = &ProtocolError{"missing or bad WebSocket-Location"}
	ErrBadWebSocketProtocol = &ProtocolError{"missing or bad WebSocket-Protocol"}
	ErrBadWebSocketVersion  = &ProtocolError{"missing or bad WebSocket Version"}
	ErrChallengeResponse    = &ProtocolError{"mismatch challenge/response"}
	ErrBadFrame             = &ProtocolError{"bad frame"}
	ErrBadFrameBoundary     = &ProtocolError{"not on frame boundary"}
	ErrNotWebSocket         = &ProtocolError{"not websocket protocol"}
	ErrBadRequestMethod     = &ProtocolError{"bad method"}
	ErrNotSupported         = &ProtocolError{"not supported"}
)

var ErrFrameTooLarge = errors.New("websocket: frame payload size exceeds limit")

type Addr struct {
	*url.URL
}

func (addr *Addr) Network() string {
	panic("stub")
}

type Config struct {
	Location  *url.URL
	Origin    *url.URL
	Protocol  []string
	Version   int
	TlsConfig *tls.Config
	Header    http.Header
	Dialer    *net.Dialer
}

type frameReader interface {
	io.Reader
	PayloadType() byte
	HeaderReader() io.Reader
	TrailerReader() io.Reader
	Len() int
}

type frameReaderFactory interface {
	NewFrameReader() (r frameReader, err error)
}

type frameWriter interface {
	io.WriteCloser
}

type frameWriterFactory interface {
	NewFrameWriter(payloadType byte) (w frameWriter, err error)
}

type frameHandler interface {
	HandleFrame(frame frameReader) (r frameReader, err error)
	WriteClose(status int) (err error)
}

// Conn embeds the same unexported interfaces as the real type, so it has the
// same promoted method set (NewFrameReader, HandleFrame, WriteClose, ...).
type Conn struct {
	frameReaderFactory
	frameReader
	frameWriterFactory
	frameHandler
	PayloadType     byte
	MaxPayloadBytes int
}

func (ws *Conn) Read(msg []byte) (n int, err error) {
	panic("stub")
}

func (ws *Conn) Write(msg []byte) (n int, err error) {
	panic("stub")
}

func (ws *Conn) Close() error {
	panic("stub")
}

func (ws *Conn) IsClientConn() bool {
	panic("stub")
}

func (ws *Conn) IsServerConn() bool {
	panic("stub")
}

func (ws *Conn) LocalAddr() net.Addr {
	panic("stub")
}

func (ws *Conn) RemoteAddr() net.Addr {
	panic("stub")
}

func (ws *Conn) SetDeadline(t time.Time) error {
	panic("stub")
}

func (ws *Conn) SetReadDeadline(t time.Time) error {
	panic("stub")
}

func (ws *Conn) SetWriteDeadline(t time.Time) error {
	panic("stub")
}

func (ws *Conn) Config() *Config {
	panic("stub")
}

func (ws *Conn) Request() *http.Request {
	panic("stub")
}

type Codec struct {
	Marshal   func(v interface{}) (data []byte, payloadType byte, err error)
	Unmarshal func(data []byte, payloadType byte, v interface{}) (err error)
}

func (cd Codec) Send(ws *Conn, v interface{}) (err error) {
	panic("stub")
}

func (cd Codec) Receive(ws *Conn, v interface{}) (err error) {
	panic("stub")
}

var Message = Codec{marshal, unmarshal}

var JSON = Codec{jsonMarshal, jsonUnmarshal}

func marshal(v interface{}) (msg []byte, payloadType byte, err error) {
	panic("stub")
}

func unmarshal(msg []byte, payloadType byte, v interface{}) (err error) {
	panic("stub")
}

func jsonMarshal(v interface{}) (msg []byte, payloadType byte, err error) {
	panic("stub")
}

func jsonUnmarshal(msg []byte, payloadType byte, v interface{}) (err error) {
	panic("stub")
}
