package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"filippo.io/age"
)

// signalRepo is a repo with three stale secrets and the identity opening
// them, in a temp dir.
func signalRepo(t *testing.T) (dir, idFile string) {
	dir = t.TempDir()
	admin, _ := age.GenerateX25519Identity()
	web, _ := age.GenerateX25519Identity()
	idFile = filepath.Join(dir, "admin.txt")
	os.WriteFile(idFile, []byte(admin.String()+"\n"), 0o600)
	rules := `let admin = "` + admin.Recipient().String() + `"; web = "` + web.Recipient().String() + `"; in {
  "a.age".publicKeys = [ admin web ];
  "b.age".publicKeys = [ admin web ];
  "c.age".publicKeys = [ admin web ];
}
`
	os.WriteFile(filepath.Join(dir, "secrets.nix"), []byte(rules), 0o644)
	for _, n := range []string{"a.age", "b.age", "c.age"} {
		var buf bytes.Buffer
		w, _ := age.Encrypt(&buf, admin.Recipient())
		w.Write([]byte("x"))
		w.Close()
		os.WriteFile(filepath.Join(dir, n), buf.Bytes(), 0o600)
	}
	return dir, idFile
}

func snapshotDir(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		out[e.Name()] = string(b)
	}
	return out
}

// runInterrupted runs rekey with signals delivered by send (before the run
// when atStart, else as the renames start) and returns the exit code,
// stderr, and how often the watcher asked to exit at once.
func runInterrupted(t *testing.T, dir, idFile string, n int, atStart bool) (int, string, int32) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr, stdout bytes.Buffer
	var exits atomic.Int32
	in := &interrupts{cancel: cancel, exit: func(int) { exits.Add(1) }}
	sigs := make(chan os.Signal)
	done := make(chan struct{})
	go func() { in.watch(sigs, &stderr); close(done) }()
	send := func() {
		for range n {
			sigs <- os.Interrupt // unbuffered: handled once received
		}
		for in.count.Load() < int32(n) {
			time.Sleep(time.Millisecond) // until the last one is counted
		}
	}
	if atStart {
		send()
	} else {
		in.onCommit = send
	}
	io := &IO{In: strings.NewReader(""), Out: &stdout, Err: &stderr, Interrupts: in}
	code := run(ctx, io, []string{"--repo", dir, "-i", idFile, "rekey"})
	close(sigs)
	<-done
	return code, stderr.String(), exits.Load()
}

func TestSignalBeforeCommitWritesNothing(t *testing.T) {
	dir, id := signalRepo(t)
	before := snapshotDir(t, dir)
	code, stderr, _ := runInterrupted(t, dir, id, 1, true)
	if code != exitInterrupted || !strings.Contains(stderr, "interrupted: nothing was written") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if after := snapshotDir(t, dir); len(after) != len(before) || after["a.age"] != before["a.age"] {
		t.Error("files changed")
	}
}

// One or two signals as the renames start: every rename is finished (no
// half-commit), the run says so and exits 130, and the second signal does
// not stop the process.
func TestSignalDuringCommitFinishes(t *testing.T) {
	for _, n := range []int{1, 2} {
		dir, id := signalRepo(t)
		before := snapshotDir(t, dir)
		code, stderr, exits := runInterrupted(t, dir, id, n, false)
		if code != exitInterrupted || !strings.Contains(stderr, "the renames were finished first") || exits != 0 {
			t.Errorf("%d signals: exit %d, immediate exits %d, stderr %q", n, code, exits, stderr)
		}
		after := snapshotDir(t, dir)
		for _, f := range []string{"a.age", "b.age", "c.age"} {
			if after[f] == before[f] {
				t.Errorf("%d signals: %s not rekeyed: a half-commit", n, f)
			}
		}
		if _, ok := after[".nfrekey.lock"]; !ok {
			t.Errorf("%d signals: lock file not written", n)
		}
	}
}

// A second signal before the commit stops the process at once.
func TestSecondSignalBeforeCommitExits(t *testing.T) {
	var exits atomic.Int32
	var code atomic.Int32
	cancelled := false
	in := &interrupts{cancel: func() { cancelled = true }, exit: func(c int) { exits.Add(1); code.Store(int32(c)) }}
	sigs := make(chan os.Signal, 2)
	sigs <- os.Interrupt
	sigs <- os.Interrupt
	close(sigs)
	in.watch(sigs, &bytes.Buffer{})
	if !cancelled || exits.Load() != 1 || code.Load() != exitInterrupted {
		t.Errorf("cancelled %v, exits %d, code %d", cancelled, exits.Load(), code.Load())
	}
}

func TestRecordingWriter(t *testing.T) {
	r, w, _ := os.Pipe()
	r.Close()
	rw := &recordingWriter{w: w}
	rw.Write([]byte("x")) // EPIPE: SIGPIPE is not ignored in tests, but Go only raises it for fds 1 and 2
	if rw.Err() == nil {
		t.Error("write error not recorded")
	}
}

// TestReportLostOutput: a run that exits 0 but lost its stdout exits 1 and
// says so; a code that already says more is kept; no error, no change.
func TestReportLostOutput(t *testing.T) {
	epipe := errors.New("write /dev/stdout: broken pipe")
	for _, tc := range []struct {
		code   int
		err    error
		want   int
		stderr string
	}{
		{0, nil, 0, ""},
		{2, nil, 2, ""},
		{0, epipe, 1, "nfrekey: writing the output: write /dev/stdout: broken pipe\n"},
		{1, epipe, 1, "nfrekey: writing the output: write /dev/stdout: broken pipe\n"},
		{2, epipe, 2, "nfrekey: writing the output: write /dev/stdout: broken pipe\n"},
		{exitInterrupted, epipe, exitInterrupted, "nfrekey: writing the output: write /dev/stdout: broken pipe\n"},
	} {
		var stderr bytes.Buffer
		if got := reportLostOutput(tc.code, tc.err, &stderr); got != tc.want || stderr.String() != tc.stderr {
			t.Errorf("reportLostOutput(%d, %v) = %d, stderr %q; want %d, %q", tc.code, tc.err, got, stderr.String(), tc.want, tc.stderr)
		}
	}
}

// TestLostOutputReportedOnce: a command whose stdout is a closed pipe
// (nfrekey ls | head -0) says so on one line and exits 1, whether the
// command notices the failed write itself (ls, the --json documents,
// version) or not (audit): not a second line, nor exit 2 as for bad input.
func TestLostOutputReportedOnce(t *testing.T) {
	fleet := t.TempDir()
	if err := os.CopyFS(fleet, os.DirFS("../../fixtures/example")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"ls"}, {"ls", "--json"}, {"rules", "--json"}, {"rules"}, {"audit"}, {"audit", "--format", "json"}, {"version"}, {"version", "--json"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			r.Close()
			defer w.Close()
			out := &recordingWriter{w: w}
			var errb bytes.Buffer
			code := run(context.Background(), &IO{In: strings.NewReader(""), Out: out, Err: &errb}, append([]string{"--repo", fleet}, args...))
			code = reportLostOutput(code, out.Err(), &errb)
			lines := strings.Split(strings.TrimSuffix(errb.String(), "\n"), "\n")
			if code != exitLostOutput || len(lines) != 1 || !strings.HasPrefix(lines[0], "nfrekey: writing the output: ") {
				t.Errorf("exit %d, stderr %q; want exit %d and one line \"nfrekey: writing the output: ...\"", code, errb.String(), exitLostOutput)
			}
		})
	}
}
