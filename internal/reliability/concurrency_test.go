package reliability

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nfrekey/nfrekey/internal/txn"
)

// TestSecondRunFailsAtOnce: while one mutating run holds the lock (a real
// nfrekey rekey, caught while its temps are on disk), a second mutating
// run of each kind fails with exit 2 saying the lock is held, changes
// nothing of its own, and the first run still commits.
func TestSecondRunFailsAtOnce(t *testing.T) {
	f := newFleet(t, 150, 6, 2, "lock-marker")
	second := [][]string{
		{"rekey"},
		{"rekey", "--force"},
		{"add-host", "late", "--key", f.newKey("late").pub, "--secret", "secrets/*"},
		{"remove-host", "host0", "--yes"},
	}
	caught := 0
	for attempt := 0; attempt < 20 && caught < len(second); attempt++ {
		cmd := exec.Command(binary(t), f.args("rekey", "--force", "-j", "1")...)
		cmd.Dir = f.dir
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// The first run holds the lock once its temps appear.
		held := false
		for !held {
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("first run: %v", err)
				}
				done <- nil
				held = true // too late: try again
				continue
			default:
			}
			if len(temps(t, f.dir)) > 0 {
				held = true
				r := f.run(second[caught]...)
				if len(temps(t, f.dir)) == 0 {
					break // the first run may have released it meanwhile: not a proof either way
				}
				what := strings.Join(second[caught], " ")
				if r.code != 2 || !strings.Contains(r.stderr, "lock") {
					t.Fatalf("second run %s while the first holds the lock: exit %d, stderr %q; want 2 naming the lock", what, r.code, r.stderr)
				}
				caught++
			}
			time.Sleep(time.Millisecond)
		}
		if err := <-done; err != nil {
			t.Fatalf("first run: %v", err)
		}
	}
	if caught < len(second) {
		t.Fatalf("caught the first run holding the lock %d times of %d", caught, len(second))
	}
	if r := f.run("audit"); r.code != 0 {
		t.Fatalf("audit after: exit %d: %s", r.code, r.stdout)
	}
	f.checkAll()
	t.Logf("second runs refused while the first held the lock: %d", caught)
}

// TestNestedReposSerialise: two repos in one git work tree (the outer
// and a nested one) share the lock at the work tree's top.
func TestNestedReposSerialise(t *testing.T) {
	outer := newFleet(t, 3, 2, 1, "outer-marker")
	if err := os.Mkdir(filepath.Join(outer.dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	innerDir := filepath.Join(outer.dir, "nested")
	os.Mkdir(innerDir, 0o755)
	inner := newFleetAt(t, innerDir, 3, 2, 1, "inner-marker", 0)
	inner.model["secrets/s00000.age"]["host1"] = true
	inner.writeRules()
	outer.model["secrets/s00000.age"]["host1"] = true
	outer.writeRules()
	// Hold the lock as a run on the outer repo does.
	tx, err := txn.Begin(context.Background(), txn.Options{Root: outer.dir})
	if err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, outer.dir)
	for _, f := range []*fleet{inner, outer} {
		r := f.run("rekey")
		if r.code != 2 || !strings.Contains(r.stderr, "lock") || !strings.Contains(r.stderr, outer.dir) {
			t.Errorf("rekey of %s while %s is locked: exit %d, stderr %q; want 2 naming %s", f.dir, outer.dir, r.code, r.stderr, outer.dir)
		}
	}
	if treeHash(t, outer.dir) != before {
		t.Error("a refused run changed the tree")
	}
	tx.Close()
	for _, f := range []*fleet{inner, outer} {
		if r := f.run("rekey"); r.code != 0 {
			t.Fatalf("rekey of %s after the lock is released: exit %d: %s", f.dir, r.code, r.stderr)
		}
		f.checkAll()
	}
}
