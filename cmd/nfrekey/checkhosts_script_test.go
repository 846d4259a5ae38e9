package main

import (
	"net"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/nfrekey/nfrekey/internal/stalltest"
)

// Script commands for check-hosts (checkhosts_*.txtar):
//
//	freeport VAR...   set each VAR to a loopback TCP port free right now
//	stall VAR         listen on a free loopback port until the script ends,
//	                  accepting connections and never answering; VAR is the port
func init() {
	scriptCmds["freeport"] = cmdFreePort
	scriptCmds["stall"] = cmdStall
}

func cmdFreePort(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: freeport VAR...")
	}
	// All are held open until every port is chosen, so they differ.
	var lns []net.Listener
	defer func() {
		for _, ln := range lns {
			ln.Close()
		}
	}()
	for _, v := range args {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		ts.Check(err)
		lns = append(lns, ln)
		ts.Setenv(v, strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
	}
}

func cmdStall(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: stall VAR")
	}
	addr, stop, err := stalltest.Listen()
	ts.Check(err)
	ts.Setenv(args[0], strconv.Itoa(addr.Port))
	ts.Defer(stop)
}
