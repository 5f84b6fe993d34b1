// Package zerolog is a stub of github.com/rs/zerolog for analysistest: exact signatures, no logic.
package zerolog

type Logger struct{}

func Nop() Logger                      { panic("stub") }
func (l *Logger) Error() *Event        { panic("stub") }
func (l *Logger) Warn() *Event         { panic("stub") }
func (l *Logger) Fatal() *Event        { panic("stub") }
func (l *Logger) Panic() *Event        { panic("stub") }
func (l *Logger) Err(err error) *Event { panic("stub") }

type Event struct{}

func (e *Event) Err(err error) *Event                 { panic("stub") }
func (e *Event) Str(key, val string) *Event           { panic("stub") }
func (e *Event) Int(key string, i int) *Event         { panic("stub") }
func (e *Event) Msg(msg string)                       { panic("stub") }
func (e *Event) Msgf(format string, v ...interface{}) { panic("stub") }
func (e *Event) Send()                                { panic("stub") }
