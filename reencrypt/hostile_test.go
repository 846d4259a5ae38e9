package reencrypt

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHostileSecretFiles: a FIFO, a device symlink or a directory declared
// as an .age file is invalid at once (audit never blocks on it), and a
// rekey selecting it is exit 2 with one line, nothing written.
func TestHostileSecretFiles(t *testing.T) {
	r := newRepo(t)
	if err := syscall.Mkfifo(r.path("fifo.age"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(r.path("dir.age"), 0o755)
	encryptTo(t, r.path("ok.age"), []byte("x"), false, r.web1)
	r.secret("fifo.age", 1, r.web1)
	r.secret("dir.age", 2, r.web1)
	r.secret("ok.age", 3, r.web1, r.web2)
	done := make(chan struct{})
	go func() {
		defer close(done)
		st := statuses(r.audit(t))
		for _, n := range []string{"fifo.age", "dir.age"} {
			if !strings.HasPrefix(st[n], "invalid") {
				t.Errorf("%s: %s, want invalid", n, st[n])
			}
		}
		before := tree(t, r.dir)
		_, err := r.rekey(t, RekeyOptions{})
		if !IsInput(err) || !strings.Contains(err.Error(), "fifo.age") {
			t.Errorf("rekey: %v", err)
		}
		if after := tree(t, r.dir); len(after) != len(before) {
			t.Error("files changed")
		}
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second): // a hang, not a timing assertion
		t.Fatal("blocked on a FIFO")
	}
}

// TestHostileLockFile: a lock file that is a device or huge is one clear
// error, not an out-of-memory crash.
func TestHostileLockFile(t *testing.T) {
	r := newRepo(t)
	encryptTo(t, r.path("ok.age"), []byte("x"), false, r.web1)
	r.secret("ok.age", 1, r.web1)
	os.Symlink("/dev/zero", r.path(LockFileName))
	_, err := Audit(t.Context(), AuditOptions{RepoRoot: r.dir, Rules: r.rules})
	if err == nil || !strings.Contains(err.Error(), "not a regular file") || strings.Contains(err.Error(), "\n") {
		t.Errorf("lock /dev/zero: %v", err)
	}
}
