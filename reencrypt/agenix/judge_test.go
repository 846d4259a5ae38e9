package agenix

import (
	"crypto/ed25519"
	"crypto/rand"
	"reflect"
	"strings"
	"testing"

	"filippo.io/age"
	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/recipients"
)

// host is a declared recipient of the judge table: only its key matters.
type host struct {
	name  string
	recip recipients.Recipient
}

func parsed(t *testing.T, name, text string) host {
	t.Helper()
	r, err := recipients.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	return host{name: name, recip: r}
}

func newSSHHost(t *testing.T, name string) host {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return parsed(t, name, strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp))))
}

func newX25519Host(t *testing.T, name string) host {
	id, _ := age.GenerateX25519Identity()
	return parsed(t, name, id.Recipient().String())
}

func newHybridHost(t *testing.T, name string) host {
	id, _ := age.GenerateHybridIdentity()
	return parsed(t, name, id.Recipient().String())
}

// ykRecipient is a syntactically valid age-plugin-yubikey recipient.
const ykRecipient = "age1yubikey1qgqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0jqxwspvz"

func sameStrings(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

func TestJudge(t *testing.T) {
	web1, web2 := newSSHHost(t, "web1"), newSSHHost(t, "web2")
	x1, x2 := newX25519Host(t, "x1"), newX25519Host(t, "x2")
	d := func(hs ...host) []Declared {
		var out []Declared
		for _, h := range hs {
			out = append(out, Declared{Name: h.name, Recipient: h.recip})
		}
		return out
	}
	pq1 := newHybridHost(t, "pq1")
	ykr, err := recipients.Parse(ykRecipient)
	if err != nil {
		t.Fatal(err)
	}
	yk := host{name: "yk", recip: ykr}
	names := newNameIndex()
	for _, h := range []host{web1, web2, x1, x2, pq1, yk} {
		names.add(Declared{Name: h.name, Recipient: h.recip})
	}
	tags := func(hs ...host) []string {
		var out []string
		for _, h := range hs {
			out = append(out, h.recip.Tag())
		}
		return out
	}
	rs := func(hs ...host) []recipients.Recipient {
		var out []recipients.Recipient
		for _, h := range hs {
			out = append(out, h.recip)
		}
		return out
	}
	for _, tc := range []struct {
		name        string
		decl        []Declared
		facts       headerFacts
		trusted     []recipients.Recipient
		status      Status
		add, remove []string
		known       bool
	}{
		{"ssh exact", d(web1, web2), headerFacts{Ed25519: tags(web1, web2)}, nil, StatusOK, nil, nil, true},
		{"ssh add", d(web1, web2), headerFacts{Ed25519: tags(web1)}, nil, StatusStale, []string{"web2"}, nil, true},
		{"ssh remove", d(web1), headerFacts{Ed25519: tags(web1, web2)}, nil, StatusStale, nil, []string{"web2"}, true},
		{"x25519 same count", d(web1, x1), headerFacts{Ed25519: tags(web1), Types: map[string]int{"X25519": 1}}, nil, StatusUnverified, nil, nil, false},
		{"x25519 none in file", d(web1, x1), headerFacts{Ed25519: tags(web1)}, nil, StatusStale, []string{"x1"}, nil, true},
		{"x25519 extra", d(web1), headerFacts{Ed25519: tags(web1), Types: map[string]int{"X25519": 2}}, nil, StatusStale, nil, []string{"2 unidentified X25519 recipient(s)"}, false},
		{"x25519 count differs", d(x1, x2), headerFacts{Types: map[string]int{"X25519": 1}}, nil, StatusStale, []string{"x1", "x2"}, []string{"1 unidentified X25519 recipient(s)"}, false},
		{"lock exact", d(web1, x1), headerFacts{Ed25519: tags(web1), Types: map[string]int{"X25519": 1}}, rs(web1, x1), StatusOK, nil, nil, true},
		{"lock swap", d(web1, x2), headerFacts{Ed25519: tags(web1), Types: map[string]int{"X25519": 1}}, rs(web1, x1), StatusStale, []string{"x2"}, []string{"x1"}, true},
		{"lock add", d(web1, x1, x2), headerFacts{Ed25519: tags(web1), Types: map[string]int{"X25519": 1}}, rs(web1, x1), StatusStale, []string{"x2"}, nil, true},
		{"grease ignored", d(web1), headerFacts{Ed25519: tags(web1)}, nil, StatusOK, nil, nil, true},
		// Item: stanzas no declared recipient can account for are not ignored.
		{"plugin intruder", d(web1), headerFacts{Ed25519: tags(web1), Types: map[string]int{"piv-p256": 1}}, nil, StatusStale, nil, []string{"1 unidentified piv-p256 recipient(s)"}, false},
		{"hybrid intruder", d(web1), headerFacts{Ed25519: tags(web1), Types: map[string]int{"mlkem768x25519": 1}}, nil, StatusStale, nil, []string{"1 unidentified mlkem768x25519 recipient(s)"}, false},
		{"hybrid declared", d(pq1), headerFacts{Types: map[string]int{"mlkem768x25519": 1}}, nil, StatusUnverified, nil, nil, false},
		{"hybrid not an X25519", d(pq1), headerFacts{Types: map[string]int{"X25519": 1}}, nil, StatusStale, []string{"pq1"}, []string{"1 unidentified X25519 recipient(s)"}, false},
		{"hybrid lock exact", d(pq1), headerFacts{Types: map[string]int{"mlkem768x25519": 1}}, rs(pq1), StatusOK, nil, nil, true},
		{"yubikey declared", d(web1, yk), headerFacts{Ed25519: tags(web1), Types: map[string]int{"piv-p256": 1}}, nil, StatusUnverified, nil, nil, false},
		{"yubikey plus intruder", d(yk), headerFacts{Types: map[string]int{"piv-p256": 1, "foo": 1}}, nil, StatusStale, nil, []string{"1 unidentified foo recipient(s)"}, false},
		{"scrypt", d(web1), headerFacts{Types: map[string]int{"scrypt": 1}}, nil, StatusStale, []string{"web1"}, []string{"1 unidentified scrypt recipient(s)"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := judge(tc.decl, tc.facts, tc.trusted, names)
			if v.status != tc.status || !sameStrings(v.add, tc.add) || !sameStrings(v.remove, tc.remove) || v.known != tc.known {
				t.Errorf("got %s +%v -%v known=%v, want %s +%v -%v known=%v", v.status, v.add, v.remove, v.known, tc.status, tc.add, tc.remove, tc.known)
			}
		})
	}
}
