package handlers

import (
	"bytes"
	"encoding/binary"
	"net"
	"sync"
	"time"

	"github.com/fasthttp/websocket"

	"github.com/roundtable-kit/roundtable/live"
)

// Frames that wait together go out together. At a game's reveal each
// phone's queue holds its slide and, right behind it, its own rank; the
// writer takes what is already queued (up to maxBatch frames, batchBytes
// bytes) and writes it as consecutive WebSocket frames in one write: one
// system call and one TCP segment instead of two, and the phone reads both
// at once. A frame waiting alone is written as before (a broadcast one
// prepared once for every connection).

const (
	maxBatch   = 8
	batchBytes = 16 << 10
)

// writeQueued writes f (ok false: the queue ended) and the frames queued
// behind it, as the writer's loop would one by one: a bye waits for the
// replies before it (repliesBeforeBye), the end of the queue sends a close.
// It reports whether the writer goes on. Writer goroutine only.
func (c *conn) writeQueued(f *live.Frame, ok bool) bool {
	for {
		if !ok {
			c.wmu.Lock()
			c.ws.SetWriteDeadline(time.Now().Add(time.Second))
			c.ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
			c.shut = true
			c.wmu.Unlock()
			return false
		}
		bye := bytes.HasPrefix(f.Data, byePrefix)
		if bye && !c.repliesBeforeBye() {
			return false
		}
		var next *live.Frame
		var nextOK, have bool
		if !bye {
			var batch []*live.Frame
			batch, next, nextOK, have = c.more(append(c.batch[:0], f))
			if len(batch) > 1 {
				err := c.writeBatch(batch)
				clear(batch) // the frames are not held past their write
				c.batch = batch[:0]
				if err != nil {
					return false
				}
				if !have {
					return true
				}
				f, ok = next, nextOK
				continue
			}
		}
		if c.writeOne(f, bye) != nil {
			return false
		}
		if !have {
			return true
		}
		f, ok = next, nextOK
	}
}

// writeOne writes one frame: a broadcast one as prepared once for every
// connection, a connection's own as it is. A bye is marked said in the same
// hold of wmu, so that no reply the reader writes itself follows it.
func (c *conn) writeOne(f *live.Frame, bye bool) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.shut {
		return net.ErrClosed
	}
	c.saidBye = c.saidBye || bye
	c.ws.SetWriteDeadline(time.Now().Add(writeWait))
	if f.Single() { // one connection's own message: nothing to share
		return c.ws.WriteMessage(websocket.TextMessage, f.Data)
	}
	if pm, _ := f.Prepared(prepare).(*websocket.PreparedMessage); pm != nil {
		return c.ws.WritePreparedMessage(pm)
	}
	return c.ws.WriteMessage(websocket.TextMessage, f.Data)
}

var batchBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// more takes the frames already queued behind f, without waiting, into
// batch. A bye or the end of the queue is not taken in: it is returned
// (next, with ok false at the end) for the writer to handle as usual.
func (c *conn) more(batch []*live.Frame) (out []*live.Frame, next *live.Frame, ok, have bool) {
	size := 0
	for _, f := range batch {
		size += len(f.Data)
	}
	for len(batch) < maxBatch && size < batchBytes {
		select {
		case f, open := <-c.sub.Out():
			if !open || bytes.HasPrefix(f.Data, byePrefix) {
				return batch, f, open, true
			}
			batch = append(batch, f)
			size += len(f.Data)
		default:
			return batch, nil, false, false
		}
	}
	return batch, nil, false, false
}

// writeBatch writes text frames in one write to the socket. Server frames
// are not masked and not compressed (wsConfig), so each is a 2-, 4- or
// 10-byte header and the message. Data frames are written under wmu, so
// no reply lands inside the batch; a pong the reader writes meanwhile goes
// through the library as one write of its own, and one write of ours is
// never split by another, so it lands before or after the batch too.
func (c *conn) writeBatch(batch []*live.Frame) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.shut {
		return net.ErrClosed
	}
	b := batchBufs.Get().(*bytes.Buffer)
	defer batchBufs.Put(b)
	b.Reset()
	var h [10]byte
	for _, f := range batch {
		b.Write(frameHeader(h[:0], len(f.Data)))
		b.Write(f.Data)
	}
	nc := c.ws.NetConn()
	if err := nc.SetWriteDeadline(time.Now().Add(writeWait)); err != nil {
		return err
	}
	_, err := nc.Write(b.Bytes())
	if b.Cap() > 64<<10 {
		b.Reset()
		*b = bytes.Buffer{} // a rare big batch is not kept in the pool
	}
	return err
}

// frameHeader is a final, unmasked text frame's header for n bytes
// (RFC 6455 §5.2).
func frameHeader(h []byte, n int) []byte {
	h = append(h, 0x81)
	switch {
	case n < 126:
		return append(h, byte(n))
	case n <= 0xFFFF:
		return binary.BigEndian.AppendUint16(append(h, 126), uint16(n))
	default:
		return binary.BigEndian.AppendUint64(append(h, 127), uint64(n))
	}
}
