// Package httphead is a stub of github.com/gobwas/httphead for analysistest: exact signatures, no logic.
//
// Only the Option and Parameters types (referenced by the github.com/gobwas/ws
// stub) are provided.
package httphead

type Option struct {
	Name       []byte
	Parameters Parameters
}

func (opt Option) Size() int {
	panic("stub")
}

func (opt Option) Copy(p []byte) Option {
	panic("stub")
}

func (opt Option) Clone() Option {
	panic("stub")
}

func (opt Option) String() string {
	panic("stub")
}

func NewOption(name string, params map[string]string) Option {
	panic("stub")
}

func (opt Option) Equal(b Option) bool {
	panic("stub")
}

type Parameters struct {
}

func (p Parameters) Equal(b Parameters) bool {
	panic("stub")
}

func (p *Parameters) Size() int {
	panic("stub")
}

func (p *Parameters) Copy(dst []byte) (Parameters, []byte) {
	panic("stub")
}

func (p *Parameters) Get(key string) (value []byte, ok bool) {
	panic("stub")
}

func (p *Parameters) Set(key, value []byte) {
	panic("stub")
}

func (p *Parameters) ForEach(cb func(k, v []byte) bool) {
	panic("stub")
}

func (p *Parameters) String() (ret string) {
	panic("stub")
}
