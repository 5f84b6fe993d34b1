// Package concurrentwrite defines an Analyzer that reports writes of one
// WebSocket connection from two goroutines at once.
//
// # Analyzer concurrentwrite
//
// concurrentwrite: report a WebSocket connection written by two goroutines at once
//
// TODO
package concurrentwrite
