package reliability

import (
	"bufio"
	"bytes"
	"errors"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// removeFromAll drops host from every secret of the model and writes the
// rules: every file then needs a fresh re-encryption.
func (f *fleet) removeFromAll(host string) (old map[string]map[string]bool) {
	old = cloneModel(f.model)
	for _, set := range f.model {
		delete(set, host)
	}
	f.writeRules()
	return old
}

// checkOldOrNew: every file is to its old or new set with its plaintext.
func (f *fleet) checkOldOrNew(old map[string]map[string]bool) (converted int) {
	f.t.Helper()
	for _, s := range slices.Sorted(maps.Keys(f.model)) {
		got, err := f.checkFile(s, old[s], f.model[s])
		if err != nil {
			f.t.Fatal(err)
		}
		if maps.Equal(got, withOperator(f.model[s])) {
			converted++
		}
	}
	return converted
}

// converge runs rekey and audit, both exit 0, and checks every file.
func (f *fleet) converge() {
	f.t.Helper()
	if r := f.run("rekey"); r.code != 0 {
		f.t.Fatalf("converging rekey: exit %d: %s", r.code, r.stderr)
	}
	if r := f.run("audit"); r.code != 0 {
		f.t.Fatalf("audit: exit %d: %s", r.code, r.stdout)
	}
	if left := temps(f.t, f.dir); len(left) != 0 {
		f.t.Fatalf("temps left: %v", left)
	}
	f.checkAll()
}

// TestDiskFull: a rekey that runs out of space on a small tmpfs fails
// (never exit 0), leaves every file readable to its old or new set, and no
// temp; with space back, the next run converges. Its fleet holds sops
// files too.
func TestDiskFull(t *testing.T) {
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs (needs root and CAP_SYS_ADMIN): %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	f := newFleetAt(t, filepath.Join(mnt, "repo"), 40, 4, 2, "disk-full-marker", 32<<10)
	f.addSops(10, 2, "disk-full-marker")
	// Fill the disk but for room for a few temps.
	filler := filepath.Join(mnt, "filler")
	fill, _ := os.Create(filler)
	chunk := make([]byte, 4096)
	for {
		if _, err := fill.Write(chunk); err != nil {
			break
		}
	}
	fill.Sync()
	st, _ := fill.Stat()
	fill.Truncate(st.Size() - 100<<10)
	fill.Close()
	old := f.removeFromAll("host0")
	r := f.run("rekey", "-j", "1")
	noCrashTrace(t, "rekey on a full disk", r)
	if r.code == 0 {
		t.Fatalf("rekey on a full disk: exit 0, want a failure\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "no space") {
		t.Errorf("rekey on a full disk: stderr does not say so: %s", r.stderr)
	}
	if left := temps(t, f.dir); len(left) != 0 {
		t.Fatalf("temps left after the failed run: %v", left)
	}
	n := f.checkOldOrNew(old)
	t.Logf("disk full: exit %d, %d of %d files converted, stderr: %s", r.code, n, len(f.model), firstLine(r.stderr))
	os.Remove(filler)
	f.converge()
}

// TestImmutableFileAndDir: an immutable file (chattr +i) fails alone
// (exit 1, named, unchanged); an immutable directory fails its files, and
// no other file is held back.
func TestImmutableFileAndDir(t *testing.T) {
	peer := func(err error, out []byte) {
		if err != nil {
			t.Skipf("chattr +i unsupported here: %v: %s", err, out)
		}
	}
	f := newFleet(t, 12, 3, 2, "immutable-marker")
	os.MkdirAll(filepath.Join(f.dir, "ro"), 0o755)
	// Move two secrets into a directory that is made immutable.
	for _, s := range []string{"secrets/s00010.age", "secrets/s00011.age"} {
		to := "ro/" + filepath.Base(s)
		os.Rename(filepath.Join(f.dir, s), filepath.Join(f.dir, to))
		f.model[to], f.plain[to] = f.model[s], f.plain[s]
		delete(f.model, s)
		delete(f.plain, s)
	}
	f.writeRules()
	if r := f.run("rekey"); r.code != 0 { // the lock file exists before the directory freezes
		t.Fatalf("rekey: %d %s", r.code, r.stderr)
	}
	frozen := filepath.Join(f.dir, "secrets/s00003.age")
	out, err := exec.Command("chattr", "+i", frozen).CombinedOutput()
	peer(err, out)
	t.Cleanup(func() { exec.Command("chattr", "-i", frozen).Run() })
	out, err = exec.Command("chattr", "+i", filepath.Join(f.dir, "ro")).CombinedOutput()
	peer(err, out)
	t.Cleanup(func() { exec.Command("chattr", "-i", filepath.Join(f.dir, "ro")).Run() })
	frozenBytes, _ := os.ReadFile(frozen)
	old := f.removeFromAll("host1")
	r := f.run("rekey")
	noCrashTrace(t, "rekey with immutable files", r)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	for _, name := range []string{"secrets/s00003.age", "ro/s00010.age", "ro/s00011.age"} {
		if !old[name]["host1"] {
			continue // not affected by the removal
		}
		if !strings.Contains(r.stderr, name) {
			t.Errorf("%s is not named: %s", name, r.stderr)
		}
	}
	if got, _ := os.ReadFile(frozen); !bytes.Equal(got, frozenBytes) {
		t.Error("the immutable file changed")
	}
	n := f.checkOldOrNew(old)
	if n < len(f.model)-3 {
		t.Errorf("only %d of %d files converted", n, len(f.model))
	}
	exec.Command("chattr", "-i", frozen).Run()
	exec.Command("chattr", "-i", filepath.Join(f.dir, "ro")).Run()
	f.converge()
}

// TestClosedStdout: `nfrekey rekey | head -1` finishes the commit, and a
// run whose report was lost does not exit 0: with stdout closed from the
// start (`nfrekey rekey | true`), every write fails, and the run must
// still commit every file, say so on stderr and exit 1; with stdout closed
// after the first line (head -1), it must not die of SIGPIPE, and exits 1
// whenever it reports a lost write.
func TestClosedStdout(t *testing.T) {
	f := newMixedFleet(t, 110, 10, 4, 2, "stdout-marker")
	for i, headFirst := range []bool{false, true} {
		f.removeFromAll(f.bound[i]) // every file it had is then planned
		cmd := exec.Command(binary(t), f.args("rekey", "-j", "1")...)
		cmd.Dir = f.dir
		var errb bytes.Buffer
		cmd.Stderr = &errb
		var line string
		if headFirst {
			stdout, _ := cmd.StdoutPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, _ = bufio.NewReader(stdout).ReadString('\n')
			stdout.Close() // as head -1 exits
		} else {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			r.Close() // as `| true` has exited before the first write
			cmd.Stdout = w
			err = cmd.Start()
			w.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				t.Fatalf("killed by %v after its first line %q", ws.Signal(), line)
			}
		}
		code := cmd.ProcessState.ExitCode()
		lost := strings.Contains(errb.String(), "writing the output")
		switch {
		case !headFirst && (!lost || code != 1):
			t.Fatalf("stdout closed from the start: exit %d, stderr %q; want exit 1 and the lost write reported", code, errb.String())
		case headFirst && lost && code != 1:
			t.Fatalf("head -1: the lost write is reported but the exit is %d, want 1: %q", code, errb.String())
		case headFirst && !lost && code != 0:
			t.Fatalf("head -1: exit %d: %q", code, errb.String())
		}
		if left := temps(t, f.dir); len(left) != 0 {
			t.Fatalf("temps left: %d", len(left))
		}
		f.checkAll() // every file committed to the new rules
		if r := f.run("audit"); r.code != 0 {
			t.Fatalf("audit: exit %d", r.code)
		}
		t.Logf("closed stdout (head -1: %v): exit %d, stderr %q", headFirst, code, firstLine(errb.String()))
	}
}

// TestSignals: SIGINT or SIGTERM at moments spread over a run: exit 130
// with a message; the tree is either unchanged (the signal came before the
// commit) or fully committed (it came during the renames, which finished
// first); never half. Its fleet holds sops files too, committed in the
// same transaction.
func TestSignals(t *testing.T) {
	rounds := 6
	if testing.Short() {
		rounds = 2
	}
	f := newMixedFleet(t, 135, 15, 4, 2, "signal-marker")
	early, before, after := 0, 0, 0
	span := 300 * time.Millisecond // a run's length, once measured
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	for i := 0; early+before+after < 2*rounds && i < 6*rounds; i++ {
		sig := []syscall.Signal{syscall.SIGINT, syscall.SIGTERM}[i%2]
		host := f.bound[i%len(f.bound)]
		old := cloneModel(f.model)
		// Alternate a removal and an addition of the same host.
		if i%4 < 2 {
			f.removeFromAll(host)
		} else {
			for s := range f.model {
				f.model[s][host] = true
			}
			f.writeRules()
		}
		hashBefore := treeHash(t, f.dir)
		cmd := exec.Command(binary(t), f.args("rekey", "-j", "1")...)
		cmd.Dir = f.dir
		var errb bytes.Buffer
		cmd.Stderr = &errb
		start := time.Now()
		cmd.Start()
		delay := time.Duration(rng.Int64N(int64(span)))
		time.Sleep(delay)
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		code := cmd.ProcessState.ExitCode()
		if err == nil {
			// It finished before the signal: not a case of this test.
			span = time.Since(start)
			f.converge()
			continue
		}
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			// Delivered before the Go runtime took the signal over,
			// before main ran: nothing can have been written.
			if treeHash(t, f.dir) != hashBefore {
				t.Fatalf("%v killed the run early, and the tree changed", sig)
			}
			early++
			f.converge()
			continue
		}
		if code != 130 || !strings.Contains(errb.String(), "interrupt") {
			t.Fatalf("%v after %v: exit %d (%v), stderr %q; want 130 and a message", sig, delay, code, err, errb.String())
		}
		if left := temps(t, f.dir); len(left) != 0 {
			t.Fatalf("%v: temps left: %d", sig, len(left))
		}
		n := f.checkOldOrNew(old)
		switch {
		case treeHash(t, f.dir) == hashBefore:
			before++
		case n == len(f.model):
			after++
		default:
			t.Fatalf("%v: half a commit: %d of %d files converted", sig, n, len(f.model))
		}
		f.converge()
	}
	t.Logf("signals: %d before main (default action, nothing changed), %d before the commit (exit 130, nothing changed), %d during it (exit 130, finished)", early, before, after)
	if before == 0 {
		t.Error("no signal landed before the commit")
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
