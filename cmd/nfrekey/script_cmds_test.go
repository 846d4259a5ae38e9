package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/nfrekey/nfrekey/internal/agefile"
)

// scriptCmds are the custom commands of the testscript scripts (wired in
// TestScripts with Cmds: scriptCmds):
//
//	status N PROG ARGS...   run PROG (like exec) and require exit code N
//	stamp FILE...           remember FILE's bytes and mtime
//	unchanged FILE...       FILE has the bytes and mtime stamp recorded (! : it changed)
//	payloadsame A B         the age payloads (bytes after the header) of A and B are identical
//	corruptmac FILE         flip a bit of the header MAC of the binary age file FILE
//
// and those of the add-host/remove-host scripts (script_hostcmds_test.go):
// fleet, treehash, treesame, opens, jsondelta, jsonsame, immutable.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"status":      cmdStatus,
	"stamp":       cmdStamp,
	"unchanged":   cmdUnchanged,
	"payloadsame": cmdPayloadSame,
	"corruptmac":  cmdCorruptMAC,
	"fleet":       cmdFleet,
	"treehash":    cmdTreeHash,
	"treesame":    cmdTreeSame,
	"opens":       cmdOpens,
	"jsondelta":   cmdJSONDelta,
	"jsonsame":    cmdJSONSame,
	"immutable":   cmdImmutable,
}

func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

func fileStamp(ts *testscript.TestScript, name string) string {
	p := ts.MkAbs(name)
	data, err := os.ReadFile(p)
	ts.Check(err)
	st, err := os.Stat(p)
	ts.Check(err)
	sum := sha256.Sum256(data)
	return fmt.Sprintf("%s %d %v", hex.EncodeToString(sum[:]), st.ModTime().UnixNano(), st.Mode())
}

func stampPath(ts *testscript.TestScript, name string) string {
	return filepath.Join(ts.Getenv("WORK"), ".stamps", strings.ReplaceAll(filepath.ToSlash(name), "/", "%")+".stamp")
}

func cmdStamp(ts *testscript.TestScript, neg bool, args []string) {
	for _, a := range args {
		ts.Check(os.MkdirAll(filepath.Dir(stampPath(ts, a)), 0o755))
		ts.Check(os.WriteFile(stampPath(ts, a), []byte(fileStamp(ts, a)), 0o644))
	}
}

func cmdUnchanged(ts *testscript.TestScript, neg bool, args []string) {
	for _, a := range args {
		old, err := os.ReadFile(stampPath(ts, a))
		ts.Check(err)
		same := string(old) == fileStamp(ts, a)
		if same == neg {
			if neg {
				ts.Fatalf("%s did not change", a)
			}
			ts.Fatalf("%s changed (bytes, mtime or mode)", a)
		}
	}
}

func payload(ts *testscript.TestScript, name string) []byte {
	data, err := os.ReadFile(ts.MkAbs(name))
	ts.Check(err)
	h, err := agefile.ReadHeader(bytes.NewReader(data))
	ts.Check(err)
	if h.Armored {
		ts.Fatalf("%s is armored: payloadsame compares binary files", name)
	}
	return data[h.PayloadOffset:]
}

func cmdPayloadSame(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: payloadsame A B")
	}
	if same := bytes.Equal(payload(ts, args[0]), payload(ts, args[1])); same == neg {
		ts.Fatalf("payloads of %s and %s: same=%v", args[0], args[1], same)
	}
}

func cmdCorruptMAC(ts *testscript.TestScript, neg bool, args []string) {
	for _, a := range args {
		p := ts.MkAbs(a)
		data, err := os.ReadFile(p)
		ts.Check(err)
		i := bytes.Index(data, []byte("\n--- "))
		if i < 0 {
			ts.Fatalf("%s: no MAC line", a)
		}
		i += len("\n--- ")
		if data[i] == 'A' {
			data[i] = 'B'
		} else {
			data[i] = 'A'
		}
		ts.Check(os.WriteFile(p, data, 0o644))
	}
}
