package reencrypt

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"filippo.io/age"

	"github.com/nfrekey/nfrekey/internal/agefile"
	"github.com/nfrekey/nfrekey/internal/identity"
	"github.com/nfrekey/nfrekey/internal/txn"
)

// savingIdentity is web1's identity that, the first time it opens the
// file it is told to, makes another program save that file anew (as
// agenix -e would): the run has opened the old version.
type savingIdentity struct {
	age.Identity
	once sync.Once
	save func()
}

func (s *savingIdentity) Unwrap(st []*age.Stanza) ([]byte, error) {
	k, err := s.Identity.Unwrap(st)
	s.once.Do(s.save)
	return k, err
}

// TestSavedAfterOpenFailsAlone: a file saved by someone else after the run
// opened it fails alone (exit 1, named, left as they saved it); the other
// files are committed. It used to abort the run with "bad age header MAC".
func TestSavedAfterOpenFailsAlone(t *testing.T) {
	r := newRepo(t)
	encryptTo(t, r.path("a.age"), []byte("old"), false, r.web1)
	encryptTo(t, r.path("b.age"), []byte("old"), false, r.web1)
	r.secret("a.age", 1, r.web1, r.web2)
	r.secret("b.age", 2, r.web1, r.web2)
	var theirs []byte
	id := &savingIdentity{Identity: r.web1.id[0], save: func() {
		encryptTo(t, r.path("a.age"), []byte("their new value"), false, r.web1)
		theirs, _ = os.ReadFile(r.path("a.age"))
	}}
	res, err := r.rekey(t, RekeyOptions{Identities: identity.New(id), Jobs: 1})
	if err == nil || IsInput(err) || !errors.Is(err, txn.ErrChanged) || !strings.Contains(err.Error(), "a.age") {
		t.Fatalf("err = %v, want a.age failed as changed, exit 1", err)
	}
	if res.Rekeyed != 1 || len(res.Failed) != 1 || res.Failed[0].Path != "a.age" {
		t.Fatalf("result %+v", res)
	}
	if got, _ := os.ReadFile(r.path("a.age")); !bytes.Equal(got, theirs) {
		t.Error("their save was lost")
	}
	st := statuses(r.audit(t))
	if st["b.age"] != "ok + -" || st["a.age"] != "stale +web2 -" {
		t.Errorf("statuses after: %v", st)
	}
}

// TestRewrapRefusesCorruptPayload: adding a recipient to a file whose
// payload is bit-flipped or truncated at a chunk boundary (a shape age
// allows, so only the chunk tags tell) is exit 2 naming the file, nothing
// written: it used to get a fresh MAC and a lock entry.
func TestRewrapRefusesCorruptPayload(t *testing.T) {
	for _, damage := range []string{"flip", "cut"} {
		t.Run(damage, func(t *testing.T) {
			r := newRepo(t)
			pt := bytes.Repeat([]byte("s"), agefile.ChunkSize+100) // two chunks
			encryptTo(t, r.path("ok.age"), []byte("x"), false, r.web1)
			encryptTo(t, r.path("bad.age"), pt, false, r.web1)
			data, _ := os.ReadFile(r.path("bad.age"))
			h, _ := agefile.ReadHeader(bytes.NewReader(data))
			if damage == "flip" {
				data[len(data)-20] ^= 0x80
			} else {
				data = data[:h.PayloadOffset+agefile.NonceSize+agefile.ChunkSize+agefile.TagSize]
			}
			os.WriteFile(r.path("bad.age"), data, 0o644)
			r.secret("ok.age", 1, r.web1, r.web2)
			r.secret("bad.age", 2, r.web1, r.web2) // an addition: a rewrap
			before := tree(t, r.dir)
			_, err := r.rekey(t, RekeyOptions{})
			var oe *OpenError
			if !IsInput(err) || !errors.As(err, &oe) || len(oe.Files) != 1 || oe.Files[0].Path != "bad.age" {
				t.Fatalf("err = %v, want exit 2 naming bad.age", err)
			}
			if !reflect.DeepEqual(tree(t, r.dir), before) {
				t.Error("files changed")
			}
		})
	}
}

// TestDirectorySwappedForSymlink: a directory replaced by a symlink out of
// the repo after the run opened its files redirects nothing: the file
// there fails alone (exit 1), nothing outside the repo is touched, the
// other files are committed.
func TestDirectorySwappedForSymlink(t *testing.T) {
	r := newRepo(t)
	outside := t.TempDir()
	os.MkdirAll(r.path("d"), 0o755)
	encryptTo(t, r.path("d/x.age"), []byte("x"), false, r.web1)
	encryptTo(t, r.path("y.age"), []byte("y"), false, r.web1)
	r.secret("d/x.age", 1, r.web1, r.web2)
	r.secret("y.age", 2, r.web1, r.web2)
	var outBefore []string
	var moved []byte
	id := &savingIdentity{Identity: r.web1.id[0], save: func() {
		os.Rename(r.path("d"), filepath.Join(outside, "d"))
		os.Symlink(filepath.Join(outside, "d"), r.path("d"))
		outBefore = tree(t, outside)
		moved, _ = os.ReadFile(filepath.Join(outside, "d", "x.age"))
	}}
	res, err := r.rekey(t, RekeyOptions{Identities: identity.New(id), Jobs: 1})
	if err == nil || IsInput(err) || len(res.Failed) != 1 || res.Failed[0].Path != "d/x.age" || res.Rekeyed != 1 {
		t.Fatalf("err %v, result %+v", err, res)
	}
	now, _ := os.ReadFile(filepath.Join(outside, "d", "x.age"))
	if !reflect.DeepEqual(tree(t, outside), outBefore) || !bytes.Equal(now, moved) {
		t.Error("a file outside the repo changed")
	}
}
