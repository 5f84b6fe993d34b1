package crosspkguse

import (
	"log"

	"github.com/gorilla/websocket"

	"writeafterclose/crosspkg"
)

func handle(msg string) {}

// A write through another package's wrapper, after a direct read.
func sendOnError(c *crosspkg.Client) {
	for {
		_, msg, err := c.Conn.ReadMessage()
		if err != nil {
			c.Send("error: " + err.Error()) // want `c.Send writes to c after c.Conn.ReadMessage failed`
			return
		}
		handle(string(msg))
	}
}

// Both the read and the write go through the other package's wrappers.
func receiveThenSend(c *crosspkg.Client) {
	for {
		msg, err := c.Receive()
		if err != nil {
			if werr := c.Send("goodbye"); werr != nil { // want `c.Send writes to c after c.Receive failed`
				log.Println(werr)
			}
			return
		}
		handle(msg)
	}
}

func broadcastFirst(hub *crosspkg.Hub, c *crosspkg.Client) {
	for {
		msg, err := c.Receive()
		if err != nil {
			hub.Broadcast(c.Name + " left") // want `hub.Broadcast broadcasts to Hub.clients while the connection whose c.Receive failed is still in it`
			hub.Remove(c)
			return
		}
		hub.Broadcast(msg)
	}
}

func announceFirst(room *crosspkg.Room, conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			room.Announce("a user left") // want `room.Announce broadcasts to Room.conns while the connection whose conn.ReadMessage failed is still in it`
			room.Leave(conn)
			return
		}
		room.Announce(string(msg))
	}
}

func deferredRemove(hub *crosspkg.Hub, c *crosspkg.Client) {
	defer hub.Remove(c)
	for {
		msg, err := c.Receive()
		if err != nil {
			// nofix: the removal is deferred; moving it changes more than order
			hub.Broadcast(c.Name + " left") // want `hub.Broadcast broadcasts to Hub.clients while the connection`
			return
		}
		hub.Broadcast(msg)
	}
}

// Close through the exported field, then a write through the wrapper.
func sendAfterClose(c *crosspkg.Client) {
	c.Conn.Close()
	c.Send("late") // want `c.Send writes to c after c.Conn.Close closed it`
}

// --- silent ---

func removeFirst(hub *crosspkg.Hub, c *crosspkg.Client) {
	for {
		msg, err := c.Receive()
		if err != nil {
			hub.Remove(c)
			hub.Broadcast(c.Name + " left")
			return
		}
		hub.Broadcast(msg)
	}
}

func announceAfterLeave(room *crosspkg.Room, conn *websocket.Conn) {
	_, _, err := conn.ReadMessage()
	if err != nil {
		room.Leave(conn)
		room.Announce("a user left")
	}
}

func sendToPeer(c, peer *crosspkg.Client) {
	for {
		msg, err := c.Receive()
		if err != nil {
			peer.Send("your partner left")
			return
		}
		peer.Send(msg)
	}
}

func echo(c *crosspkg.Client) {
	for {
		msg, err := c.Receive()
		if err != nil {
			return
		}
		if err := c.Send(msg); err != nil {
			return
		}
	}
}

// Regression (missed at first, now handled): Lobby.Drop removes conn from Lobby.conns by scanning the
// map's values (delete(l.conns, name) for the entry equal to conn).
// The delete key is a range key, not a parameter, so Drop gets no
// "removes" fact and the broadcast before it is not reported. The fix
// should move lobby.Drop(conn) before lobby.Announce.
func lobbyAnnounceFirst(lobby *crosspkg.Lobby, conn *websocket.Conn) {
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			lobby.Announce("a user left") // want `lobby.Announce broadcasts to Lobby.conns while the connection whose conn.ReadMessage failed is still in it`
			lobby.Drop(conn)
			return
		}
		lobby.Announce(string(msg))
	}
}
