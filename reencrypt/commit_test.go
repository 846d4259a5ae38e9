package reencrypt

import (
	"github.com/nfrekey/nfrekey/internal/identity"

	"bytes"
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/nfrekey/nfrekey/internal/agefile"
)

// TestRekeyCorruptPayloadWritesNothing: a payload found corrupt (fresh
// re-encryption) or truncated (rewrap) while the temp files are written
// stops the run with an input error naming each bad file, before any
// rename: every file as it was, no temp file left, no plan printed.
func TestRekeyCorruptPayloadWritesNothing(t *testing.T) {
	r := newRepo(t)
	pt := []byte(strings.Repeat("hunter2 ", 20000)) // several chunks
	encryptTo(t, r.path("a.age"), pt, false, r.web1)
	encryptTo(t, r.path("corrupt.age"), pt, false, r.web1, r.web2) // removal: fresh
	encryptTo(t, r.path("short.age"), pt, false, r.web1)           // addition: rewrap
	data, _ := os.ReadFile(r.path("corrupt.age"))
	data[len(data)-100] ^= 1
	os.WriteFile(r.path("corrupt.age"), data, 0o644)
	data, _ = os.ReadFile(r.path("short.age"))
	h, err := agefile.ReadHeader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// A nonce, one full chunk, then a bare tag: a shape age cannot produce.
	end := h.PayloadOffset + agefile.NonceSize + agefile.ChunkSize + 2*agefile.TagSize
	os.WriteFile(r.path("short.age"), data[:end], 0o644)
	r.secret("a.age", 1, r.web1, r.web2)
	r.secret("corrupt.age", 2, r.web1)
	r.secret("short.age", 3, r.web1, r.web3)
	before := tree(t, r.dir)
	files := []string{r.path("a.age"), r.path("corrupt.age"), r.path("short.age")}
	snap := snapshot(t, files...)
	planned := 0
	res, err := r.rekey(t, RekeyOptions{Progress: func(e Event) {
		if e.Kind == EventPlanned {
			planned++
		}
	}})
	var oe *OpenError
	if !IsInput(err) || !errors.As(err, &oe) || len(oe.Files) != 2 ||
		oe.Files[0].Path != "corrupt.age" || oe.Files[1].Path != "short.age" || res.Rekeyed != 0 {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("multi-line error: %q", err)
	}
	if !reflect.DeepEqual(snapshot(t, files...), snap) || !reflect.DeepEqual(tree(t, r.dir), before) {
		t.Error("files changed")
	}
	// No plan is announced for a run that exits 2 (issue 9).
	if planned != 0 {
		t.Errorf("planned events: %d", planned)
	}
}

// TestRekeyInvalidNotPlanned: a selected file whose header cannot be read
// is a phase-1 error (exit 2) and no plan is announced.
func TestRekeyInvalidNotPlanned(t *testing.T) {
	r := newRepo(t)
	encryptTo(t, r.path("a.age"), []byte("x"), false, r.web1)
	os.WriteFile(r.path("bad.age"), []byte("not age"), 0o644)
	r.secret("a.age", 1, r.web1, r.web2)
	r.secret("bad.age", 2, r.web1)
	snap := snapshot(t, r.path("a.age"))
	var events []Event
	_, err := r.rekey(t, RekeyOptions{Progress: func(e Event) { events = append(events, e) }})
	var oe *OpenError
	if !IsInput(err) || !errors.As(err, &oe) || len(oe.Files) != 1 || oe.Files[0].Path != "bad.age" {
		t.Fatalf("err = %v", err)
	}
	if len(events) != 0 {
		t.Errorf("events before a refused run: %+v", events)
	}
	if !reflect.DeepEqual(snapshot(t, r.path("a.age")), snap) {
		t.Error("a.age changed")
	}
	// Nor is a plan announced when a planned file cannot be opened.
	encryptTo(t, r.path("bad.age"), []byte("x"), false, r.web3)
	if _, err := r.rekey(t, RekeyOptions{Progress: func(e Event) { events = append(events, e) }}); !IsInput(err) || len(events) != 0 {
		t.Errorf("unopenable: %v, events %+v", err, events)
	}
}

// TestRekeyCancelRemovesTemps: a cancel before the renames removes every
// temp file and leaves every secret as it was.
func TestRekeyCancelRemovesTemps(t *testing.T) {
	r := newRepo(t)
	encryptTo(t, r.path("a.age"), []byte("x"), false, r.web1)
	encryptTo(t, r.path("b.age"), []byte("x"), false, r.web1)
	r.secret("a.age", 1, r.web1, r.web2)
	r.secret("b.age", 2, r.web1, r.web2)
	before := tree(t, r.dir)
	snap := snapshot(t, r.path("a.age"), r.path("b.age"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := RekeyOptions{RepoRoot: r.dir, Rules: r.rules, Jobs: 1, Identities: identity.New(r.web1.id[0]),
		failWrite: func(string) error { cancel(); return nil }}
	res, err := Rekey(ctx, o)
	if !errors.Is(err, context.Canceled) || IsInput(err) || res.Rekeyed != 0 {
		t.Fatalf("%v %+v", err, res)
	}
	if !reflect.DeepEqual(tree(t, r.dir), before) || !reflect.DeepEqual(snapshot(t, r.path("a.age"), r.path("b.age")), snap) {
		t.Error("files changed")
	}
}

// TestCancelDuringCommitFinishes: a cancel (SIGINT) once the renames have
// started does not stop them: every planned file is committed, the lock
// file too, and the run reports success (the caller then says it was
// interrupted and exits 130).
func TestCancelDuringCommitFinishes(t *testing.T) {
	r := newRepo(t)
	var files []string
	for i, n := range []string{"a.age", "b.age", "c.age"} {
		encryptTo(t, r.path(n), []byte("x"), false, r.web1)
		r.secret(n, i+1, r.web1, r.web2)
		files = append(files, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := RekeyOptions{RepoRoot: r.dir, Rules: r.rules, Identities: identity.New(r.web1.id[0]),
		Progress: func(e Event) {
			if e.Kind == EventCommitting {
				cancel()
			}
		}}
	res, err := Rekey(ctx, o)
	if err != nil || res.Rekeyed != 3 || !res.LockWritten {
		t.Fatalf("%v %+v", err, res)
	}
	for _, s := range r.audit(t).Secrets {
		if s.Status != StatusOK {
			t.Errorf("%s: %s", s.Path, s.Status)
		}
	}
}
