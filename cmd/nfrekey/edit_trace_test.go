package main

import (
	"os"
	"regexp"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// The testscript commands of the edit scripts:
//
//	plaintextonly TRACE MARKER   every write(2) in the strace -f log TRACE whose
//	                             data holds MARKER went to a file under a
//	                             /dev/shm/nfrekey-* or $XDG_RUNTIME_DIR/nfrekey-*
//	                             directory, at least one did, and every such
//	                             directory the log names is gone now
func init() {
	scriptCmds["plaintextonly"] = cmdPlaintextOnly
}

var (
	traceLine  = regexp.MustCompile(`^(\d+) +(.*)$`)
	traceOpen  = regexp.MustCompile(`^openat\([^,]+, "((?:[^"\\]|\\.)*)",.*\) +=\s+(\d+)(?:<[^>]*>)?$`)
	traceClose = regexp.MustCompile(`^close\((\d+)(?:<[^>]*>)?\) +=\s+0$`)
	// With strace -y a write names its file itself (group 2): threads of
	// one process share descriptors, which a per-pid map cannot follow (a
	// descriptor closed and reopened by another thread).
	traceWrite  = regexp.MustCompile(`^write\((\d+)(?:<([^>]*)>)?, "((?:[^"\\]|\\.)*)"`)
	traceDup2   = regexp.MustCompile(`^dup[23]\((\d+), (\d+)(?:, [^)]*)?\) += (\d+)$`)
	traceDupFD  = regexp.MustCompile(`^fcntl\((\d+), F_DUPFD(?:_CLOEXEC)?, \d+\) += (\d+)$`)
	traceMemDir = regexp.MustCompile(`^(/dev/shm|/run/user/\d+|.*/xdg-runtime)/nfrekey-[0-9a-f]{16}`)
)

func cmdPlaintextOnly(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: plaintextonly TRACE MARKER")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	marker := args[1]
	// strace -f interleaves processes: a call another one interrupted is
	// split into "<unfinished ...>" and "<... resumed>"; join them per pid.
	pending := map[string]string{}
	byPid := map[string]map[string]string{} // pid -> fd -> path
	latest := map[string]string{}           // fd -> path last opened by anyone (threads share fds)
	dirs := map[string]bool{}
	found := 0
	for _, raw := range strings.Split(string(data), "\n") {
		m := traceLine.FindStringSubmatch(raw)
		if m == nil {
			continue
		}
		pid, call := m[1], m[2]
		if i := strings.Index(call, " <unfinished ...>"); i >= 0 {
			pending[pid] = call[:i]
			continue
		}
		if strings.HasPrefix(call, "<... ") {
			if i := strings.Index(call, " resumed>"); i >= 0 {
				call = pending[pid] + call[i+len(" resumed>"):]
				delete(pending, pid)
			}
		}
		if byPid[pid] == nil {
			byPid[pid] = map[string]string{}
		}
		fds := byPid[pid]
		if o := traceOpen.FindStringSubmatch(call); o != nil {
			fds[o[2]], latest[o[2]] = o[1], o[1]
			if d := traceMemDir.FindString(o[1]); d != "" {
				dirs[d] = true
			}
			continue
		}
		if c := traceClose.FindStringSubmatch(call); c != nil {
			// A closed descriptor names nothing: a later write to the same
			// number must be matched with the open that reused it.
			delete(fds, c[1])
			delete(latest, c[1])
			continue
		}
		if d := traceDup2.FindStringSubmatch(call); d != nil {
			fds[d[3]] = fds[d[1]]
			continue
		}
		if d := traceDupFD.FindStringSubmatch(call); d != nil {
			fds[d[2]] = fds[d[1]]
			continue
		}
		w := traceWrite.FindStringSubmatch(call)
		if w == nil || !strings.Contains(w[3], marker) {
			continue
		}
		path, ok := w[2], w[2] != ""
		if !ok {
			path, ok = fds[w[1]]
		}
		if !ok {
			path = latest[w[1]]
		}
		if !traceMemDir.MatchString(path) {
			ts.Fatalf("pid %s wrote the plaintext to fd %s = %q, not under the memory directory: %s", pid, w[1], path, raw)
		}
		found++
	}
	if found == 0 {
		ts.Fatalf("no write of %q in the trace: the check proves nothing", marker)
	}
	if len(dirs) == 0 {
		ts.Fatalf("no memory directory in the trace")
	}
	for d := range dirs {
		if _, err := os.Stat(d); err == nil {
			ts.Fatalf("%s is still there", d)
		}
	}
	ts.Logf("%d writes of the plaintext, all under %d memory directories now gone", found, len(dirs))
}
