package wsapi

import (
	"go/types"
)

// ErrorClass is what a type or sentinel says about a read error.
type ErrorClass uint8

const (
	Unclassified ErrorClass = iota
	// CloseErr: the peer closed or the connection is gone. The connection
	// is finished: reading again fails again.
	CloseErr
	// DecodeErr: the frame arrived but its payload did not decode
	// (encoding/json syntax or type errors). The connection is fine.
	DecodeErr
)

// closeTypes are the error types that carry a close frame or the end of
// the connection, by package path and type name. A pointer to one of
// them classifies the same way.
var closeTypes = map[[2]string]bool{
	{Gorilla, "CloseError"}:             true,
	{Fasthttp, "CloseError"}:            true,
	{Coder, "CloseError"}:               true,
	{Nhooyr, "CloseError"}:              true,
	{Gobwas + "/wsutil", "ClosedError"}: true,
}

var decodeTypes = map[[2]string]bool{
	{"encoding/json", "SyntaxError"}:        true,
	{"encoding/json", "UnmarshalTypeError"}: true,
}

// closeSentinels are package-level error variables meaning the peer or
// the transport is gone.
var closeSentinels = map[[2]string]bool{
	{"io", "EOF"}:              true,
	{"io", "ErrUnexpectedEOF"}: true,
	{"net", "ErrClosed"}:       true,
	{Gorilla, "ErrCloseSent"}:  true,
	{Fasthttp, "ErrCloseSent"}: true,
}

// ClassifyType says what it means for an error to have type t (as in a
// type assertion or the target of errors.As).
func ClassifyType(t types.Type) ErrorClass {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return Unclassified
	}
	key := [2]string{Unvendor(n.Obj().Pkg().Path()), n.Obj().Name()}
	switch {
	case closeTypes[key]:
		return CloseErr
	case decodeTypes[key]:
		return DecodeErr
	}
	return Unclassified
}

// IsCloseSentinel reports whether v is a package-level error variable
// that means the connection is gone (io.EOF, net.ErrClosed).
func IsCloseSentinel(v *types.Var) bool {
	if v == nil || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return false
	}
	return closeSentinels[[2]string{Unvendor(v.Pkg().Path()), v.Name()}]
}

// connPackages hold a connection type named Conn.
var connPackages = []string{Gorilla, Fasthttp, Fiber, Coder, Nhooyr, XNet}

// IsConnType reports whether t is (a pointer to) a library connection:
// *websocket.Conn of any modelled library, or net.Conn when netConn is
// set (gobwas works on plain net.Conn values).
func IsConnType(t types.Type, netConn bool) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	path := Unvendor(n.Obj().Pkg().Path())
	if netConn && path == "net" && n.Obj().Name() == "Conn" {
		return true
	}
	if n.Obj().Name() != "Conn" {
		return false
	}
	for _, p := range connPackages {
		if p == path {
			return true
		}
	}
	return false
}

// HoldsConn reports whether t is a connection or (a pointer to) a
// struct with a connection field, embedded or not, directly or in a
// struct it holds (a session holding a client holding the connection):
// the Client of a hub.
func HoldsConn(t types.Type, netConn bool) bool { return holdsConn(t, netConn, 3) }

func holdsConn(t types.Type, netConn bool, depth int) bool {
	if IsConnType(t, netConn) {
		return true
	}
	if depth == 0 {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if holdsConn(st.Field(i).Type(), netConn, depth-1) {
			return true
		}
	}
	return false
}

// NeedsCloseNow reports whether t is (a pointer to) a coder or nhooyr
// connection, whose Close takes a status code and a reason: a plain
// teardown there is CloseNow().
func NeedsCloseNow(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Name() != "Conn" {
		return false
	}
	path := Unvendor(n.Obj().Pkg().Path())
	return path == Coder || path == Nhooyr
}

// ClosedByLibrary reports whether t is (a pointer to) a connection that
// its library hands a handler and closes when the handler returns:
// x/net's Handler and Server, fasthttp's FastHTTPUpgrader and gofiber's
// websocket.New (fasthttp closes the hijacked connection).
func ClosedByLibrary(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Name() != "Conn" {
		return false
	}
	switch Unvendor(n.Obj().Pkg().Path()) {
	case XNet, Fasthttp, Fiber:
		return true
	}
	return false
}
