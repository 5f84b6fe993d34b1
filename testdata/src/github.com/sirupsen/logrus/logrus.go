// Package logrus is a stub of github.com/sirupsen/logrus for analysistest: exact signatures, no logic.
package logrus

type Fields map[string]interface{}

type Logger struct{}

func New() *Logger                                                    { panic("stub") }
func StandardLogger() *Logger                                         { panic("stub") }
func (logger *Logger) WithError(err error) *Entry                     { panic("stub") }
func (logger *Logger) WithField(key string, value interface{}) *Entry { panic("stub") }
func (logger *Logger) Errorf(format string, args ...interface{})      { panic("stub") }
func (logger *Logger) Fatal(args ...interface{})                      { panic("stub") }
func (logger *Logger) Fatalf(format string, args ...interface{})      { panic("stub") }
func (logger *Logger) Panicf(format string, args ...interface{})      { panic("stub") }
func (logger *Logger) Exit(code int)                                  { panic("stub") }

type Entry struct{ Logger *Logger }

func (entry *Entry) WithField(key string, value interface{}) *Entry { panic("stub") }
func (entry *Entry) Error(args ...interface{})                      { panic("stub") }
func (entry *Entry) Fatal(args ...interface{})                      { panic("stub") }
func (entry *Entry) Fatalf(format string, args ...interface{})      { panic("stub") }

// FieldLogger generalizes the Entry and Logger types.
type FieldLogger interface {
	WithField(key string, value interface{}) *Entry
	WithError(err error) *Entry
	Errorf(format string, args ...interface{})
	Fatalf(format string, args ...interface{})
	Fatal(args ...interface{})
	Fatalln(args ...interface{})
	Panic(args ...interface{})
	Panicf(format string, args ...interface{})
	Panicln(args ...interface{})
}

func WithError(err error) *Entry                { panic("stub") }
func Errorf(format string, args ...interface{}) { panic("stub") }
func Error(args ...interface{})                 { panic("stub") }
func Fatal(args ...interface{})                 { panic("stub") }
func Fatalf(format string, args ...interface{}) { panic("stub") }
func Fatalln(args ...interface{})               { panic("stub") }
func Panic(args ...interface{})                 { panic("stub") }

func Panicf(format string, args ...interface{}) { panic("stub") }
func Panicln(args ...interface{})               { panic("stub") }
func Exit(code int)                             { panic("stub") }

func (logger *Logger) Fatalln(args ...interface{}) { panic("stub") }
func (logger *Logger) Panic(args ...interface{})   { panic("stub") }
func (logger *Logger) Panicln(args ...interface{}) { panic("stub") }

func (entry *Entry) Fatalln(args ...interface{})               { panic("stub") }
func (entry *Entry) Panic(args ...interface{})                 { panic("stub") }
func (entry *Entry) Panicf(format string, args ...interface{}) { panic("stub") }
func (entry *Entry) Panicln(args ...interface{})               { panic("stub") }

// StdLogger is what your logrus-enabled library should take.
type StdLogger interface {
	Print(...interface{})
	Printf(string, ...interface{})
	Println(...interface{})
	Fatal(...interface{})
	Fatalf(string, ...interface{})
	Fatalln(...interface{})
	Panic(...interface{})
	Panicf(string, ...interface{})
	Panicln(...interface{})
}
