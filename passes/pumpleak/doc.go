// Package pumpleak defines an Analyzer that reports goroutines that
// outlive their WebSocket connection.
//
// # Analyzer pumpleak
//
// pumpleak: report goroutines of a connection that nothing stops when its read loop ends
//
// TODO.
package pumpleak
