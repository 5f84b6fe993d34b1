// Package websocket is a stub of github.com/gorilla/websocket for analysistest: exact signatures, no logic.
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

var ErrBadHandshake = errors.New("websocket: bad handshake")

func NewClient(netConn net.Conn, u *url.URL, requestHeader http.Header, readBufSize, writeBufSize int) (c *Conn, response *http.Response, err error) {
	panic("stub")
}

type Dialer struct {
	NetDial                         func(network, addr string) (net.Conn, error)
	NetDialContext                  func(ctx context.Context, network, addr string) (net.Conn, error)
	NetDialTLSContext               func(ctx context.Context, network, addr string) (net.Conn, error)
	Proxy                           func(*http.Request) (*url.URL, error)
	TLSClientConfig                 *tls.Config
	HandshakeTimeout                time.Duration
	ReadBufferSize, WriteBufferSize int
	WriteBufferPool                 BufferPool
	Subprotocols                    []string
	EnableCompression               bool
	Jar                             http.CookieJar
}

func (d *Dialer) Dial(urlStr string, requestHeader http.Header) (*Conn, *http.Response, error) {
	panic("stub")
}

var DefaultDialer = &Dialer{
	Proxy:            http.ProxyFromEnvironment,
	HandshakeTimeout: 45 * time.Second,
}

func (d *Dialer) DialContext(ctx context.Context, urlStr string, requestHeader http.Header) (*Conn, *http.Response, error) {
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

var ErrCloseSent = errors.New("websocket: close sent")

var ErrReadLimit = errors.New("websocket: read limit exceeded")

type CloseError struct {
	Code int
	Text string
}

func (e *CloseError) Error() string {
	panic("stub")
}

func IsCloseError(err error, codes ...int) bool {
	panic("stub")
}

func IsUnexpectedCloseError(err error, expectedCodes ...int) bool {
	panic("stub")
}

type BufferPool interface {
	Get() interface{}
	Put(interface{})
}

type Conn struct {
}

func (c *Conn) Subprotocol() string {
	panic("stub")
}

func (c *Conn) Close() error {
	panic("stub")
}

func (c *Conn) LocalAddr() net.Addr {
	panic("stub")
}

func (c *Conn) RemoteAddr() net.Addr {
	panic("stub")
}

func (c *Conn) WriteControl(messageType int, data []byte, deadline time.Time) error {
	panic("stub")
}

func (c *Conn) NextWriter(messageType int) (io.WriteCloser, error) {
	panic("stub")
}

func (c *Conn) WritePreparedMessage(pm *PreparedMessage) error {
	panic("stub")
}

func (c *Conn) WriteMessage(messageType int, data []byte) error {
	panic("stub")
}

func (c *Conn) SetWriteDeadline(t time.Time) error {
	panic("stub")
}

func (c *Conn) NextReader() (messageType int, r io.Reader, err error) {
	panic("stub")
}

func (c *Conn) ReadMessage() (messageType int, p []byte, err error) {
	panic("stub")
}

func (c *Conn) SetReadDeadline(t time.Time) error {
	panic("stub")
}

func (c *Conn) SetReadLimit(limit int64) {
	panic("stub")
}

func (c *Conn) CloseHandler() func(code int, text string) error {
	panic("stub")
}

func (c *Conn) SetCloseHandler(h func(code int, text string) error) {
	panic("stub")
}

func (c *Conn) PingHandler() func(appData string) error {
	panic("stub")
}

func (c *Conn) SetPingHandler(h func(appData string) error) {
	panic("stub")
}

func (c *Conn) PongHandler() func(appData string) error {
	panic("stub")
}

func (c *Conn) SetPongHandler(h func(appData string) error) {
	panic("stub")
}

func (c *Conn) NetConn() net.Conn {
	panic("stub")
}

func (c *Conn) UnderlyingConn() net.Conn {
	panic("stub")
}

func (c *Conn) EnableWriteCompression(enable bool) {
	panic("stub")
}

func (c *Conn) SetCompressionLevel(level int) error {
	panic("stub")
}

func FormatCloseMessage(closeCode int, text string) []byte {
	panic("stub")
}

func JoinMessages(c *Conn, term string) io.Reader {
	panic("stub")
}

func WriteJSON(c *Conn, v interface{}) error {
	panic("stub")
}

func (c *Conn) WriteJSON(v interface{}) error {
	panic("stub")
}

func ReadJSON(c *Conn, v interface{}) error {
	panic("stub")
}

func (c *Conn) ReadJSON(v interface{}) error {
	panic("stub")
}

type PreparedMessage struct {
}

func NewPreparedMessage(messageType int, data []byte) (*PreparedMessage, error) {
	panic("stub")
}

type HandshakeError struct {
}

func (e HandshakeError) Error() string {
	panic("stub")
}

type Upgrader struct {
	HandshakeTimeout                time.Duration
	ReadBufferSize, WriteBufferSize int
	WriteBufferPool                 BufferPool
	Subprotocols                    []string
	Error                           func(w http.ResponseWriter, r *http.Request, status int, reason error)
	CheckOrigin                     func(r *http.Request) bool
	EnableCompression               bool
}

func (u *Upgrader) Upgrade(w http.ResponseWriter, r *http.Request, responseHeader http.Header) (*Conn, error) {
	panic("stub")
}

func Upgrade(w http.ResponseWriter, r *http.Request, responseHeader http.Header, readBufSize, writeBufSize int) (*Conn, error) {
	panic("stub")
}

func Subprotocols(r *http.Request) []string {
	panic("stub")
}

func IsWebSocketUpgrade(r *http.Request) bool {
	panic("stub")
}
