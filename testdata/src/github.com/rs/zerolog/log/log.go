// Package log is a stub of github.com/rs/zerolog/log for analysistest: exact signatures, no logic.
package log

import "github.com/rs/zerolog"

var Logger zerolog.Logger

func Error() *zerolog.Event        { panic("stub") }
func Fatal() *zerolog.Event        { panic("stub") }
func Panic() *zerolog.Event        { panic("stub") }
func Err(err error) *zerolog.Event { panic("stub") }
