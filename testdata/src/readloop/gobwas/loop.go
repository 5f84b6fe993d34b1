package gobwas

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"

	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsutil"
)

func handle(msg []byte) {}

// --- positives ---

func continueOnError(conn net.Conn) {
	for {
		msg, _, err := wsutil.ReadClientData(conn) // want `wsutil.ReadClientData failed and the loop continues`
		if err != nil {
			log.Println("read:", err)
			continue
		}
		handle(msg)
	}
}

func continueOnErrorReturnsError(conn net.Conn) error {
	for {
		msg, err := wsutil.ReadClientText(conn) // want `wsutil.ReadClientText failed and the loop continues`
		if err != nil {
			log.Println("read:", err)
			continue
		}
		handle(msg)
	}
}

func readFrameContinues(conn net.Conn) {
	for {
		frame, err := ws.ReadFrame(conn) // want `ws.ReadFrame failed and the loop continues`
		if err != nil {
			continue
		}
		handle(frame.Payload)
	}
}

func nextFrameContinues(conn net.Conn) {
	r := wsutil.NewReader(conn, ws.StateServerSide)
	for {
		hdr, err := r.NextFrame() // want `r.NextFrame failed and the loop continues`
		if err != nil {
			continue
		}
		payload := make([]byte, hdr.Length)
		if _, err := io.ReadFull(r, payload); err != nil {
			return
		}
		handle(payload)
	}
}

func blankError(conn net.Conn) {
	for {
		msg, _, _ := wsutil.ReadClientData(conn) // want `the error from wsutil.ReadClientData is discarded`
		handle(msg)
	}
}

func blankFrameError(conn net.Conn) {
	for {
		frame, _ := ws.ReadFrame(conn) // want `the error from ws.ReadFrame is discarded`
		handle(frame.Payload)
	}
}

func onlySuccessTested(conn net.Conn) {
	for {
		msg, err := wsutil.ReadClientText(conn) // want `a failed wsutil.ReadClientText is read again`
		if err == nil {
			handle(msg)
		}
	}
}

// Only a close frame ends the loop: a dropped TCP connection gives
// io.EOF or a network error and comes around again.
func onlyClosedErrorAs(conn net.Conn) {
	for {
		msg, _, err := wsutil.ReadClientData(conn) // want `only some errors from wsutil.ReadClientData end the loop`
		var closed wsutil.ClosedError
		if errors.As(err, &closed) {
			log.Printf("closed: %d %s", closed.Code, closed.Reason)
			return
		}
		handle(msg)
	}
}

func onlyEOF(conn net.Conn) (int, error) {
	n := 0
	for {
		msg, err := wsutil.ReadClientText(conn) // want `only some errors from wsutil.ReadClientText end the loop`
		if err == io.EOF {
			return n, nil
		}
		n++
		handle(msg)
	}
}

func fallsThrough(conn net.Conn) {
	for {
		msg, _, err := wsutil.ReadClientData(conn) // want `the error branch of wsutil.ReadClientData falls through`
		if err != nil {
			log.Println("read:", err)
		}
		handle(msg)
	}
}

// The shape of the low-level example in gobwas/ws's README, with the
// error logged and nothing else.
func headerFallsThrough(conn net.Conn) {
	for {
		header, err := ws.ReadHeader(conn) // want `the error branch of ws.ReadHeader falls through`
		if err != nil {
			log.Println("read header:", err)
		}
		payload := make([]byte, header.Length)
		_, err = io.ReadFull(conn, payload)
		if err != nil {
			return
		}
		if header.OpCode == ws.OpClose {
			return
		}
		handle(payload)
	}
}

type Client struct {
	conn net.Conn
	send chan []byte
}

func (c *Client) readPump() {
	for {
		msg, _, err := wsutil.ReadClientData(c.conn) // want `wsutil.ReadClientData failed and the loop continues`
		if err != nil {
			continue
		}
		c.send <- msg
	}
}

// --- negatives: these must stay silent ---

func breakOnError(conn net.Conn) {
	for {
		msg, _, err := wsutil.ReadClientData(conn)
		if err != nil {
			log.Println("read:", err)
			break
		}
		handle(msg)
	}
}

func closeCodeLogged(conn net.Conn) {
	for {
		msg, _, err := wsutil.ReadClientData(conn)
		if err != nil {
			if closed, ok := err.(wsutil.ClosedError); ok {
				log.Printf("closed: %d %s", closed.Code, closed.Reason)
			}
			return
		}
		handle(msg)
	}
}

func closedErrorThenGeneral(conn net.Conn) error {
	for {
		msg, _, err := wsutil.ReadClientData(conn)
		var closed wsutil.ClosedError
		if errors.As(err, &closed) {
			return nil
		}
		if err != nil {
			return err
		}
		handle(msg)
	}
}

func eofThenGeneral(conn net.Conn) error {
	for {
		msg, err := wsutil.ReadClientText(conn)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		handle(msg)
	}
}

// The frame loop of gobwas/ws's README: control frames are handled and
// skipped, which is not a continue on the read's error.
func nextFrameLoop(conn net.Conn) error {
	r := wsutil.NewReader(conn, ws.StateServerSide)
	ch := wsutil.ControlHandler{Src: r, Dst: conn, State: ws.StateServerSide}
	for {
		hdr, err := r.NextFrame()
		if err != nil {
			return err
		}
		if hdr.OpCode.IsControl() {
			if err := ch.Handle(hdr); err != nil {
				return err
			}
			continue
		}
		payload := make([]byte, hdr.Length)
		if _, err := io.ReadFull(r, payload); err != nil {
			return err
		}
		handle(payload)
	}
}

func readerGoroutine(conn net.Conn) <-chan []byte {
	ch := make(chan []byte)
	go func() {
		defer close(ch)
		for {
			msg, err := wsutil.ReadClientText(conn)
			if err != nil {
				return
			}
			ch <- msg
		}
	}()
	return ch
}

// A payload that is not JSON leaves the connection usable.
func decodeErrorContinues(conn net.Conn) {
	for {
		msg, err := wsutil.ReadClientText(conn)
		if err != nil {
			return
		}
		var v struct{ Type string }
		err = json.Unmarshal(msg, &v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			continue
		}
		if err != nil {
			return
		}
		fmt.Println(v.Type)
	}
}

func readOutsideLoop(conn net.Conn) []byte {
	msg, _, _ := wsutil.ReadClientData(conn)
	return msg
}

// A user type with look-alike methods is not a WebSocket connection.
type fakeUtil struct{}

func (fakeUtil) ReadClientData(rw io.ReadWriter) ([]byte, ws.OpCode, error) {
	return nil, ws.OpText, nil
}

func lookAlike(u fakeUtil, conn net.Conn) {
	for {
		msg, _, err := u.ReadClientData(conn)
		if err != nil {
			continue
		}
		handle(msg)
	}
}

// The server of gobwas/ws's README.
func serve(w http.ResponseWriter, r *http.Request) {
	conn, _, _, err := ws.UpgradeHTTP(r, w)
	if err != nil {
		return
	}
	go func() {
		defer conn.Close()
		for {
			msg, op, err := wsutil.ReadClientData(conn)
			if err != nil {
				return
			}
			err = wsutil.WriteServerMessage(conn, op, msg)
			if err != nil {
				return
			}
		}
	}()
}

// Regression (found by the first test pass, now handled):
// the close test is a type assertion in the if's init statement,
// so the syntax layer does not see it as an error test (lastErrorTest
// needs the condition to mention err; here it is just `ok`). The
// analyzer reports the default "a failed wsutil.ReadClientData is read
// again" and its fix inserts `if err != nil { break }` right after the
// read, before the close test, which makes the "closed" branch dead.
// Expected: the "only some errors" message and the general exit added
// after the close test, as for errors.As (onlyClosedErrorAs in loop.go).
func onlyClosedError(conn net.Conn) {
	for {
		msg, _, err := wsutil.ReadClientData(conn) // want `only some errors from wsutil.ReadClientData end the loop`
		if _, ok := err.(wsutil.ClosedError); ok {
			log.Println("closed")
			return
		}
		handle(msg)
	}
}

// Expected fix:
//
//	for {
//		msg, _, err := wsutil.ReadClientData(conn)
//		if _, ok := err.(wsutil.ClosedError); ok {
//			log.Println("closed")
//			return
//		}
//		if err != nil {
//			break
//		}
//		handle(msg)
//	}

// Regression (found by the first test pass, now handled):
// the same with a type switch; same wrong message, and the fix
// again goes before the switch, so the ClosedError case never runs.
// Expected: the "only some errors" message and the general exit after
// the switch.
func onlyClosedErrorSwitch(conn net.Conn) {
	for {
		msg, _, err := wsutil.ReadClientData(conn) // want `only some errors from wsutil.ReadClientData end the loop`
		switch err.(type) {
		case wsutil.ClosedError:
			log.Println("closed")
			return
		}
		handle(msg)
	}
}

// Regression (found by the first test pass, now handled):
// missed bug. The wsutil.Reader is made anew in each iteration
// around the same conn; the analyzer takes the reader as the connection
// and treats its re-creation as a reconnect (errstate ends the path at
// the value that is the connection's root), so nothing is reported. But
// conn has failed: every NextFrame fails at once and the loop spins.
// Expected: the diagnostic below and `continue` replaced by `break`.
func readerPerIteration(conn net.Conn) {
	for {
		r := wsutil.NewReader(conn, ws.StateServerSide)
		hdr, err := r.NextFrame() // want `r.NextFrame failed and the loop continues`
		if err != nil {
			continue
		}
		payload := make([]byte, hdr.Length)
		if _, err := r.Read(payload); err != nil {
			return
		}
		handle(payload)
	}
}
