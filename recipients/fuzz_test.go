package recipients

import (
	"encoding/base64"
	"encoding/hex"
	"math/big"
	"os"
	"strings"
	"testing"

	"filippo.io/edwards25519"
)

func oneScalar() *edwards25519.Scalar {
	var b [32]byte
	b[0] = 1
	s, _ := edwards25519.NewScalar().SetCanonicalBytes(b[:])
	return s
}

func fuzzSeeds(f *testing.F) []string {
	var seeds []string
	for _, name := range []string{"ed25519.pub", "rsa2048.pub", "ecdsa.pub"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, string(b))
	}
	// The crafted keys Parse refuses, so that mutations start next to them.
	order8, _ := hex.DecodeString(order8Hex)
	edWire, _ := base64.StdEncoding.DecodeString(strings.Fields(seeds[0])[1])
	rsaB64 := strings.Fields(seeds[1])[1]
	enc := base64.StdEncoding.EncodeToString
	negZero := make([]byte, 32)
	negZero[0], negZero[31] = 1, 0x80
	seeds = append(seeds,
		edLine(order8),
		edLine(make([]byte, 32)),
		edLine(negZero),
		"ssh-ed25519 "+rsaB64,
		"ssh-rsa "+enc(edWire),
		"ssh-ed25519 "+enc(append(append([]byte{}, edWire...), 0, 0, 0, 1, 7)),
		"ssh-ed25519 "+enc(edWire[:len(edWire)-1]),
		"ssh-ed25519 "+enc(sshWire("ssh-ed25519", edWire[19:], []byte("x"))),
		"# keys\n\n"+strings.TrimSpace(seeds[0])+"\n"+edLine(order8)+"\n",
	)
	for _, u := range [][]byte{{0}, {1}, {2}, {9}} { // low order (0, 1), twist, the base point
		if s, err := bech32Encode("age", append(u, make([]byte, 31)...)); err == nil {
			seeds = append(seeds, s)
		}
	}
	return append(seeds,
		"age1pwemqgp26slm0nst6nksaqs85sz75uwr3plune24m68fsedjudusa7sja7",
		"AGE1PWEMQGP26SLM0NST6NKSAQS85SZ75UWR3PLUNE24M68FSEDJUDUSA7SJA7",
		"age1yubikey1qgqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq8ssrj3",
		"age1pq1qqqq",
		"sk-ssh-ed25519@openssh.com AAAA",
		"AGE-SECRET-KEY-1QQQQ",
		"-----BEGIN OPENSSH PRIVATE KEY-----",
		"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGPxeiQfk1la8PZ+0AXZCuL7KJxsiGLI921gEkAvw88d",
		"",
	)
}

// checkRoundTrip: a parsed key prints to a canonical text that parses to
// the same key and prints identically.
func checkRoundTrip(t *testing.T, r Recipient) {
	t.Helper()
	again, err := Parse(r.String())
	if err != nil {
		t.Fatalf("Parse(String()) of %q: %v", r.String(), err)
	}
	if !again.Equal(r) || again.String() != r.String() || again.Kind != r.Kind || again.PluginName != r.PluginName {
		t.Fatalf("round trip changed %q into %q", r.String(), again.String())
	}
	if again.Fingerprint() != r.Fingerprint() || again.Tag() != r.Tag() {
		t.Fatal("fingerprint or tag changed")
	}
	if r.Kind == SSHEd25519 {
		if _, err := r.ToAgeX25519(); err != nil {
			t.Fatalf("ToAgeX25519 of a valid key: %v", err)
		}
	}
	if r.Kind != AgePlugin {
		if _, err := r.AgeRecipient(); err != nil {
			t.Fatalf("AgeRecipient of a valid %v key: %v", r.Kind, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Parse(s)
		if err != nil {
			if strings.Contains(s, "PRIVATE KEY") && strings.Contains(err.Error(), s) {
				t.Fatalf("error echoes the private key text")
			}
			return
		}
		checkRoundTrip(t, r)
		if r.Kind == SSHEd25519 {
			// Only canonical prime-order points get through (an independent
			// check: [l]P is the identity, computed as [l-1]P = -P).
			p, err := new(edwards25519.Point).SetBytes(ed25519Pub(r.Wire()))
			if err != nil {
				t.Fatal(err)
			}
			lm1 := new(edwards25519.Scalar).Subtract(edwards25519.NewScalar(), oneScalar())
			if new(edwards25519.Point).ScalarMult(lm1, p).Equal(new(edwards25519.Point).Negate(p)) != 1 {
				t.Fatalf("accepted a point outside the prime-order subgroup: %q", s)
			}
		}
		if r.Kind == X25519 && !onCurveEuler(new(big.Int).SetBytes(reverse(r.Wire()))) {
			t.Fatalf("accepted an X25519 key off the curve: %q", s)
		}
		if rs, err := ParseList(s); err == nil {
			for _, r := range rs {
				checkRoundTrip(t, r)
			}
		}
	})
}

func FuzzKnownHosts(f *testing.F) {
	ed, _ := os.ReadFile("testdata/ed25519.pub")
	rsa, _ := os.ReadFile("testdata/rsa2048.pub")
	salt := []byte("0123456789abcdefghij")
	for _, s := range []string{
		"web1,10.0.0.1 " + string(ed),
		"[web1]:2222 " + string(rsa),
		HashKnownHostsName("web1", 22, salt) + " " + string(ed),
		"@revoked * " + string(ed) + "web1 " + string(ed),
		"@cert-authority *.example.org " + string(ed),
		"*.example.org,!x.example.org " + string(ed),
		"# comment\n\nweb1\n",
		"|1|abc|def ssh-ed25519 AAAA",
	} {
		f.Add(s, "web1", uint16(22))
		f.Add(s, "x.example.org", uint16(2222))
	}
	f.Fuzz(func(t *testing.T, file, host string, port uint16) {
		kh, err := ParseKnownHosts(strings.NewReader(file), "kh")
		if err != nil {
			return
		}
		keys, err := kh.Lookup(host, int(port))
		if err != nil {
			return
		}
		for _, r := range keys {
			if r.Kind != SSHEd25519 && r.Kind != SSHRSA {
				t.Fatalf("lookup returned a %v key", r.Kind)
			}
			checkRoundTrip(t, r)
			if known, err := kh.Check(host, int(port), r); err != nil || !known {
				t.Fatalf("a key Lookup returns fails Check: %v %v", known, err)
			}
		}
		for _, p := range strings.Split(host, ",") {
			wildcardMatch(p, host)
		}
	})
}
