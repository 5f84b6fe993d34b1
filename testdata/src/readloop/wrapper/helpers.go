package wrapper

import (
	"errors"
	"log"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Session is the shape of many SDK clients: reads take a lock, set a
// deadline, count and log around the library call.
type Session struct {
	mu      sync.Mutex
	conn    *websocket.Conn
	reads   int
	err     error
	errs    chan error
	onError func(error)
	done    chan struct{}
	url     string
}

// --- read wrappers that do more than read ---

func (s *Session) readLocked() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conn.SetReadDeadline(time.Now().Add(time.Minute))
	_, msg, err := s.conn.ReadMessage()
	s.reads++
	if err != nil {
		log.Printf("read %d: %v", s.reads, err)
	}
	return msg, err
}

func (s *Session) readNamed() (msg []byte, err error) {
	s.mu.Lock()
	defer func() { s.mu.Unlock() }()
	_, msg, err = s.conn.ReadMessage()
	return
}

// frame carries the read error in a struct.
type frame struct {
	data []byte
	err  error
}

func (s *Session) readFrame() frame {
	_, msg, err := s.conn.ReadMessage()
	return frame{data: msg, err: err}
}

func (s *Session) readFramePtr() *frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, msg, err := s.conn.ReadMessage()
	return &frame{data: msg, err: err}
}

func lockedContinues(s *Session) {
	for {
		msg, err := s.readLocked() // want `s.readLocked failed and the loop continues`
		if err != nil {
			continue
		}
		_ = msg
	}
}

func namedContinues(s *Session) {
	for {
		msg, err := s.readNamed() // want `s.readNamed failed and the loop continues`
		if err != nil {
			log.Println(err)
			continue
		}
		_ = msg
	}
}

func frameContinues(s *Session) {
	for {
		f := s.readFrame() // want `s.readFrame failed and the loop continues`
		if f.err != nil {
			continue
		}
		_ = f.data
	}
}

func framePtrFallsThrough(s *Session) {
	for {
		f := s.readFramePtr() // want `the error branch of s.readFramePtr falls through`
		if f.err != nil {
			log.Println(f.err)
		}
		_ = f.data
	}
}

func lockedBreaks(s *Session) {
	for {
		if _, err := s.readLocked(); err != nil {
			break
		}
	}
}

func frameReturns(s *Session) error {
	for {
		f := s.readFrame()
		if f.err != nil {
			return f.err
		}
		_ = f.data
	}
}

func framePtrBreaks(s *Session) {
	for {
		if f := s.readFramePtr(); f.err != nil {
			break
		}
	}
}

// --- helpers that swallow the read error ---

func (s *Session) readOne() {
	_, msg, err := s.conn.ReadMessage()
	if err != nil {
		log.Println("read:", err)
		return
	}
	_ = msg
}

func (s *Session) readToChan() {
	_, _, err := s.conn.ReadMessage()
	if err != nil {
		s.errs <- err
	}
}

func (s *Session) readToCallback() {
	if _, _, err := s.conn.ReadMessage(); err != nil {
		s.onError(err)
	}
}

func (s *Session) readToField() {
	if _, _, err := s.conn.ReadMessage(); err != nil {
		s.err = err
	}
}

// readAll is itself a read loop that ends on the error and keeps it.
func (s *Session) readAll() {
	for {
		if _, _, err := s.conn.ReadMessage(); err != nil {
			log.Println(err)
			return
		}
	}
}

func loopsOverReadOne(s *Session) {
	for {
		s.readOne() // want `s.readOne reads s and swallows its error, and the loop calls it again`
	}
}

func loopsOverReadToChan(s *Session) {
	for {
		s.readToChan() // want `s.readToChan reads s and swallows its error`
	}
}

func loopsOverReadToCallback(s *Session) {
	for {
		s.readToCallback() // want `s.readToCallback reads s and swallows its error`
	}
}

func loopsOverReadToField(s *Session) {
	for {
		// nofix: readToField is called in two loops
		s.readToField() // want `s.readToField reads s and swallows its error`
	}
}

func restartsReadAll(s *Session) {
	for {
		s.readAll() // want `s.readAll reads s and swallows its error`
		time.Sleep(time.Second)
	}
}

// The loop leaves on the field the helper sets.
func stopsOnField(s *Session) {
	for s.err == nil {
		s.readToField()
	}
}

// The helper's result says whether the read failed.
func (s *Session) step() bool {
	_, msg, err := s.conn.ReadMessage()
	if err != nil {
		log.Println(err)
		return false
	}
	_ = msg
	return true
}

func (s *Session) stepOK() bool {
	_, _, err := s.conn.ReadMessage()
	return err == nil
}

func (s *Session) stepCount() int {
	_, _, err := s.conn.ReadMessage()
	if err != nil {
		return -1
	}
	return 1
}

func whileStep(s *Session) {
	for s.step() {
	}
}

func breaksOnStep(s *Session) {
	for {
		if !s.stepOK() {
			break
		}
	}
}

func breaksOnCount(s *Session) {
	for {
		if s.stepCount() < 0 {
			return
		}
	}
}

// A helper whose result does not tell failure.
func (s *Session) stepAlwaysTrue() bool {
	_, _, err := s.conn.ReadMessage()
	if err != nil {
		log.Println(err)
	}
	return true
}

func whileAlwaysTrue(s *Session) {
	// nofix: stepAlwaysTrue has a result already
	for s.stepAlwaysTrue() { // want `s.stepAlwaysTrue reads s and swallows its error`
	}
}

// The helper closes the done channel the loop selects on.
func (s *Session) readOrStop() {
	if _, _, err := s.conn.ReadMessage(); err != nil {
		close(s.done)
	}
}

func selectsDone(s *Session) {
	for {
		select {
		case <-s.done:
			return
		default:
			s.readOrStop()
		}
	}
}

// The helper reconnects when its read fails.
func (s *Session) readOrRedial() {
	if _, _, err := s.conn.ReadMessage(); err != nil {
		s.conn, _, _ = websocket.DefaultDialer.Dial(s.url, nil)
	}
}

func loopsOverRedial(s *Session) {
	for {
		s.readOrRedial()
	}
}

// The helper ends the program on a failed read: it swallows nothing.
func (s *Session) readOrDie() {
	if _, _, err := s.conn.ReadMessage(); err != nil {
		log.Fatal(err)
	}
}

func loopsOverDie(s *Session) {
	for {
		s.readOrDie()
	}
}

// A helper started once, not in a loop.
func startsReadAll(s *Session) {
	go s.readAll()
}

// ReadOne is exported for wrapperuse.
func (s *Session) ReadOne() { s.readOne() }

// Step is exported for wrapperuse.
func (s *Session) Step() bool { return s.step() }

// --- the decision to leave carried beside the error ---

func leaveFlag(conn *websocket.Conn) {
	for {
		leave, err := func() (bool, error) {
			_, msg, err := conn.ReadMessage()
			if err != nil {
				return true, err
			}
			if string(msg) == "bye" {
				return true, nil
			}
			return false, nil
		}()
		if leave {
			break
		}
		if err != nil {
			log.Println(err)
		}
	}
}

func (s *Session) handleNext() (done bool, err error) {
	_, msg, err := s.conn.ReadMessage()
	if err != nil {
		return true, err
	}
	return string(msg) == "bye", nil
}

func leaveFlagMethod(s *Session) {
	for {
		done, err := s.handleNext()
		if err != nil {
			log.Println(err)
		}
		if done {
			return
		}
	}
}

// The flag does not say the read failed: false on some failures.
func leaveFlagWrong(conn *websocket.Conn) {
	for {
		leave, err := func() (bool, error) { // want `\(func\(\) \(bool, error\) literal\) failed and the loop continues`
			_, _, err := conn.ReadMessage()
			if websocket.IsCloseError(err, websocket.CloseNormalClosure) {
				return true, nil
			}
			return false, err
		}()
		if leave {
			break
		}
		if err != nil {
			log.Println(err)
			continue
		}
	}
}

// HandleNext is exported for wrapperuse.
func (s *Session) HandleNext() (bool, error) { return s.handleNext() }

var errBye = errors.New("bye")
