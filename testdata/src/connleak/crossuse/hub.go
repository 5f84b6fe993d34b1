package crossuse

import "github.com/gorilla/websocket"

// gorilla's chat example: the hub goroutine inserts and deletes what it
// receives; readPump defers the unregister send.
type ChatClient struct {
	hub  *Hub
	conn *websocket.Conn
	send chan []byte
}

type Hub struct {
	clients    map[*ChatClient]bool
	broadcast  chan []byte
	register   chan *ChatClient
	unregister chan *ChatClient
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

func (c *ChatClient) readPump() {
	defer func() {
		c.hub.unregister <- c
		c.conn.Close()
	}()
	for {
		_, message, err := c.conn.ReadMessage()
		if err != nil {
			break
		}
		c.hub.broadcast <- message
	}
}

func serveWs(hub *Hub, conn *websocket.Conn) {
	client := &ChatClient{hub: hub, conn: conn, send: make(chan []byte, 256)}
	client.hub.register <- client
	go client.readPump()
}

// The same hub, but this handler reads itself and never unregisters.
func serveWsLeaky(hub *Hub, conn *websocket.Conn) {
	client := &ChatClient{hub: hub, conn: conn, send: make(chan []byte, 256)}
	hub.register <- client // want `client is added to Hub.clients but not removed when the read loop ends`
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}
