module wsvet.scan/runtime

go 1.26

require (
	github.com/gorilla/websocket v1.5.3
	github.com/slack-go/slack v0.36.0
	github.com/surrealdb/surrealdb.go v0.2.1
)
