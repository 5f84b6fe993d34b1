// Package require is a stub of github.com/stretchr/testify/require for analysistest: exact signatures, no logic.
package require

// TestingT is an interface wrapper around *testing.T.
type TestingT interface {
	Errorf(format string, args ...interface{})
	FailNow()
}

func NoError(t TestingT, err error, msgAndArgs ...interface{})             { panic("stub") }
func NoErrorf(t TestingT, err error, msg string, args ...interface{})      { panic("stub") }
func Nil(t TestingT, object interface{}, msgAndArgs ...interface{})        { panic("stub") }
func Fail(t TestingT, failureMessage string, msgAndArgs ...interface{})    { panic("stub") }
func FailNow(t TestingT, failureMessage string, msgAndArgs ...interface{}) { panic("stub") }
func Equal(t TestingT, expected interface{}, actual interface{}, msgAndArgs ...interface{}) {
	panic("stub")
}

// Assertions provides assertion methods around the TestingT interface.
type Assertions struct{ t TestingT }

func New(t TestingT) *Assertions                                            { panic("stub") }
func (a *Assertions) NoError(err error, msgAndArgs ...interface{})          { panic("stub") }
func (a *Assertions) Fail(failureMessage string, msgAndArgs ...interface{}) { panic("stub") }

func Failf(t TestingT, failureMessage string, msg string, args ...interface{})    { panic("stub") }
func FailNowf(t TestingT, failureMessage string, msg string, args ...interface{}) { panic("stub") }

func (a *Assertions) Failf(failureMessage string, msg string, args ...interface{})    { panic("stub") }
func (a *Assertions) FailNow(failureMessage string, msgAndArgs ...interface{})        { panic("stub") }
func (a *Assertions) FailNowf(failureMessage string, msg string, args ...interface{}) { panic("stub") }
