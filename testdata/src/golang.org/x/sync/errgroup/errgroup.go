// Package errgroup is a stub of golang.org/x/sync/errgroup for analysistest: exact signatures, no logic.
package errgroup

import "context"

type Group struct{}

func WithContext(ctx context.Context) (*Group, context.Context) { panic("stub") }
func (g *Group) Wait() error                                    { panic("stub") }
func (g *Group) Go(f func() error)                              { panic("stub") }
func (g *Group) TryGo(f func() error) bool                      { panic("stub") }
func (g *Group) SetLimit(n int)                                 { panic("stub") }
