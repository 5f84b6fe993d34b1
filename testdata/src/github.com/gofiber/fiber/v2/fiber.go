// Package fiber is a stub of github.com/gofiber/fiber/v2 for analysistest: exact signatures, no logic.
//
// Only Handler and Ctx (referenced by the github.com/gofiber/contrib/websocket
// stub) are provided; Ctx's fields are omitted.
package fiber

type Handler = func(*Ctx) error

type Ctx struct {
}
