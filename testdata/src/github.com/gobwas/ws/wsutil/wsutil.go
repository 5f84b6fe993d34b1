// Package wsutil is a stub of github.com/gobwas/ws/wsutil for analysistest: exact signatures, no logic.
package wsutil

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"

	"github.com/gobwas/ws"
)

type CipherReader struct {
}

func NewCipherReader(r io.Reader, mask [4]byte) *CipherReader {
	panic("stub")
}

func (c *CipherReader) Reset(r io.Reader, mask [4]byte) {
	panic("stub")
}

func (c *CipherReader) Read(p []byte) (n int, err error) {
	panic("stub")
}

type CipherWriter struct {
}

func NewCipherWriter(w io.Writer, mask [4]byte) *CipherWriter {
	panic("stub")
}

func (c *CipherWriter) Reset(w io.Writer, mask [4]byte) {
	panic("stub")
}

func (c *CipherWriter) Write(p []byte) (n int, err error) {
	panic("stub")
}

type DebugDialer struct {
	Dialer                ws.Dialer
	OnRequest, OnResponse func([]byte)
}

func (d *DebugDialer) Dial(ctx context.Context, urlstr string) (conn net.Conn, br *bufio.Reader, hs ws.Handshake, err error) {
	panic("stub")
}

type RecvExtension interface {
	UnsetBits(ws.Header) (ws.Header, error)
}

type RecvExtensionFunc func(ws.Header) (ws.Header, error)

func (fn RecvExtensionFunc) UnsetBits(h ws.Header) (ws.Header, error) {
	panic("stub")
}

type SendExtension interface {
	SetBits(ws.Header) (ws.Header, error)
}

type SendExtensionFunc func(ws.Header) (ws.Header, error)

func (fn SendExtensionFunc) SetBits(h ws.Header) (ws.Header, error) {
	panic("stub")
}

type ClosedError struct {
	Code   ws.StatusCode
	Reason string
}

func (err ClosedError) Error() string {
	panic("stub")
}

type ControlHandler struct {
	Src                 io.Reader
	Dst                 io.Writer
	State               ws.State
	DisableSrcCiphering bool
}

var ErrNotControlFrame = errors.New("not a control frame")

func (c ControlHandler) Handle(h ws.Header) error {
	panic("stub")
}

func (c ControlHandler) HandlePing(h ws.Header) error {
	panic("stub")
}

func (c ControlHandler) HandlePong(h ws.Header) error {
	panic("stub")
}

func (c ControlHandler) HandleClose(h ws.Header) error {
	panic("stub")
}

type Message struct {
	OpCode  ws.OpCode
	Payload []byte
}

func SetMaxFrameSize(n int64) {
	panic("stub")
}

func MaxFrameSize() int64 {
	panic("stub")
}

func SetMaxMessageSize(n int64) {
	panic("stub")
}

func MaxMessageSize() int64 {
	panic("stub")
}

func SetCheckUTF8(v bool) {
	panic("stub")
}

func CheckUTF8() bool {
	panic("stub")
}

func SetPreallocLimit(n int64) {
	panic("stub")
}

func PreallocLimit() int64 {
	panic("stub")
}

func DefaultReader(r io.Reader, s ws.State) *Reader {
	panic("stub")
}

func ReadMessage(r io.Reader, s ws.State, m []Message) ([]Message, error) {
	panic("stub")
}

func ReadClientMessage(r io.Reader, m []Message) ([]Message, error) {
	panic("stub")
}

func ReadServerMessage(r io.Reader, m []Message) ([]Message, error) {
	panic("stub")
}

func ReadData(rw io.ReadWriter, s ws.State) ([]byte, ws.OpCode, error) {
	panic("stub")
}

func ReadClientData(rw io.ReadWriter) ([]byte, ws.OpCode, error) {
	panic("stub")
}

func ReadClientText(rw io.ReadWriter) ([]byte, error) {
	panic("stub")
}

func ReadClientBinary(rw io.ReadWriter) ([]byte, error) {
	panic("stub")
}

func ReadServerData(rw io.ReadWriter) ([]byte, ws.OpCode, error) {
	panic("stub")
}

func ReadServerText(rw io.ReadWriter) ([]byte, error) {
	panic("stub")
}

func ReadServerBinary(rw io.ReadWriter) ([]byte, error) {
	panic("stub")
}

func WriteMessage(w io.Writer, s ws.State, op ws.OpCode, p []byte) error {
	panic("stub")
}

func WriteServerMessage(w io.Writer, op ws.OpCode, p []byte) error {
	panic("stub")
}

func WriteServerText(w io.Writer, p []byte) error {
	panic("stub")
}

func WriteServerBinary(w io.Writer, p []byte) error {
	panic("stub")
}

func WriteClientMessage(w io.Writer, op ws.OpCode, p []byte) error {
	panic("stub")
}

func WriteClientText(w io.Writer, p []byte) error {
	panic("stub")
}

func WriteClientBinary(w io.Writer, p []byte) error {
	panic("stub")
}

func HandleClientControlMessage(conn io.Writer, msg Message) error {
	panic("stub")
}

func HandleServerControlMessage(conn io.Writer, msg Message) error {
	panic("stub")
}

func HandleControlMessage(conn io.Writer, state ws.State, msg Message) error {
	panic("stub")
}

func ControlFrameHandler(w io.Writer, state ws.State) FrameHandlerFunc {
	panic("stub")
}

var ErrNoFrameAdvance = errors.New("no frame advance")

var ErrFrameTooLarge = errors.New("frame too large")

var ErrMessageTooLarge = errors.New("message too large")

type FrameHandlerFunc func(ws.Header, io.Reader) error

type Reader struct {
	Source          io.Reader
	State           ws.State
	SkipHeaderCheck bool
	CheckUTF8       bool
	Extensions      []RecvExtension
	MaxFrameSize    int64
	MaxMessageSize  int64
	OnContinuation  FrameHandlerFunc
	OnIntermediate  FrameHandlerFunc
}

func NewReader(r io.Reader, s ws.State) *Reader {
	panic("stub")
}

func NewClientSideReader(r io.Reader) *Reader {
	panic("stub")
}

func NewServerSideReader(r io.Reader) *Reader {
	panic("stub")
}

func (r *Reader) Read(p []byte) (n int, err error) {
	panic("stub")
}

func (r *Reader) Discard() (err error) {
	panic("stub")
}

func (r *Reader) NextFrame() (hdr ws.Header, err error) {
	panic("stub")
}

func NextReader(r io.Reader, s ws.State) (ws.Header, io.Reader, error) {
	panic("stub")
}

type DebugUpgrader struct {
	Upgrader              ws.Upgrader
	OnRequest, OnResponse func([]byte)
}

func (d *DebugUpgrader) Upgrade(conn io.ReadWriter) (hs ws.Handshake, err error) {
	panic("stub")
}

var ErrInvalidUTF8 = fmt.Errorf("invalid utf8")

type UTF8Reader struct {
	Source io.Reader
}

func NewUTF8Reader(r io.Reader) *UTF8Reader {
	panic("stub")
}

func (u *UTF8Reader) Reset(r io.Reader) {
	panic("stub")
}

func (u *UTF8Reader) Read(p []byte) (n int, err error) {
	panic("stub")
}

func (u *UTF8Reader) Valid() bool {
	panic("stub")
}

func (u *UTF8Reader) Accepted() int {
	panic("stub")
}

var DefaultWriteBuffer = 4096

var (
	ErrNotEmpty        = fmt.Errorf("writer not empty")
	ErrControlOverflow = fmt.Errorf("control frame payload overflow")
)

type ControlWriter struct {
}

func NewControlWriter(dest io.Writer, state ws.State, op ws.OpCode) *ControlWriter {
	panic("stub")
}

func NewControlWriterBuffer(dest io.Writer, state ws.State, op ws.OpCode, buf []byte) *ControlWriter {
	panic("stub")
}

func (c *ControlWriter) Write(p []byte) (n int, err error) {
	panic("stub")
}

func (c *ControlWriter) Flush() error {
	panic("stub")
}

func GetWriter(dest io.Writer, state ws.State, op ws.OpCode, n int) *Writer {
	panic("stub")
}

func PutWriter(w *Writer) {
	panic("stub")
}

type Writer struct {
}

func NewWriter(dest io.Writer, state ws.State, op ws.OpCode) *Writer {
	panic("stub")
}

func NewWriterSize(dest io.Writer, state ws.State, op ws.OpCode, n int) *Writer {
	panic("stub")
}

func NewWriterBufferSize(dest io.Writer, state ws.State, op ws.OpCode, n int) *Writer {
	panic("stub")
}

func NewWriterBuffer(dest io.Writer, state ws.State, op ws.OpCode, buf []byte) *Writer {
	panic("stub")
}

func (w *Writer) Reset(dest io.Writer, state ws.State, op ws.OpCode) {
	panic("stub")
}

func (w *Writer) ResetOp(op ws.OpCode) {
	panic("stub")
}

func (w *Writer) SetExtensions(xs ...SendExtension) {
	panic("stub")
}

func (w *Writer) DisableFlush() {
	panic("stub")
}

func (w *Writer) Size() int {
	panic("stub")
}

func (w *Writer) Available() int {
	panic("stub")
}

func (w *Writer) Buffered() int {
	panic("stub")
}

func (w *Writer) Write(p []byte) (n int, err error) {
	panic("stub")
}

func (w *Writer) Grow(n int) {
	panic("stub")
}

func (w *Writer) WriteThrough(p []byte) (n int, err error) {
	panic("stub")
}

func (w *Writer) ReadFrom(src io.Reader) (n int64, err error) {
	panic("stub")
}

func (w *Writer) Flush() error {
	panic("stub")
}

func (w *Writer) FlushFragment() error {
	panic("stub")
}
