// Package stubcheck is not a stub: it only type-checks typical uses of the
// library stubs in testdata/src, proving that they fit real code.
package stubcheck

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"time"

	coder "github.com/coder/websocket"
	coderjson "github.com/coder/websocket/wsjson"
	fastws "github.com/fasthttp/websocket"
	"github.com/gobwas/httphead"
	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsutil"
	fiberws "github.com/gofiber/contrib/websocket"
	"github.com/gofiber/fiber/v2"
	gorilla "github.com/gorilla/websocket"
	"github.com/valyala/fasthttp"
	xws "golang.org/x/net/websocket"
	nhooyr "nhooyr.io/websocket"
	nhooyrjson "nhooyr.io/websocket/wsjson"
)

// github.com/gorilla/websocket
var (
	_                                                                                                    = gorilla.Upgrader{ReadBufferSize: 1024, WriteBufferSize: 1024, CheckOrigin: func(*http.Request) bool { return true }}
	_ func(*gorilla.Upgrader, http.ResponseWriter, *http.Request, http.Header) (*gorilla.Conn, error)    = (*gorilla.Upgrader).Upgrade
	_ func(*gorilla.Dialer, string, http.Header) (*gorilla.Conn, *http.Response, error)                  = (*gorilla.Dialer).Dial
	_ *gorilla.Dialer                                                                                    = gorilla.DefaultDialer
	_ func(*gorilla.Dialer, context.Context, string, http.Header) (*gorilla.Conn, *http.Response, error) = (*gorilla.Dialer).DialContext
	_ func(*gorilla.Conn) (int, []byte, error)                                                           = (*gorilla.Conn).ReadMessage
	_ func(*gorilla.Conn, int, []byte) error                                                             = (*gorilla.Conn).WriteMessage
	_ func(*gorilla.Conn, int, []byte, time.Time) error                                                  = (*gorilla.Conn).WriteControl
	_ func(*gorilla.Conn) (int, io.Reader, error)                                                        = (*gorilla.Conn).NextReader
	_ func(*gorilla.Conn, int) (io.WriteCloser, error)                                                   = (*gorilla.Conn).NextWriter
	_ func(*gorilla.Conn, interface{}) error                                                             = (*gorilla.Conn).ReadJSON
	_ func(*gorilla.Conn, interface{}) error                                                             = (*gorilla.Conn).WriteJSON
	_ func(*gorilla.Conn) error                                                                          = (*gorilla.Conn).Close
	_ func(*gorilla.Conn, time.Time) error                                                               = (*gorilla.Conn).SetReadDeadline
	_ func(*gorilla.Conn, time.Time) error                                                               = (*gorilla.Conn).SetWriteDeadline
	_ func(*gorilla.Conn, int64)                                                                         = (*gorilla.Conn).SetReadLimit
	_ func(*gorilla.Conn, func(string) error)                                                            = (*gorilla.Conn).SetPongHandler
	_ func(*gorilla.Conn, func(string) error)                                                            = (*gorilla.Conn).SetPingHandler
	_ func(*gorilla.Conn, func(int, string) error)                                                       = (*gorilla.Conn).SetCloseHandler
	_ func(error, ...int) bool                                                                           = gorilla.IsCloseError
	_ func(error, ...int) bool                                                                           = gorilla.IsUnexpectedCloseError
	_ func(int, string) []byte                                                                           = gorilla.FormatCloseMessage
	_ error                                                                                              = &gorilla.CloseError{Code: gorilla.CloseNormalClosure, Text: ""}
	_                                                                                                    = []int{gorilla.TextMessage, gorilla.BinaryMessage, gorilla.CloseMessage, gorilla.PingMessage, gorilla.PongMessage, gorilla.CloseGoingAway, gorilla.CloseAbnormalClosure}
	_                                                                                                    = []error{gorilla.ErrCloseSent, gorilla.ErrReadLimit, gorilla.ErrBadHandshake}
)

// github.com/fasthttp/websocket and github.com/valyala/fasthttp
var (
	_                                                                                               = fastws.FastHTTPUpgrader{CheckOrigin: func(*fasthttp.RequestCtx) bool { return true }}
	_ func(*fastws.FastHTTPUpgrader, *fasthttp.RequestCtx, fastws.FastHTTPHandler) error            = (*fastws.FastHTTPUpgrader).Upgrade
	_ fastws.FastHTTPHandler                                                                        = func(*fastws.Conn) {}
	_ func(*fastws.Upgrader, http.ResponseWriter, *http.Request, http.Header) (*fastws.Conn, error) = (*fastws.Upgrader).Upgrade
	_ func(*fastws.Conn) (int, []byte, error)                                                       = (*fastws.Conn).ReadMessage
	_ func(*fastws.Conn, int, []byte) error                                                         = (*fastws.Conn).WriteMessage
	_ func(*fastws.Conn) error                                                                      = (*fastws.Conn).Close
	_ func(error, ...int) bool                                                                      = fastws.IsUnexpectedCloseError
	_ func(*fasthttp.RequestCtx) bool                                                               = fastws.FastHTTPIsWebSocketUpgrade
)

// github.com/gofiber/contrib/websocket and github.com/gofiber/fiber/v2
var (
	_ fiber.Handler                                 = fiberws.New(func(*fiberws.Conn) {}, fiberws.Config{Origins: []string{"*"}})
	_ func(*fiber.Ctx) bool                         = fiberws.IsWebSocketUpgrade
	_ func(*fiberws.Conn) (int, []byte, error)      = (*fiberws.Conn).ReadMessage // promoted from *fastws.Conn
	_ func(*fiberws.Conn, int, []byte) error        = (*fiberws.Conn).WriteMessage
	_ func(*fiberws.Conn) error                     = (*fiberws.Conn).Close
	_ func(*fiberws.Conn, string, ...string) string = (*fiberws.Conn).Params
	_ *fastws.Conn                                  = (&fiberws.Conn{}).Conn
	_ func(error, ...int) bool                      = fiberws.IsCloseError
	_                                               = []int{fiberws.TextMessage, fiberws.CloseNormalClosure}
)

// github.com/coder/websocket
var (
	_ func(http.ResponseWriter, *http.Request, *coder.AcceptOptions) (*coder.Conn, error)    = coder.Accept
	_ func(context.Context, string, *coder.DialOptions) (*coder.Conn, *http.Response, error) = coder.Dial
	_ func(*coder.Conn, context.Context) (coder.MessageType, []byte, error)                  = (*coder.Conn).Read
	_ func(*coder.Conn, context.Context, coder.MessageType, []byte) error                    = (*coder.Conn).Write
	_ func(*coder.Conn, context.Context) (coder.MessageType, io.Reader, error)               = (*coder.Conn).Reader
	_ func(*coder.Conn, context.Context, coder.MessageType) (io.WriteCloser, error)          = (*coder.Conn).Writer
	_ func(*coder.Conn, coder.StatusCode, string) error                                      = (*coder.Conn).Close
	_ func(*coder.Conn) error                                                                = (*coder.Conn).CloseNow
	_ func(*coder.Conn, context.Context) error                                               = (*coder.Conn).Ping
	_ func(*coder.Conn, context.Context) context.Context                                     = (*coder.Conn).CloseRead
	_ func(*coder.Conn, int64)                                                               = (*coder.Conn).SetReadLimit
	_ func(context.Context, *coder.Conn, coder.MessageType) net.Conn                         = coder.NetConn
	_ func(error) coder.StatusCode                                                           = coder.CloseStatus
	_ error                                                                                  = coder.CloseError{Code: coder.StatusNormalClosure}
	_                                                                                        = []coder.MessageType{coder.MessageText, coder.MessageBinary}
	_ func(context.Context, *coder.Conn, any) error                                          = coderjson.Read
	_ func(context.Context, *coder.Conn, any) error                                          = coderjson.Write
	_                                                                                        = coder.AcceptOptions{CompressionMode: coder.CompressionDisabled, OnPingReceived: func(context.Context, []byte) bool { return true }}
)

// nhooyr.io/websocket
var (
	_ func(http.ResponseWriter, *http.Request, *nhooyr.AcceptOptions) (*nhooyr.Conn, error)    = nhooyr.Accept
	_ func(context.Context, string, *nhooyr.DialOptions) (*nhooyr.Conn, *http.Response, error) = nhooyr.Dial
	_ func(*nhooyr.Conn, context.Context) (nhooyr.MessageType, []byte, error)                  = (*nhooyr.Conn).Read
	_ func(*nhooyr.Conn, context.Context, nhooyr.MessageType, []byte) error                    = (*nhooyr.Conn).Write
	_ func(*nhooyr.Conn, nhooyr.StatusCode, string) error                                      = (*nhooyr.Conn).Close
	_ func(*nhooyr.Conn) error                                                                 = (*nhooyr.Conn).CloseNow
	_ func(*nhooyr.Conn, context.Context) error                                                = (*nhooyr.Conn).Ping
	_ func(error) nhooyr.StatusCode                                                            = nhooyr.CloseStatus
	_ error                                                                                    = nhooyr.CloseError{Code: nhooyr.StatusGoingAway}
	_ func(context.Context, *nhooyr.Conn, any) error                                           = nhooyrjson.Read
	_ func(context.Context, *nhooyr.Conn, any) error                                           = nhooyrjson.Write
)

// github.com/gobwas/ws, github.com/gobwas/ws/wsutil and github.com/gobwas/httphead
var (
	_ func(*http.Request, http.ResponseWriter) (net.Conn, *bufio.ReadWriter, ws.Handshake, error) = ws.UpgradeHTTP
	_ func(io.ReadWriter) (ws.Handshake, error)                                                   = ws.Upgrade
	_ func(context.Context, string) (net.Conn, *bufio.Reader, ws.Handshake, error)                = ws.Dial
	_ func(ws.Dialer, context.Context, string) (net.Conn, *bufio.Reader, ws.Handshake, error)     = ws.Dialer.Dial
	_ func(io.Reader) (ws.Frame, error)                                                           = ws.ReadFrame
	_ func(io.Reader) (ws.Header, error)                                                          = ws.ReadHeader
	_ func(io.Writer, ws.Frame) error                                                             = ws.WriteFrame
	_ func(io.Writer, ws.Header) error                                                            = ws.WriteHeader
	_ func([]byte) ws.Frame                                                                       = ws.NewCloseFrame
	_ func(ws.StatusCode, string) []byte                                                          = ws.NewCloseFrameBody
	_                                                                                             = []ws.OpCode{ws.OpContinuation, ws.OpText, ws.OpBinary, ws.OpClose, ws.OpPing, ws.OpPong}
	_                                                                                             = []ws.State{ws.StateServerSide, ws.StateClientSide}
	_                                                                                             = []ws.StatusCode{ws.StatusNormalClosure, ws.StatusGoingAway, ws.StatusProtocolError}
	_                                                                                             = ws.HTTPUpgrader{Negotiate: func(o httphead.Option) (httphead.Option, error) { return o, nil }}
	_ func(io.ReadWriter) ([]byte, ws.OpCode, error)                                              = wsutil.ReadClientData
	_ func(io.ReadWriter) ([]byte, ws.OpCode, error)                                              = wsutil.ReadServerData
	_ func(io.Writer, ws.OpCode, []byte) error                                                    = wsutil.WriteServerMessage
	_ func(io.Writer, ws.OpCode, []byte) error                                                    = wsutil.WriteClientMessage
	_ func(io.Reader, ws.State) ([]wsutil.Message, error)                                         = func(r io.Reader, s ws.State) ([]wsutil.Message, error) { return wsutil.ReadMessage(r, s, nil) }
	_ func(*wsutil.Reader) (ws.Header, error)                                                     = (*wsutil.Reader).NextFrame
	_ func(*wsutil.Writer) error                                                                  = (*wsutil.Writer).Flush
	_ func(wsutil.ControlHandler, ws.Header) error                                                = wsutil.ControlHandler.Handle
	_ error                                                                                       = wsutil.ClosedError{Code: ws.StatusNormalClosure}
	_                                                                                             = &wsutil.Reader{Source: nil, State: ws.StateServerSide, OnIntermediate: wsutil.ControlFrameHandler(nil, ws.StateServerSide)}
)

// golang.org/x/net/websocket
var (
	_ http.Handler                                    = xws.Handler(func(*xws.Conn) {})
	_ http.Handler                                    = xws.Server{Handler: func(*xws.Conn) {}}
	_ func(string, string, string) (*xws.Conn, error) = xws.Dial
	_ func(*xws.Config) (*xws.Conn, error)            = xws.DialConfig
	_ func(xws.Codec, *xws.Conn, interface{}) error   = xws.Codec.Send
	_ func(xws.Codec, *xws.Conn, interface{}) error   = xws.Codec.Receive
	_                                                 = []xws.Codec{xws.Message, xws.JSON}
	_ net.Conn                                        = (*xws.Conn)(nil)
	_ func(*xws.Conn) error                           = (*xws.Conn).Close
	_ func(*xws.Conn, int) error                      = (*xws.Conn).WriteClose // promoted from the unexported frameHandler
	_ func(*xws.Conn, time.Time) error                = (*xws.Conn).SetReadDeadline
)
