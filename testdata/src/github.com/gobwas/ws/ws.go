// Package ws is a stub of github.com/gobwas/ws for analysistest: exact signatures, no logic.
package ws

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/gobwas/httphead"
)

type State uint8

const (
	StateServerSide State = 0x1 << iota
	StateClientSide
	StateExtended
	StateFragmented
)

func (s State) Is(v State) bool {
	panic("stub")
}

func (s State) Set(v State) State {
	panic("stub")
}

func (s State) Clear(v State) State {
	panic("stub")
}

func (s State) ServerSide() bool {
	panic("stub")
}

func (s State) ClientSide() bool {
	panic("stub")
}

func (s State) Extended() bool {
	panic("stub")
}

func (s State) Fragmented() bool {
	panic("stub")
}

type ProtocolError string

func (p ProtocolError) Error() string {
	panic("stub")
}

var (
	ErrProtocolOpCodeReserved             = ProtocolError("use of reserved op code")
	ErrProtocolControlPayloadOverflow     = ProtocolError("control frame payload limit exceeded")
	ErrProtocolControlNotFinal            = ProtocolError("control frame is not final")
	ErrProtocolNonZeroRsv                 = ProtocolError("non-zero rsv bits with no extension negotiated")
	ErrProtocolMaskRequired               = ProtocolError("frames from client to server must be masked")
	ErrProtocolMaskUnexpected             = ProtocolError("frames from server to client must be not masked")
	ErrProtocolContinuationExpected       = ProtocolError("unexpected non-continuation data frame")
	ErrProtocolContinuationUnexpected     = ProtocolError("unexpected continuation data frame")
	ErrProtocolStatusCodeNotInUse         = ProtocolError("status code is not in use")
	ErrProtocolStatusCodeApplicationLevel = ProtocolError("status code is only application level")
	ErrProtocolStatusCodeNoMeaning        = ProtocolError("status code has no meaning yet")
	ErrProtocolStatusCodeUnknown          = ProtocolError("status code is not defined in spec")
	ErrProtocolInvalidUTF8                = ProtocolError("invalid utf8 sequence in close reason")
)

func CheckHeader(h Header, s State) error {
	panic("stub")
}

func CheckCloseFrameData(code StatusCode, reason string) error {
	panic("stub")
}

func Cipher(payload []byte, mask [4]byte, offset int) {
	panic("stub")
}

const (
	DefaultClientReadBufferSize  = 4096
	DefaultClientWriteBufferSize = 4096
)

type Handshake struct {
	Protocol   string
	Extensions []httphead.Option
}

const (
	headerHost        = "Host"
	headerUpgrade     = "Upgrade"
	headerConnection  = "Connection"
	headerSecVersion  = "Sec-WebSocket-Version"
	headerSecProtocol = "Sec-WebSocket-Protocol"
	headerSecKey      = "Sec-WebSocket-Key"
	headerSecAccept   = "Sec-WebSocket-Accept"
)

var (
	ErrHandshakeBadStatus      = fmt.Errorf("unexpected http status")
	ErrHandshakeBadSubProtocol = fmt.Errorf("unexpected protocol in %q header", headerSecProtocol)
	ErrHandshakeBadExtensions  = fmt.Errorf("unexpected extensions in %q header", headerSecProtocol)
)

var DefaultDialer Dialer

func Dial(ctx context.Context, urlstr string) (net.Conn, *bufio.Reader, Handshake, error) {
	panic("stub")
}

type Dialer struct {
	ReadBufferSize, WriteBufferSize int
	Timeout                         time.Duration
	Protocols                       []string
	Extensions                      []httphead.Option
	Header                          HandshakeHeader
	Host                            string
	OnStatusError                   func(status int, reason []byte, resp io.Reader)
	OnHeader                        func(key, value []byte) (err error)
	NetDial                         func(ctx context.Context, network, addr string) (net.Conn, error)
	TLSClient                       func(conn net.Conn, hostname string) net.Conn
	TLSConfig                       *tls.Config
	WrapConn                        func(conn net.Conn) net.Conn
}

func (d Dialer) Dial(ctx context.Context, urlstr string) (conn net.Conn, br *bufio.Reader, hs Handshake, err error) {
	panic("stub")
}

func (d Dialer) Upgrade(conn io.ReadWriter, u *url.URL) (br *bufio.Reader, hs Handshake, err error) {
	panic("stub")
}

func PutReader(br *bufio.Reader) {
	panic("stub")
}

type StatusError int

func (s StatusError) Error() string {
	panic("stub")
}

type RejectOption func(*ConnectionRejectedError)

func RejectionReason(reason string) RejectOption {
	panic("stub")
}

func RejectionStatus(code int) RejectOption {
	panic("stub")
}

func RejectionHeader(h HandshakeHeader) RejectOption {
	panic("stub")
}

func RejectConnectionError(options ...RejectOption) error {
	panic("stub")
}

type ConnectionRejectedError struct {
	reason string
	code   int
	header HandshakeHeader
}

func (r *ConnectionRejectedError) Error() string {
	panic("stub")
}

func (r *ConnectionRejectedError) StatusCode() int {
	panic("stub")
}

const (
	MaxControlFramePayloadSize = 125
)

type OpCode byte

const (
	OpContinuation OpCode = 0x0
	OpText         OpCode = 0x1
	OpBinary       OpCode = 0x2
	OpClose        OpCode = 0x8
	OpPing         OpCode = 0x9
	OpPong         OpCode = 0xa
)

func (c OpCode) IsControl() bool {
	panic("stub")
}

func (c OpCode) IsData() bool {
	panic("stub")
}

func (c OpCode) IsReserved() bool {
	panic("stub")
}

type StatusCode uint16

type StatusCodeRange struct {
	Min, Max StatusCode
}

var (
	StatusRangeNotInUse    = StatusCodeRange{0, 999}
	StatusRangeProtocol    = StatusCodeRange{1000, 2999}
	StatusRangeApplication = StatusCodeRange{3000, 3999}
	StatusRangePrivate     = StatusCodeRange{4000, 4999}
)

const (
	StatusNormalClosure           StatusCode = 1000
	StatusGoingAway               StatusCode = 1001
	StatusProtocolError           StatusCode = 1002
	StatusUnsupportedData         StatusCode = 1003
	StatusNoMeaningYet            StatusCode = 1004
	StatusInvalidFramePayloadData StatusCode = 1007
	StatusPolicyViolation         StatusCode = 1008
	StatusMessageTooBig           StatusCode = 1009
	StatusMandatoryExt            StatusCode = 1010
	StatusInternalServerError     StatusCode = 1011
	StatusTLSHandshake            StatusCode = 1015
	StatusAbnormalClosure         StatusCode = 1006
	StatusNoStatusRcvd            StatusCode = 1005
)

func (s StatusCode) In(r StatusCodeRange) bool {
	panic("stub")
}

func (s StatusCode) Empty() bool {
	panic("stub")
}

func (s StatusCode) IsNotUsed() bool {
	panic("stub")
}

func (s StatusCode) IsApplicationSpec() bool {
	panic("stub")
}

func (s StatusCode) IsPrivateSpec() bool {
	panic("stub")
}

func (s StatusCode) IsProtocolSpec() bool {
	panic("stub")
}

func (s StatusCode) IsProtocolDefined() bool {
	panic("stub")
}

func (s StatusCode) IsProtocolReserved() bool {
	panic("stub")
}

var (
	CompiledPing                         []byte
	CompiledPong                         []byte
	CompiledClose                        []byte
	CompiledCloseNormalClosure           []byte
	CompiledCloseGoingAway               []byte
	CompiledCloseProtocolError           []byte
	CompiledCloseUnsupportedData         []byte
	CompiledCloseNoMeaningYet            []byte
	CompiledCloseInvalidFramePayloadData []byte
	CompiledClosePolicyViolation         []byte
	CompiledCloseMessageTooBig           []byte
	CompiledCloseMandatoryExt            []byte
	CompiledCloseInternalServerError     []byte
	CompiledCloseTLSHandshake            []byte
)

type Header struct {
	Fin    bool
	Rsv    byte
	OpCode OpCode
	Masked bool
	Mask   [4]byte
	Length int64
}

func (h Header) Rsv1() bool {
	panic("stub")
}

func (h Header) Rsv2() bool {
	panic("stub")
}

func (h Header) Rsv3() bool {
	panic("stub")
}

func Rsv(r1, r2, r3 bool) (rsv byte) {
	panic("stub")
}

func RsvBits(rsv byte) (r1, r2, r3 bool) {
	panic("stub")
}

type Frame struct {
	Header  Header
	Payload []byte
}

func NewFrame(op OpCode, fin bool, p []byte) Frame {
	panic("stub")
}

func NewTextFrame(p []byte) Frame {
	panic("stub")
}

func NewBinaryFrame(p []byte) Frame {
	panic("stub")
}

func NewPingFrame(p []byte) Frame {
	panic("stub")
}

func NewPongFrame(p []byte) Frame {
	panic("stub")
}

func NewCloseFrame(p []byte) Frame {
	panic("stub")
}

func NewCloseFrameBody(code StatusCode, reason string) []byte {
	panic("stub")
}

func PutCloseFrameBody(p []byte, code StatusCode, reason string) {
	panic("stub")
}

func MaskFrame(f Frame) Frame {
	panic("stub")
}

func MaskFrameWith(f Frame, mask [4]byte) Frame {
	panic("stub")
}

func MaskFrameInPlace(f Frame) Frame {
	panic("stub")
}

func UnmaskFrame(f Frame) Frame {
	panic("stub")
}

func UnmaskFrameInPlace(f Frame) Frame {
	panic("stub")
}

func MaskFrameInPlaceWith(f Frame, m [4]byte) Frame {
	panic("stub")
}

func NewMask() (ret [4]byte) {
	panic("stub")
}

func CompileFrame(f Frame) (bts []byte, err error) {
	panic("stub")
}

func MustCompileFrame(f Frame) []byte {
	panic("stub")
}

type HandshakeHeader interface {
	io.WriterTo
}

type HandshakeHeaderString string

func (s HandshakeHeaderString) WriteTo(w io.Writer) (int64, error) {
	panic("stub")
}

type HandshakeHeaderBytes []byte

func (b HandshakeHeaderBytes) WriteTo(w io.Writer) (int64, error) {
	panic("stub")
}

type HandshakeHeaderFunc func(io.Writer) (int64, error)

func (f HandshakeHeaderFunc) WriteTo(w io.Writer) (int64, error) {
	panic("stub")
}

type HandshakeHeaderHTTP http.Header

func (h HandshakeHeaderHTTP) WriteTo(w io.Writer) (int64, error) {
	panic("stub")
}

var (
	ErrHeaderLengthMSB        = fmt.Errorf("header error: the most significant bit must be 0")
	ErrHeaderLengthUnexpected = fmt.Errorf("header error: unexpected payload length bits")
)

func ReadHeader(r io.Reader) (h Header, err error) {
	panic("stub")
}

func ReadHeaderBuffer(r io.Reader, bts []byte) (h Header, err error) {
	panic("stub")
}

func ReadFrame(r io.Reader) (f Frame, err error) {
	panic("stub")
}

func MustReadFrame(r io.Reader) Frame {
	panic("stub")
}

func ParseCloseFrameData(payload []byte) (code StatusCode, reason string) {
	panic("stub")
}

func ParseCloseFrameDataUnsafe(payload []byte) (code StatusCode, reason string) {
	panic("stub")
}

const (
	DefaultServerReadBufferSize  = 4096
	DefaultServerWriteBufferSize = 512
)

var (
	ErrHandshakeBadProtocol   error = &ConnectionRejectedError{reason: "handshake error: bad HTTP protocol version", code: http.StatusHTTPVersionNotSupported}
	ErrHandshakeBadMethod     error = &ConnectionRejectedError{reason: "handshake error: bad HTTP request method", code: http.StatusMethodNotAllowed}
	ErrHandshakeBadHost       error = &ConnectionRejectedError{reason: fmt.Sprintf("handshake error: bad %q header", headerHost), code: http.StatusBadRequest}
	ErrHandshakeBadUpgrade    error = &ConnectionRejectedError{reason: fmt.Sprintf("handshake error: bad %q header", headerUpgrade), code: http.StatusBadRequest}
	ErrHandshakeBadConnection error = &ConnectionRejectedError{reason: fmt.Sprintf("handshake error: bad %q header", headerConnection), code: http.StatusBadRequest}
	ErrHandshakeBadSecAccept  error = &ConnectionRejectedError{reason: fmt.Sprintf("handshake error: bad %q header", headerSecAccept), code: http.StatusBadRequest}
	ErrHandshakeBadSecKey     error = &ConnectionRejectedError{reason: fmt.Sprintf("handshake error: bad %q header", headerSecKey), code: http.StatusBadRequest}
	ErrHandshakeBadSecVersion error = &ConnectionRejectedError{reason: fmt.Sprintf("handshake error: bad %q header", headerSecVersion), code: http.StatusBadRequest}
)

var ErrMalformedResponse = fmt.Errorf("malformed HTTP response")

var ErrMalformedRequest error = &ConnectionRejectedError{reason: "malformed HTTP request", code: http.StatusBadRequest}

var ErrHandshakeUpgradeRequired error = &ConnectionRejectedError{reason: fmt.Sprintf("handshake error: bad %q header", headerSecVersion), code: http.StatusUpgradeRequired, header: HandshakeHeaderString(headerSecVersion + ": 13\r\n")}

var ErrNotHijacker error = &ConnectionRejectedError{reason: "given http.ResponseWriter is not a http.Hijacker", code: http.StatusInternalServerError}

var DefaultHTTPUpgrader HTTPUpgrader

func UpgradeHTTP(r *http.Request, w http.ResponseWriter) (net.Conn, *bufio.ReadWriter, Handshake, error) {
	panic("stub")
}

var DefaultUpgrader Upgrader

func Upgrade(conn io.ReadWriter) (Handshake, error) {
	panic("stub")
}

type HTTPUpgrader struct {
	Timeout   time.Duration
	Header    http.Header
	Protocol  func(string) bool
	Extension func(httphead.Option) bool
	Negotiate func(httphead.Option) (httphead.Option, error)
}

func (u HTTPUpgrader) Upgrade(r *http.Request, w http.ResponseWriter) (conn net.Conn, rw *bufio.ReadWriter, hs Handshake, err error) {
	panic("stub")
}

type Upgrader struct {
	ReadBufferSize, WriteBufferSize int
	Protocol                        func([]byte) bool
	ProtocolCustom                  func([]byte) (string, bool)
	Extension                       func(httphead.Option) bool
	ExtensionCustom                 func([]byte, []httphead.Option) ([]httphead.Option, bool)
	Negotiate                       func(httphead.Option) (httphead.Option, error)
	Header                          HandshakeHeader
	OnRequest                       func(uri []byte) error
	OnHost                          func(host []byte) error
	OnHeader                        func(key, value []byte) error
	OnBeforeUpgrade                 func() (header HandshakeHeader, err error)
}

func (u Upgrader) Upgrade(conn io.ReadWriter) (hs Handshake, err error) {
	panic("stub")
}

func SelectFromSlice(accept []string) func(string) bool {
	panic("stub")
}

func SelectEqual(v string) func(string) bool {
	panic("stub")
}

const (
	MaxHeaderSize = 14
	MinHeaderSize = 2
)

func HeaderSize(h Header) (n int) {
	panic("stub")
}

func WriteHeader(w io.Writer, h Header) error {
	panic("stub")
}

func WriteHeaderBuffer(w io.Writer, h Header, bts []byte) error {
	panic("stub")
}

func WriteFrame(w io.Writer, f Frame) error {
	panic("stub")
}

func MustWriteFrame(w io.Writer, f Frame) {
	panic("stub")
}
