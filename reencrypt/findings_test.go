package reencrypt

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nfrekey/nfrekey/secretsnix"
)

// TestUnusedKeyFindings: a binding whose value parses as a key that no
// secret declares is an "unused-key" finding at the binding; other
// strings, keys used (under any name) and broken keys are not.
func TestUnusedKeyFindings(t *testing.T) {
	r := newRepo(t)
	rules := r.rules.File
	other := filepath.Join(r.dir, "keys", "hosts.nix")
	bind := func(name, text, file string, line int) secretsnix.Binding {
		return secretsnix.Binding{Name: name, Text: text, File: file, Line: line, Col: 3}
	}
	for _, tc := range []struct {
		name     string
		bindings []secretsnix.Binding
		want     []string // kind file:line message
	}{
		{"none", nil, nil},
		{"used", []secretsnix.Binding{bind("web1", r.web1.text, rules, 2)}, nil},
		{"used under another name", []secretsnix.Binding{bind("alias", r.web1.text+"\n", rules, 2)}, nil},
		{"not a key", []secretsnix.Binding{bind("owner", "root", rules, 2), bind("bad", "ssh-ed25519 garbage", rules, 3)}, nil},
		{"unused", []secretsnix.Binding{bind("web1", r.web1.text, rules, 2), bind("web3", r.web3.text, rules, 4)},
			[]string{"unused-key secrets.nix:4 key web3 (secrets.nix:4) is bound but used by no secret"}},
		{"unused x25519 in another file", []secretsnix.Binding{bind("x1", r.x1.text, other, 7)},
			[]string{"unused-key keys/hosts.nix:7 key x1 (keys/hosts.nix:7) is bound but used by no secret"}},
		{"twice", []secretsnix.Binding{bind("a", r.web2.text, rules, 5), bind("b", r.web2.text, rules, 6)},
			[]string{
				"unused-key secrets.nix:5 key a (secrets.nix:5) is bound but used by no secret",
				"unused-key secrets.nix:6 key b (secrets.nix:6) is bound but used by no secret",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r.rules.Secrets = []secretsnix.Secret{{Name: "a.age", PublicKeys: keys(r.web1), Line: 9, Col: 3}}
			r.rules.Bindings = tc.bindings
			inv, err := Audit(context.Background(), AuditOptions{RepoRoot: r.dir, Rules: r.rules})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range inv.Findings {
				got = append(got, fmt.Sprintf("%s %s:%d %s", f.Kind, f.File, f.Line, f.Message))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findings:\n got %q\nwant %q", got, tc.want)
			}
			if !inv.InSync(true) && inv.Secrets[0].Status != StatusMissing {
				t.Errorf("a finding must not be drift")
			}
		})
	}
}

// TestDuplicateKeyFindingPlace: the duplicate-key finding points at the
// later of the two bindings.
func TestDuplicateKeyFindingPlace(t *testing.T) {
	r := newRepo(t)
	k1 := secretsnix.Key{Text: r.web1.text, Name: "web1", File: r.rules.File, Line: 2, Col: 3}
	k2 := secretsnix.Key{Text: r.web1.text, Name: "web1again", File: r.rules.File, Line: 3, Col: 3}
	r.rules.Secrets = []secretsnix.Secret{{Name: "a.age", PublicKeys: []secretsnix.Key{k1, k2}, Line: 5, Col: 3}}
	inv := r.audit(t)
	if len(inv.Findings) != 1 || inv.Findings[0].Kind != "duplicate-key" || inv.Findings[0].File != "secrets.nix" || inv.Findings[0].Line != 3 {
		t.Errorf("findings = %+v", inv.Findings)
	}
}

// TestInvalidKeyPlace: an invalid key is reported where it is written
// when secretsnix knows it, else at the secret.
func TestInvalidKeyPlace(t *testing.T) {
	r := newRepo(t)
	bad := secretsnix.Key{Text: "ssh-ed25519 garbage", Name: "web1", File: r.rules.File, Line: 2, Col: 3}
	r.rules.Secrets = []secretsnix.Secret{{Name: "a.age", PublicKeys: []secretsnix.Key{bad}, Line: 5, Col: 3}}
	_, err := Audit(context.Background(), AuditOptions{RepoRoot: r.dir, Rules: r.rules})
	if !IsInput(err) || !strings.Contains(err.Error(), "secrets.nix:2:3: secret \"a.age\": key web1: ") {
		t.Errorf("err = %v", err)
	}
	bad.Line, bad.Col, bad.File = 0, 0, ""
	r.rules.Secrets[0].PublicKeys[0] = bad
	_, err = Audit(context.Background(), AuditOptions{RepoRoot: r.dir, Rules: r.rules})
	if !IsInput(err) || !strings.Contains(err.Error(), "secrets.nix:5:3: ") {
		t.Errorf("err = %v", err)
	}
}

// TestArmorMismatch: a file whose armor differs from its rule's is an
// "armor-mismatch" warning (not drift); rekey leaves it as it is while
// it is in sync, and writes the declared armor when it rekeys it anyway.
func TestArmorMismatch(t *testing.T) {
	r := newRepo(t)
	pt := []byte("hunter2")
	encryptTo(t, r.path("bin.age"), pt, false, r.web1)
	encryptTo(t, r.path("arm.age"), pt, true, r.web1)
	encryptTo(t, r.path("same.age"), pt, true, r.web1)
	r.secret("arm.age", 1, r.web1)
	r.secret("bin.age", 2, r.web1)
	r.secret("same.age", 3, r.web1)
	r.rules.Secrets[1].Armor = true // bin.age is binary
	r.rules.Secrets[2].Armor = true
	inv := r.audit(t)
	var got []string
	for _, f := range inv.Findings {
		got = append(got, fmt.Sprintf("%s %s:%d %s", f.Kind, f.File, f.Line, f.Secret))
	}
	want := []string{"armor-mismatch secrets.nix:1 arm.age", "armor-mismatch secrets.nix:2 bin.age"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n got %q\nwant %q", got, want)
	}
	if !inv.InSync(true) {
		t.Error("an armor mismatch is not drift")
	}
	if !strings.Contains(inv.Findings[1].Message, "bin.age is binary but its rule declares armor = true") {
		t.Errorf("message %q", inv.Findings[1].Message)
	}

	// In sync: nothing is rewritten.
	before := snapshot(t, r.path("bin.age"))
	res, err := r.rekey(t, RekeyOptions{})
	if err != nil || res.Rekeyed != 0 {
		t.Fatalf("rekey: %v %+v", err, res)
	}
	if !reflect.DeepEqual(snapshot(t, r.path("bin.age")), before) {
		t.Error("bin.age was touched")
	}
	// Rekeyed anyway (a recipient added): the armor is kept, as the
	// contract promises, and the finding stays.
	for i := range r.rules.Secrets {
		r.rules.Secrets[i].PublicKeys = keys(r.web1, r.web2)
	}
	res, err = r.rekey(t, RekeyOptions{})
	if err != nil || res.Rekeyed != 3 {
		t.Fatalf("rekey: %v %+v", err, res)
	}
	for name, armored := range map[string]bool{"arm.age": true, "bin.age": false, "same.age": true} {
		h, err := readHeaderFile(r.path(name))
		if err != nil || h.Armored != armored {
			t.Errorf("%s: armored %v, want %v (%v)", name, h != nil && h.Armored, armored, err)
		}
		if got, err := decryptWith(r.path(name), r.web2); err != nil || string(got) != "hunter2" {
			t.Errorf("%s: %q %v", name, got, err)
		}
	}
	if inv := r.audit(t); len(inv.Findings) != 2 || !inv.InSync(true) {
		t.Errorf("after rekey: %+v", inv.Findings)
	}
}
