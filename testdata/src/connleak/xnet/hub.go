package xnet

import "golang.org/x/net/websocket"

// A hub fed by register and unregister channels; readPump defers the
// unregister send.
type HubClient struct {
	hub  *Hub
	conn *websocket.Conn
	send chan []byte
}

type Hub struct {
	clients    map[*HubClient]bool
	broadcast  chan []byte
	register   chan *HubClient
	unregister chan *HubClient
}

func (h *Hub) run() {
	for {
		select {
		case client := <-h.register:
			h.clients[client] = true
		case client := <-h.unregister:
			if _, ok := h.clients[client]; ok {
				delete(h.clients, client)
				close(client.send)
			}
		case message := <-h.broadcast:
			for client := range h.clients {
				select {
				case client.send <- message:
				default:
					close(client.send)
					delete(h.clients, client)
				}
			}
		}
	}
}

func (c *HubClient) readPump() {
	defer func() {
		c.hub.unregister <- c
		c.conn.Close()
	}()
	for {
		var message []byte
		err := websocket.Message.Receive(c.conn, &message)
		if err != nil {
			break
		}
		c.hub.broadcast <- message
	}
}

func serveWs(hub *Hub, conn *websocket.Conn) {
	client := &HubClient{hub: hub, conn: conn, send: make(chan []byte, 256)}
	client.hub.register <- client
	go client.readPump()
}

// The same hub, but this handler reads itself and never unregisters.
func serveWsLeaky(hub *Hub, conn *websocket.Conn) {
	client := &HubClient{hub: hub, conn: conn, send: make(chan []byte, 256)}
	hub.register <- client // want `client is added to Hub.clients but not removed when the read loop ends`
	for {
		var msg string
		if err := websocket.Message.Receive(conn, &msg); err != nil {
			return
		}
	}
}
