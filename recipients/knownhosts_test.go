package recipients

import (
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nfrekey/nfrekey/internal/peer"
)

func TestLookupKnownHost(t *testing.T) {
	edA := strings.TrimSpace(readTestdata(t, "ed25519.pub"))
	rsaA := strings.TrimSpace(readTestdata(t, "rsa2048.pub"))
	ecdsa := strings.TrimSpace(readTestdata(t, "ecdsa.pub"))
	pubB, _ := genEd25519(t)
	edB := sshPubText(t, pubB)
	pubC, _ := genEd25519(t)
	edC := sshPubText(t, pubC)
	salt := []byte("0123456789abcdefghij")
	hashedWeb3 := HashKnownHostsName("web3.example.org", 22, salt)
	hashedWeb3Port := HashKnownHostsName("web3.example.org", 2222, salt)

	file := strings.Join([]string{
		"# a comment",
		"",
		"web1,web1.example.org,10.0.0.1 " + edA,
		"web1 " + rsaA,
		"web1 " + ecdsa, // not an age recipient: skipped
		"[web1]:2222 " + edB,
		hashedWeb3 + " " + edB,
		hashedWeb3Port + " " + edC,
		"*.lab.example.org,!secret.lab.example.org " + edC,
		"@cert-authority *.example.org " + edB,
		"@revoked * " + edC,
		"web4 " + edC,
		"web4 " + edA,
		"   web5\t" + edA + "   trailing comment words",
		"WEB6 " + edA,
		"broken-other-host ssh-ed25519 !!!notbase64",
		"lonely-field",
		"|1|garbage|hash " + edA,
	}, "\n")

	for _, tc := range []struct {
		host string
		port int
		want []string
	}{
		{"web1", 22, []string{edA, rsaA}},
		{"web1", 0, []string{edA, rsaA}},
		{"10.0.0.1", 22, []string{edA}},
		{"web1.example.org", 22, []string{edA}},
		{"WEB1", 22, []string{edA, rsaA}}, // host names are case-insensitive
		{"web1", 2222, []string{edB}},
		{"web1", 2200, nil},
		{"web3.example.org", 22, []string{edB}},
		{"web3.example.org", 2222, nil}, // edC is revoked
		{"web3", 22, nil},
		{"a.lab.example.org", 22, nil}, // edC revoked
		{"secret.lab.example.org", 22, nil},
		{"web4", 22, []string{edA}}, // edC revoked
		{"web5", 22, []string{edA}},
		{"web6", 22, []string{edA}},
		{"www.example.org", 22, nil}, // only a CA key
		{"nowhere", 22, nil},
	} {
		got, err := LookupKnownHost(strings.NewReader(file), tc.host, tc.port)
		if err != nil {
			t.Errorf("%s:%d: %v", tc.host, tc.port, err)
			continue
		}
		var texts []string
		for _, r := range got {
			texts = append(texts, r.String())
		}
		var want []string
		for _, w := range tc.want {
			want = append(want, strings.Join(strings.Fields(w)[:2], " "))
		}
		if strings.Join(texts, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:%d = %q, want %q", tc.host, tc.port, texts, want)
		}
	}

	// Negation and wildcards without the revocation getting in the way.
	kh := "*.lab.example.org,!secret.lab.example.org " + edB + "\nh?st " + edA + "\n"
	for host, n := range map[string]int{"a.lab.example.org": 1, "secret.lab.example.org": 0, "lab.example.org": 0, "host": 1, "hoost": 0} {
		got, err := LookupKnownHost(strings.NewReader(kh), host, 22)
		if err != nil || len(got) != n {
			t.Errorf("%s: %v, %v; want %d keys", host, got, err, n)
		}
	}
}

func TestKnownHostsErrors(t *testing.T) {
	ed := strings.TrimSpace(readTestdata(t, "ed25519.pub"))
	for _, tc := range []struct {
		file string
		line int
		want string
	}{
		{"# c\nweb1 ssh-ed25519 !!!\n", 2, "web1.ed25519:2:6: ssh-ed25519 key for web1: bad base64"},
		{"\n\nweb1 ssh-ed25519 AAAA\n", 3, "web1.ed25519:3:6: key for web1: ssh-ed25519 key: its data is truncated"},
		{"web1 " + strings.Replace(ed, "ssh-ed25519", "ssh-rsa", 1) + "\n", 1, "key says ssh-rsa but its data is a ssh-ed25519 key"},
		{"web1 ssh-ed25519 " + b64(sshWire("ssh-ed25519", make([]byte, 32))) + "\n", 1, "low-order point"},
		{"web1 ssh-rsa " + b64(sshWire("ssh-rsa", []byte{1, 0, 1}, []byte{1}, []byte("junk"))) + "\n", 1, "8 trailing bytes"},
		{"web1\n", 1, "has no key"},
		{"web1 ssh-ed25519\n", 1, "has no key"},
		{"@bogus web1 " + ed + "\n", 1, "unknown marker"},
		{"x\n" + "web1 ssh-ed25519 " + b64(sshWire("ssh-ed25519", invalidPoint(t))) + "\n", 2, "not a valid curve point"},
	} {
		kh, err := ParseKnownHosts(strings.NewReader(tc.file), "web1.ed25519")
		if err != nil {
			t.Fatal(err)
		}
		_, err = kh.Lookup("web1", 22)
		var ke *KnownHostsError
		if !errors.As(err, &ke) || ke.Line != tc.line || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want line %d and %q", tc.file, err, tc.line, tc.want)
			continue
		}
		if f, l, _ := ke.Position(); f != "web1.ed25519" || l != tc.line {
			t.Errorf("Position = %s:%d", f, l)
		}
		// Lines about other hosts are not judged.
		if _, err := kh.Lookup("other", 22); err != nil {
			t.Errorf("lookup of another host: %v", err)
		}
	}
	// A short RSA key is skipped, not an error: age just cannot use it.
	short := "web1 ssh-rsa " + b64(mustSSH(t, &shortRSA(t).PublicKey).Marshal()) + "\n"
	if got, err := LookupKnownHost(strings.NewReader(short), "web1", 22); err != nil || len(got) != 0 {
		t.Errorf("short rsa: %v %v", got, err)
	}
	_, err := ParseKnownHosts(strings.NewReader("a "+strings.Repeat("x", 2<<20)), "big")
	if err == nil || !strings.Contains(err.Error(), "too long") {
		t.Errorf("huge line: %v", err)
	}
	if _, err := ReadKnownHostsFile(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestKnownHostsCheck(t *testing.T) {
	ed := strings.TrimSpace(readTestdata(t, "ed25519.pub"))
	r, _ := Parse(ed)
	pubB, _ := genEd25519(t)
	other, _ := Parse(sshPubText(t, pubB))
	rsa, _ := Parse(readTestdata(t, "rsa2048.pub"))
	for _, tc := range []struct {
		file      string
		known     bool
		wantErr   string
		wantMatch bool
	}{
		{"", false, "", false},
		{"web1 " + ed, true, "", false},
		{"web1 " + rsa.String(), false, "", false}, // no ed25519 entry: first use
		{"web1 " + other.String(), true, "web1 presents " + r.Fingerprint() + " but kh lists " + other.Fingerprint(), true},
		{"@revoked * " + ed + "\nweb1 " + ed, true, "marked @revoked", false},
	} {
		kh, _ := ParseKnownHosts(strings.NewReader(tc.file), "kh")
		known, err := kh.Check("web1", 22, r)
		if known != tc.known || (err == nil) != (tc.wantErr == "") || err != nil && !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%q: known=%v err=%v; want %v %q", tc.file, known, err, tc.known, tc.wantErr)
		}
		if errors.Is(err, ErrFingerprintMismatch) != tc.wantMatch {
			t.Errorf("%q: ErrFingerprintMismatch %v", tc.file, err)
		}
	}
}

// ssh-keygen -H hashes names the way we match them, and ssh-keygen -F finds
// the same entries we do.
func TestKnownHostsMatchesSSHKeygen(t *testing.T) {
	keygen := peer.Need(t, "ssh-keygen")
	dir := t.TempDir()
	ed := strings.TrimSpace(readTestdata(t, "ed25519.pub"))
	pubB, _ := genEd25519(t)
	edB := sshPubText(t, pubB)
	plain := "web1.example.org " + ed + "\n[web1.example.org]:2222 " + edB + "\n10.1.2.3 " + edB + "\n"
	path := filepath.Join(dir, "known_hosts")
	writeFile(t, path, plain, 0o600)
	runPeer(t, nil, keygen, "-q", "-H", "-f", path)
	hashed, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(hashed), "web1") || !strings.HasPrefix(string(hashed), "|1|") {
		t.Fatalf("ssh-keygen -H did not hash: %s", hashed)
	}
	for _, tc := range []struct {
		host string
		port int
		want string
	}{
		{"web1.example.org", 22, ed},
		{"web1.example.org", 2222, edB},
		{"10.1.2.3", 22, edB},
	} {
		got, err := LookupKnownHost(strings.NewReader(string(hashed)), tc.host, tc.port)
		if err != nil || len(got) != 1 || got[0].String() != strings.Join(strings.Fields(tc.want)[:2], " ") {
			t.Errorf("%s:%d in hashed file: %v, %v", tc.host, tc.port, got, err)
		}
		name := KnownHostsName(tc.host, tc.port)
		out := string(runPeer(t, nil, keygen, "-F", name, "-f", path))
		if !strings.Contains(out, strings.Fields(tc.want)[1]) {
			t.Errorf("ssh-keygen -F %s: %s", name, out)
		}
	}
}

func b64(b []byte) string { return base64Std(b) }

func shortRSA(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
