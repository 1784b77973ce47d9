package app

import (
	"bytes"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// The limits of a lingering close: how long, and how many bytes, a refused
// client may go on sending before the connection is closed for good.
const (
	lingerFor = 2 * time.Second
	lingerMax = 64 << 20
)

// lingerListener gives a connection that was answered 413 a lingering
// close, as nginx and Apache do. A body over the server's limit is refused
// on its Content-Length, before it is read; closing the connection while
// the client is still sending it makes the kernel reset it, and the reset
// throws away the 413 JSON the client has not read yet ("connection
// reset"). Instead Close sends FIN after the answer, reads and drops what
// the client still sends (for lingerFor or lingerMax at most), then closes.
type lingerListener struct{ net.Listener }

func (l lingerListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	if tc, ok := c.(*net.TCPConn); ok {
		return &lingerConn{TCPConn: tc}, nil
	}
	return c, nil
}

// lingerConn is every accepted TCP connection: it lingers after a 413, and
// leaves its deadlines where they are when moved by less than a second
// (deadlines.go).
type lingerConn struct {
	*net.TCPConn
	refused atomic.Bool // a 413 was written
	once    sync.Once
	rd, wd  deadline
}

var status413 = []byte("HTTP/1.1 413 ")

func (c *lingerConn) Write(p []byte) (int, error) {
	if bytes.HasPrefix(p, status413) {
		c.refused.Store(true)
	}
	return c.TCPConn.Write(p)
}

func (c *lingerConn) Close() error {
	err := net.ErrClosed
	c.once.Do(func() {
		if !c.refused.Load() {
			err = c.TCPConn.Close()
			return
		}
		err = c.TCPConn.CloseWrite()
		go func() {
			c.SetReadDeadline(time.Now().Add(lingerFor))
			io.Copy(io.Discard, io.LimitReader(c.TCPConn, lingerMax))
			c.TCPConn.Close()
		}()
	})
	return err
}
