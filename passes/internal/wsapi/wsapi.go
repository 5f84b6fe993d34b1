// Package wsapi is wsvet's model of the WebSocket libraries: for a
// resolved function or method it says what a call does to a connection.
//
// Analyzers ask this table and never match names or branch per library.
// Adding a library is one set of table entries here plus a stub under
// testdata/src.
package wsapi

import (
	"go/types"
	"strings"
	"sync"
)

// Kind is what a call does to a WebSocket connection.
type Kind uint8

const (
	None        Kind = iota
	Read             // receives a message; its error result reports a failed connection
	Write            // sends a data message
	Control          // sends a control frame (ping, close handshake)
	Close            // closes the connection
	CloseTest        // reports whether an error is a close error (IsCloseError, CloseStatus)
	Open             // yields a new connection (Upgrade, Accept, Dial)
	Wrap             // returns a reader or writer over the connection in its operand
	Watch            // reads in the background until the connection ends (coder's CloseRead)
	WriteConfig      // changes the writer's state (SetWriteDeadline): one goroutine at a time, as writes
)

var kindNames = [...]string{"none", "read", "write", "control", "close", "close test", "open", "wrap", "watch", "write config"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Op describes one library function or method.
type Op struct {
	Kind Kind
	// Conn is the operand that holds the connection, counting the
	// receiver of a method as operand 0 (the layout of ssa.CallCommon.Args
	// for a static call); -1 when no operand is a connection.
	Conn int
	// Status is set for CloseTest functions that return the close code
	// (coder's CloseStatus) rather than a bool.
	Status bool
	// OpCode and Frame, when positive, are one plus the operand that
	// holds the frame's opcode (gobwas' wsutil.WriteServerMessage) or the
	// frame itself (ws.WriteFrame): a control opcode there, or a frame
	// made by ws.NewCloseFrame or NewPingFrame, makes the write a control
	// frame (ControlOpCode, ControlFrame).
	OpCode, Frame int8
	// MsgType, when positive, is one plus the result of a read that holds
	// the message type, and FailType the type it holds on every error
	// (gorilla's ReadMessage returns -1, coder's Read and gobwas' ReadData
	// 0): a loop that leaves on that value leaves on every error. (When
	// reading the payload fails, the first of these reads returns the
	// frame's type with the error; the next read fails with FailType.)
	MsgType, FailType int8
	// Stream, when positive, is one plus the result of a read that is an
	// io.Reader over the message (gorilla's NextReader): reading it is
	// reading the connection.
	Stream int8
	// Encodes marks a write that encodes its value first (WriteJSON,
	// wsjson.Write, x/net's Codec.Send): its error may be the encoder's,
	// with the connection fine.
	Encodes bool
	// CloseType, when positive, is one plus the operand of a write that
	// holds the message type: a constant close message there makes the
	// write the close handshake (gorilla's WriteMessage(CloseMessage,
	// ...)), which, like WriteControl, is best effort on a dying
	// connection.
	CloseType int8
}

// closeMessage is the message type of a close frame (RFC 6455 opcode 8).
const closeMessage = 8

// DataTypes are the message types a successful read returns: text and
// binary, 1 and 2 in every modelled library (RFC 6455 opcodes).
var DataTypes = []int64{1, 2}

// ControlOpCode reports whether an opcode value is a control frame's
// (close, ping, pong: 0x8 to 0xA in RFC 6455).
func ControlOpCode(v int64) bool { return v >= 0x8 && v <= 0xA }

// CloseMessageType reports whether a message type is a close frame's.
func CloseMessageType(v int64) bool { return v == closeMessage }

// ControlFrame reports whether fn makes a control frame.
func ControlFrame(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || Unvendor(fn.Pkg().Path()) != Gobwas {
		return false
	}
	switch fn.Name() {
	case "NewCloseFrame", "NewPingFrame", "NewPongFrame":
		return true
	}
	return false
}

// Library import paths. gofiber's contrib package wraps fasthttp's: its
// Conn embeds *fasthttp/websocket.Conn, so its reads and writes resolve
// to the fasthttp entries; it adds its own close tests.
const (
	Gorilla  = "github.com/gorilla/websocket"
	Fasthttp = "github.com/fasthttp/websocket"
	Coder    = "github.com/coder/websocket"
	Nhooyr   = "nhooyr.io/websocket"
	Gobwas   = "github.com/gobwas/ws"
	XNet     = "golang.org/x/net/websocket"
	Fiber    = "github.com/gofiber/contrib/websocket"
)

// Libraries lists the import paths of every modelled package. A package
// that imports none of them, directly or transitively, cannot hold a
// WebSocket bug.
var Libraries = []string{
	Gorilla, Fasthttp, Fiber,
	Coder, Coder + "/wsjson",
	Nhooyr, Nhooyr + "/wsjson",
	Gobwas, Gobwas + "/wsutil",
	XNet,
}

// IsLibrary reports whether path is one of the modelled packages.
func IsLibrary(path string) bool {
	path = Unvendor(path)
	for _, p := range Libraries {
		if p == path {
			return true
		}
	}
	return false
}

// recv is the receiver operand; arg(i) is the i-th parameter of a
// method (receiver counted first) or of a function.
const recv = 0

func arg(i int) int { return i }

// table maps a function's full name, as types.Func.FullName spells it
// with the package path unvendored, to its operation. It is built on
// first use: under go vet every package of a build, the standard library
// included, starts a wsvet process, and only those that reach a library
// ever look a call up.
var table = sync.OnceValue(func() map[string]Op {
	table := map[string]Op{}
	buildTable(func(name string, op Op) {
		if _, dup := table[name]; dup {
			panic("wsapi: duplicate entry " + name)
		}
		table[name] = op
	})
	return table
})

func buildTable(add func(name string, op Op)) {
	// gorilla/websocket and its fork fasthttp/websocket share one API.
	for _, p := range []string{Gorilla, Fasthttp} {
		conn := "(*" + p + ".Conn)."
		add(conn+"ReadMessage", Op{Kind: Read, Conn: recv, MsgType: 1 + 0, FailType: -1})
		add(conn+"NextReader", Op{Kind: Read, Conn: recv, MsgType: 1 + 0, FailType: -1, Stream: 1 + 1})
		add(conn+"ReadJSON", Op{Kind: Read, Conn: recv})
		add(conn+"WriteMessage", Op{Kind: Write, Conn: recv, CloseType: 1 + 1})
		add(conn+"WriteJSON", Op{Kind: Write, Conn: recv, Encodes: true})
		for _, m := range []string{"NextWriter", "WritePreparedMessage"} {
			add(conn+m, Op{Kind: Write, Conn: recv})
		}
		add(conn+"WriteControl", Op{Kind: Control, Conn: recv})
		for _, m := range []string{"SetWriteDeadline", "EnableWriteCompression", "SetCompressionLevel"} {
			add(conn+m, Op{Kind: WriteConfig, Conn: recv})
		}
		add(conn+"Close", Op{Kind: Close, Conn: recv})
		add(p+".IsCloseError", Op{Kind: CloseTest, Conn: -1})
		add(p+".IsUnexpectedCloseError", Op{Kind: CloseTest, Conn: -1})
		add(p+".Upgrade", Op{Kind: Open, Conn: -1})
		add("(*"+p+".Upgrader).Upgrade", Op{Kind: Open, Conn: -1})
		add("(*"+p+".Dialer).Dial", Op{Kind: Open, Conn: -1})
		add("(*"+p+".Dialer).DialContext", Op{Kind: Open, Conn: -1})
	}
	add("(*"+Fasthttp+".FastHTTPUpgrader).Upgrade", Op{Kind: Open, Conn: -1})
	add(Fiber+".IsCloseError", Op{Kind: CloseTest, Conn: -1})
	add(Fiber+".IsUnexpectedCloseError", Op{Kind: CloseTest, Conn: -1})
	add(Fiber+".New", Op{Kind: Open, Conn: -1})

	// coder/websocket and its former path nhooyr.io/websocket.
	for _, p := range []string{Coder, Nhooyr} {
		conn := "(*" + p + ".Conn)."
		add(conn+"Read", Op{Kind: Read, Conn: recv, MsgType: 1 + 0, FailType: 0})
		add(conn+"Reader", Op{Kind: Read, Conn: recv, MsgType: 1 + 0, FailType: 0, Stream: 1 + 1})
		add(p+".NetConn", Op{Kind: Wrap, Conn: arg(1)})
		add(conn+"Write", Op{Kind: Write, Conn: recv})
		add(conn+"Writer", Op{Kind: Write, Conn: recv})
		add(conn+"Ping", Op{Kind: Control, Conn: recv})
		add(conn+"Close", Op{Kind: Close, Conn: recv})
		add(conn+"CloseNow", Op{Kind: Close, Conn: recv})
		add(conn+"CloseRead", Op{Kind: Watch, Conn: recv})
		add(p+".CloseStatus", Op{Kind: CloseTest, Conn: -1, Status: true})
		add(p+".Accept", Op{Kind: Open, Conn: -1})
		add(p+".Dial", Op{Kind: Open, Conn: -1})
		add(p+"/wsjson.Read", Op{Kind: Read, Conn: arg(1)})
		add(p+"/wsjson.Write", Op{Kind: Write, Conn: arg(1), Encodes: true})
	}

	// golang.org/x/net/websocket.
	add("("+XNet+".Codec).Receive", Op{Kind: Read, Conn: arg(1)})
	add("("+XNet+".Codec).Send", Op{Kind: Write, Conn: arg(1), Encodes: true})
	add("(*"+XNet+".Conn).Read", Op{Kind: Read, Conn: recv})
	add("(*"+XNet+".Conn).Write", Op{Kind: Write, Conn: recv})
	add("(*"+XNet+".Conn).Close", Op{Kind: Close, Conn: recv})
	add(XNet+".Dial", Op{Kind: Open, Conn: -1})
	add(XNet+".DialConfig", Op{Kind: Open, Conn: -1})

	// gobwas/ws and wsutil work on a net.Conn (any io.ReadWriter).
	util := Gobwas + "/wsutil."
	for _, f := range []string{"ReadMessage", "ReadClientMessage", "ReadServerMessage",
		"ReadClientText", "ReadClientBinary", "ReadServerText", "ReadServerBinary", "NextReader"} {
		add(util+f, Op{Kind: Read, Conn: arg(0)})
	}
	for _, f := range []string{"ReadData", "ReadClientData", "ReadServerData"} {
		add(util+f, Op{Kind: Read, Conn: arg(0), MsgType: 1 + 1, FailType: 0})
	}
	for _, f := range []string{"WriteServerText", "WriteServerBinary", "WriteClientText", "WriteClientBinary"} {
		add(util+f, Op{Kind: Write, Conn: arg(0)})
	}
	add(util+"WriteServerMessage", Op{Kind: Write, Conn: arg(0), OpCode: 1 + 1})
	add(util+"WriteClientMessage", Op{Kind: Write, Conn: arg(0), OpCode: 1 + 1})
	add(util+"WriteMessage", Op{Kind: Write, Conn: arg(0), OpCode: 1 + 2})
	add("(*"+Gobwas+"/wsutil.Reader).NextFrame", Op{Kind: Read, Conn: recv})
	for _, f := range []string{"NewReader", "NewClientSideReader", "NewServerSideReader",
		"NewWriter", "NewWriterSize", "NewWriterBuffer"} {
		add(util+f, Op{Kind: Wrap, Conn: arg(0)})
	}
	add(Gobwas+".ReadFrame", Op{Kind: Read, Conn: arg(0)})
	add(Gobwas+".ReadHeader", Op{Kind: Read, Conn: arg(0)})
	add(Gobwas+".WriteFrame", Op{Kind: Write, Conn: arg(0), Frame: 1 + 1})
	add(Gobwas+".MustWriteFrame", Op{Kind: Write, Conn: arg(0), Frame: 1 + 1})
	// A wsutil.Writer over a net.Conn writes frames when it fills up or
	// flushes.
	add("(*"+Gobwas+"/wsutil.Writer).Write", Op{Kind: Write, Conn: recv})
	add("(*"+Gobwas+"/wsutil.Writer).Flush", Op{Kind: Write, Conn: recv})
	add(Gobwas+".WriteHeader", Op{Kind: Write, Conn: arg(0)})
	add(Gobwas+".UpgradeHTTP", Op{Kind: Open, Conn: -1})
	add(Gobwas+".Upgrade", Op{Kind: Open, Conn: -1})
	add(Gobwas+".Dial", Op{Kind: Open, Conn: -1})
	add("("+Gobwas+".Dialer).Dial", Op{Kind: Open, Conn: -1})
	add("("+Gobwas+".Upgrader).Upgrade", Op{Kind: Open, Conn: -1})
	add("("+Gobwas+".HTTPUpgrader).Upgrade", Op{Kind: Open, Conn: -1})
}

// netConnClose is the Close of a plain net.Conn: for gobwas, whose
// connections are net.Conn values, it closes the WebSocket connection.
// (Closing a net.Conn that is never written with wsutil is harmless
// to report on: only WebSocket writes to it are checked.)
const netConnClose = "(net.Conn).Close"

// Lookup returns the operation of fn, if fn is a modelled library
// function. Promoted methods of embedded connections resolve to the
// library's own *types.Func, so they are found too; a user type's
// look-alike method is not.
func Lookup(fn *types.Func) (Op, bool) {
	if fn == nil || fn.Pkg() == nil {
		return Op{}, false
	}
	if fn.Pkg().Path() == "net" && fn.FullName() == netConnClose {
		return Op{Kind: Close, Conn: recv}, true
	}
	if !IsLibrary(fn.Pkg().Path()) {
		return Op{}, false
	}
	op, ok := table()[FullName(fn)]
	return op, ok
}

// FullName is the types.Func.FullName of fn's generic origin, with its
// package path unvendored: the key of wsvet's tables.
func FullName(fn *types.Func) string {
	fn = fn.Origin()
	name := fn.FullName()
	if path := fn.Pkg().Path(); Unvendor(path) != path {
		name = strings.Replace(name, path, Unvendor(path), 1)
	}
	return name
}

// Unvendor strips a GOPATH-style vendor prefix from an import path.
func Unvendor(path string) string {
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		return path[i+len("/vendor/"):]
	}
	return path
}
