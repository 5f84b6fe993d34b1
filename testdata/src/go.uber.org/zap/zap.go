// Package zap is a stub of go.uber.org/zap for analysistest: exact signatures, no logic.
package zap

// Field is zapcore.Field in the real package.
type Field struct{}

func Error(err error) Field               { panic("stub") }
func String(key string, val string) Field { panic("stub") }

type Logger struct{}

func NewNop() *Logger                                  { panic("stub") }
func L() *Logger                                       { panic("stub") }
func (log *Logger) Sugar() *SugaredLogger              { panic("stub") }
func (log *Logger) Info(msg string, fields ...Field)   { panic("stub") }
func (log *Logger) Error(msg string, fields ...Field)  { panic("stub") }
func (log *Logger) DPanic(msg string, fields ...Field) { panic("stub") }
func (log *Logger) Panic(msg string, fields ...Field)  { panic("stub") }
func (log *Logger) Fatal(msg string, fields ...Field)  { panic("stub") }
func (log *Logger) With(fields ...Field) *Logger       { panic("stub") }

type SugaredLogger struct{}

func S() *SugaredLogger                                                  { panic("stub") }
func (s *SugaredLogger) Errorf(template string, args ...interface{})     { panic("stub") }
func (s *SugaredLogger) Errorw(msg string, keysAndValues ...interface{}) { panic("stub") }
func (s *SugaredLogger) Fatal(args ...interface{})                       { panic("stub") }
func (s *SugaredLogger) Fatalf(template string, args ...interface{})     { panic("stub") }
func (s *SugaredLogger) Fatalw(msg string, keysAndValues ...interface{}) { panic("stub") }
func (s *SugaredLogger) Fatalln(args ...interface{})                     { panic("stub") }
func (s *SugaredLogger) Panic(args ...interface{})                       { panic("stub") }
func (s *SugaredLogger) Panicf(template string, args ...interface{})     { panic("stub") }
func (s *SugaredLogger) Panicw(msg string, keysAndValues ...interface{}) { panic("stub") }
func (s *SugaredLogger) Panicln(args ...interface{})                     { panic("stub") }
