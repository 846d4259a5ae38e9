package reencrypt

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/nfrekey/nfrekey/internal/txn"
	"github.com/nfrekey/nfrekey/recipients"
)

func TestStageHostKey(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	repo := t.TempDir()
	dir := filepath.Join(t.TempDir(), "extra") // outside the repo
	stage := func() (*txn.Tx, recipients.HostKey, error) {
		tx, err := txn.Begin(context.Background(), txn.Options{Root: repo})
		if err != nil {
			t.Fatal(err)
		}
		k, _ := recipients.NewHostKey()
		return tx, k, StageHostKey(tx, dir, k)
	}
	keyPath := recipients.HostKeyPath(dir)

	// Aborted: no key left behind.
	tx, _, err := stage()
	if err != nil {
		t.Fatal(err)
	}
	tx.Close()
	if _, err := os.Lstat(keyPath); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("an aborted run left a key: %v", err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(keyPath)); len(ents) != 0 {
		t.Fatalf("an aborted run left %v", ents)
	}

	tx, k, err := stage()
	if err != nil {
		t.Fatal(err)
	}
	if res := tx.Commit(); res.Err() != nil {
		t.Fatal(res.Err())
	}
	tx.Close()
	for path, c := range map[string]struct {
		mode os.FileMode
		data []byte
	}{keyPath: {0o600, k.Private}, keyPath + ".pub": {0o644, k.Public}} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != c.mode {
			t.Errorf("%s: mode %v, want %v", path, fi.Mode(), c.mode)
		}
		if b, _ := os.ReadFile(path); string(b) != string(c.data) {
			t.Errorf("%s: wrong content", path)
		}
	}
	if ents, _ := os.ReadDir(filepath.Dir(keyPath)); len(ents) != 2 {
		t.Errorf("leftover files: %v", ents)
	}

	// Never overwrites, whichever file exists (a dangling symlink too).
	for _, c := range []struct {
		name  string
		setup func()
	}{
		{"both", func() {}},
		{"only pub", func() { os.Remove(keyPath) }},
		{"only key", func() { os.Remove(keyPath + ".pub"); os.WriteFile(keyPath, []byte("x"), 0o600) }},
		{"dangling", func() { os.Remove(keyPath); os.Symlink("/nonexistent", keyPath) }},
	} {
		name := c.name
		c.setup()
		tx, _, err := stage()
		if !errors.Is(err, recipients.ErrKeyExists) || !IsInput(err) {
			t.Errorf("%s: %v", name, err)
		}
		tx.Close()
	}
}
