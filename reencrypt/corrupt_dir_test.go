package reencrypt

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/nfrekey/nfrekey/internal/agefile"
	"github.com/nfrekey/nfrekey/internal/txn"
)

// TestCorruptPayloadTouchesNoDirectory: a corrupt payload in a planned
// rekey (bit-flipped for a re-encryption; bit-flipped or cut at a chunk
// boundary for a rewrap) is found while the files are opened, before any
// temp file exists: exit 2 naming it, and its directory is not touched at
// all (no temp created and removed: its mtime stays), nor the tree. The
// directory's mtime is set in the past first, so that any entry created
// in it shows, whatever the clock's granularity.
func TestCorruptPayloadTouchesNoDirectory(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage string
		fresh  bool
	}{
		{"rewrap-flip", "flip", false},
		{"rewrap-cut", "cut", false},
		{"fresh-flip", "flip", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRepo(t)
			os.Mkdir(r.path("s"), 0o755)
			pt := bytes.Repeat([]byte("s"), 2*agefile.ChunkSize+100) // three chunks
			encryptTo(t, r.path("s/ok.age"), []byte("x"), false, r.web1)
			encryptTo(t, r.path("s/bad.age"), pt, false, r.web1, r.web2)
			data, _ := os.ReadFile(r.path("s/bad.age"))
			h, _ := agefile.ReadHeader(bytes.NewReader(data))
			if tc.damage == "flip" {
				data[h.PayloadOffset+agefile.NonceSize+10] ^= 0x80 // in the first chunk
			} else {
				data = data[:h.PayloadOffset+agefile.NonceSize+agefile.ChunkSize+agefile.TagSize]
			}
			os.WriteFile(r.path("s/bad.age"), data, 0o644)
			r.secret("s/ok.age", 1, r.web1, r.web2)
			if tc.fresh {
				r.secret("s/bad.age", 2, r.web1) // a removal: re-encrypted
			} else {
				r.secret("s/bad.age", 2, r.web1, r.web2, r.web3) // an addition: rewrapped
			}
			past := time.Now().Add(-time.Hour).Truncate(time.Second)
			if err := os.Chtimes(r.path("s"), past, past); err != nil {
				t.Fatal(err)
			}
			before := tree(t, r.dir)
			snap := snapshot(t, r.path("s/ok.age"), r.path("s/bad.age"))
			_, err := r.rekey(t, RekeyOptions{})
			var oe *OpenError
			if !IsInput(err) || !errors.As(err, &oe) || len(oe.Files) != 1 || oe.Files[0].Path != "s/bad.age" {
				t.Fatalf("err = %v, want exit 2 naming s/bad.age", err)
			}
			if st, err := os.Stat(r.path("s")); err != nil || !st.ModTime().Equal(past) {
				t.Errorf("the directory of the corrupt file was modified (a temp created there): mtime %v, was %v", st.ModTime(), past)
			}
			if !reflect.DeepEqual(tree(t, r.dir), before) || !reflect.DeepEqual(snapshot(t, r.path("s/ok.age"), r.path("s/bad.age")), snap) {
				t.Error("files changed")
			}
		})
	}
}

// TestRewrittenInPlaceAfterOpenFailsAlone: a file whose bytes change after
// Open verified it, in place and with its size and mtime kept (so that its
// state looks the same), is not rewritten from unverified bytes: it fails
// alone as changed (exit 1, left as they made it), whether it was to be
// rewrapped or re-encrypted; the other file is committed.
func TestRewrittenInPlaceAfterOpenFailsAlone(t *testing.T) {
	for _, fresh := range []bool{false, true} {
		r := newRepo(t)
		pt := bytes.Repeat([]byte("p"), agefile.ChunkSize+100)
		encryptTo(t, r.path("a.age"), pt, false, r.web1, r.web2)
		encryptTo(t, r.path("b.age"), []byte("b"), false, r.web1, r.web2)
		if fresh {
			r.secret("a.age", 1, r.web1)
			r.secret("b.age", 2, r.web1)
		} else {
			r.secret("a.age", 1, r.web1, r.web2, r.web3)
			r.secret("b.age", 2, r.web1, r.web2, r.web3)
		}
		var theirs []byte
		res, err := r.rekey(t, RekeyOptions{Steps: true, Jobs: 1, Progress: func(e Event) {
			if e.Kind != EventOpened || e.File.Path != "a.age" {
				return
			}
			st, _ := os.Stat(r.path("a.age"))
			data, _ := os.ReadFile(r.path("a.age"))
			data[len(data)-30] ^= 1
			f, _ := os.OpenFile(r.path("a.age"), os.O_WRONLY, 0)
			f.WriteAt(data, 0)
			f.Close()
			os.Chtimes(r.path("a.age"), st.ModTime(), st.ModTime())
			theirs = data
		}})
		if err == nil || IsInput(err) || !errors.Is(err, txn.ErrChanged) {
			t.Fatalf("fresh=%v: err = %v, want a.age failed as changed, exit 1", fresh, err)
		}
		if res.Rekeyed != 1 || len(res.Failed) != 1 || res.Failed[0].Path != "a.age" {
			t.Fatalf("fresh=%v: result %+v", fresh, res)
		}
		if got, _ := os.ReadFile(r.path("a.age")); !bytes.Equal(got, theirs) {
			t.Errorf("fresh=%v: their bytes were not left as they are", fresh)
		}
	}
}
