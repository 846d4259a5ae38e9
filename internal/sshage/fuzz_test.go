package sshage_test

import (
	"crypto/ed25519"
	"testing"

	"filippo.io/age"
	"filippo.io/age/agessh"

	"github.com/nfrekey/nfrekey/internal/sshage"
)

// FuzzUnwrap feeds arbitrary ssh-ed25519 stanza arguments and bodies, next
// to a valid stanza, to Unwrap: it must not panic, and must do what agessh
// does (same file key, same ErrIncorrectIdentity, same error text).
func FuzzUnwrap(f *testing.F) {
	// A fixed key, so that the corpus stays meaningful across runs.
	priv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	ours, err := sshage.NewIdentity(priv)
	if err != nil {
		f.Fatal(err)
	}
	theirs, err := agessh.NewEd25519Identity(priv)
	if err != nil {
		f.Fatal(err)
	}
	fileKey := []byte("YELLOW SUBMARINE")
	valid, err := ours.Recipient().Wrap(fileKey)
	if err != nil {
		f.Fatal(err)
	}
	v := valid[0]
	f.Add(v.Args[0], v.Args[1], "", 2, v.Body, false)
	f.Add(v.Args[0], v.Args[1], "", 2, v.Body, true)
	f.Add(v.Args[0], "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "", 2, v.Body, true)
	f.Add("AAAAAA", v.Args[1], "", 2, v.Body, false)
	f.Add(v.Args[0], v.Args[1], "x", 3, []byte{}, true)
	f.Add(v.Args[0], "!", "", 1, v.Body[:5], false)
	f.Fuzz(func(t *testing.T, tag, share, extra string, nargs int, body []byte, thenValid bool) {
		args := []string{tag, share, extra}
		if nargs < 0 || nargs > len(args) {
			nargs = 2
		}
		stanzas := []*age.Stanza{{Type: "ssh-ed25519", Args: args[:nargs], Body: body}}
		if thenValid {
			stanzas = append(stanzas, v)
		}
		got := outcome(ours.Unwrap(stanzas))
		want := outcome(theirs.Unwrap(stanzas))
		if got != want {
			t.Fatalf("ours %s, agessh %s", got, want)
		}
	})
}
