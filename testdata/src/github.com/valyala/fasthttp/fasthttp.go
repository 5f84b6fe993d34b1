// Package fasthttp is a stub of github.com/valyala/fasthttp for analysistest: exact signatures, no logic.
//
// Only RequestCtx (referenced by the github.com/fasthttp/websocket stub) is
// provided; its fields are omitted.
package fasthttp

type RequestCtx struct {
}
