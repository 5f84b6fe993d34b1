// Package klog is a stub of k8s.io/klog/v2 for analysistest: exact signatures, no logic.
package klog

func Errorf(format string, args ...interface{}) { panic("stub") }
func Fatal(args ...interface{})                 { panic("stub") }
func Fatalf(format string, args ...interface{}) { panic("stub") }
func Fatalln(args ...interface{})               { panic("stub") }
func FatalDepth(depth int, args ...interface{}) { panic("stub") }
func Exit(args ...interface{})                  { panic("stub") }
func Exitf(format string, args ...interface{})  { panic("stub") }
func Exitln(args ...interface{})                { panic("stub") }
func ExitDepth(depth int, args ...interface{})  { panic("stub") }
