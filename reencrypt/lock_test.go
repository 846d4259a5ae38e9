package reencrypt

import (
	"github.com/nfrekey/nfrekey/internal/identity"

	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"filippo.io/age"
)

// tree lists every path under dir.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// TestRepoLockLeavesNoFile: taking the repo lock creates nothing, with or
// without .git: a failed rekey (exit 2) leaves the same files.
func TestRepoLockLeavesNoFile(t *testing.T) {
	for _, withGit := range []bool{false, true} {
		r := newRepo(t)
		if !withGit {
			os.Remove(filepath.Join(r.dir, ".git"))
		}
		encryptTo(t, r.path("a.age"), []byte("x"), false, r.web2) // web1 cannot open it
		r.secret("a.age", 1, r.web2, r.web3)
		before := tree(t, r.dir)
		if _, err := r.rekey(t, RekeyOptions{}); !IsInput(err) {
			t.Fatalf("git=%v: err = %v", withGit, err)
		}
		if after := tree(t, r.dir); !reflect.DeepEqual(after, before) {
			t.Errorf("git=%v: files before %v, after %v", withGit, before, after)
		}
	}
}

// blockingIdentity blocks in Unwrap until released, then declines.
type blockingIdentity struct{ entered, release chan struct{} }

func (b blockingIdentity) Unwrap([]*age.Stanza) ([]byte, error) {
	b.entered <- struct{}{}
	<-b.release
	return nil, age.ErrIncorrectIdentity
}

// TestRekeyConcurrentLock: while one Rekey runs, a second fails at once with
// the lock-held input error.
func TestRekeyConcurrentLock(t *testing.T) {
	r := newRepo(t)
	os.Remove(filepath.Join(r.dir, ".git"))
	encryptTo(t, r.path("a.age"), []byte("x"), false, r.web1)
	r.secret("a.age", 1, r.web1, r.web2)
	b := blockingIdentity{make(chan struct{}, 1), make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		_, err := Rekey(context.Background(), RekeyOptions{RepoRoot: r.dir, Rules: r.rules, Jobs: 1,
			Identities: identity.New(b, r.web1.id[0])})
		done <- err
	}()
	<-b.entered
	_, err := r.rekey(t, RekeyOptions{})
	close(b.release)
	if !IsInput(err) || !strings.Contains(err.Error(), "another nfrekey run holds the lock") {
		t.Errorf("second run: %v", err)
	}
	if err := <-done; err != nil {
		t.Errorf("first run: %v", err)
	}
}

// TestLockDropsUndeclaredKeepsDeclaredAbove: a rekey drops the entries of
// files that exist but are no longer declared (above the rules file's
// directory too), while a declared secret above it ("../up.age") is
// trusted through its entry and keeps it: its X25519 recipients are
// audited exactly, not left unverified.
func TestLockDropsUndeclaredKeepsDeclaredAbove(t *testing.T) {
	r := newRepo(t)
	os.Mkdir(r.path("sub"), 0o755)
	r.rules.File = r.path("sub/secrets.nix")
	os.WriteFile(r.rules.File, []byte("{}\n"), 0o644)
	encryptTo(t, r.path("sub/a.age"), []byte("x"), false, r.web1)
	encryptTo(t, r.path("sub/old.age"), []byte("x"), false, r.web1)
	encryptTo(t, r.path("up.age"), []byte("x"), false, r.web1, r.x1)
	encryptTo(t, r.path("other.age"), []byte("x"), false, r.web1, r.x1)
	r.secret("a.age", 1, r.web1, r.web2)
	r.secret("../up.age", 2, r.web1, r.x1)
	entry := func(file string) string {
		sum, err := fileSHA256(r.path(file))
		if err != nil {
			t.Fatal(err)
		}
		return `{"sha256": "` + sum + `", "recipients": ["` + r.web1.text + `", "` + r.x1.text + `"]}`
	}
	lock := `{"version": 1, "files": {
  "old.age": {"sha256": "00", "recipients": []},
  "../other.age": ` + entry("other.age") + `,
  "./../up.age": ` + entry("up.age") + `}}`
	os.WriteFile(r.path("sub/"+LockFileName), []byte(lock), 0o644)
	for _, s := range r.audit(t).Secrets {
		if s.Path == "up.age" && s.Status != StatusUnverified {
			t.Errorf("up.age trusted through a lock key not in clean form: %s", s.Status)
		}
	}
	if _, err := r.rekey(t, RekeyOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(r.path("sub/" + LockFileName))
	if !strings.Contains(string(data), `"a.age"`) || !strings.Contains(string(data), `"../up.age"`) ||
		strings.Contains(string(data), "old.age") || strings.Contains(string(data), "other.age") {
		t.Errorf("lock file:\n%s", data)
	}
	for _, s := range r.audit(t).Secrets {
		if s.Path == "up.age" && s.Status != StatusOK {
			t.Errorf("up.age after rekey --force: %s, want ok through its lock entry", s.Status)
		}
	}
}
