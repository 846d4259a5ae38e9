// Package stalltest is a test server that accepts TCP connections on
// 127.0.0.1 and never answers: the host that hangs a scan, for the
// check-hosts tests of both reencrypt/hostcheck and cmd/nfrekey.
package stalltest

import (
	"net"
	"sync"
)

// Listen starts the server; close stops it and drops every connection
// it holds.
func Listen() (addr *net.TCPAddr, close func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	return ln.Addr().(*net.TCPAddr), func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	}, nil
}
