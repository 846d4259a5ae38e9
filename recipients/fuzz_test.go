package recipients

import (
	"os"
	"strings"
	"testing"
)

func fuzzSeeds(f *testing.F) []string {
	var seeds []string
	for _, name := range []string{"ed25519.pub", "rsa2048.pub", "ecdsa.pub"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, string(b))
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
