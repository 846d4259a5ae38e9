package recipients

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestReadHostKey(t *testing.T) {
	ed := readTestdata(t, "ed25519.pub")
	rsa := readTestdata(t, "rsa2048.pub")
	r, err := ReadHostKey(strings.NewReader(ed))
	if err != nil || r.Kind != SSHEd25519 || r.Comment != "throwaway@test" {
		t.Fatalf("ReadHostKey = %v, %v", r, err)
	}
	if r2, err := ReadHostKeyFile("testdata/ed25519.pub"); err != nil || !r2.Equal(r) {
		t.Errorf("ReadHostKeyFile: %v", err)
	}
	for _, tc := range []struct{ in, want string }{
		{"", "no key found"},
		{"# comment only\n", "no key found"},
		{ed + rsa, "2 keys found, want exactly one"},
		{"ssh-ed25519 AAAA\n", "line 1"},
		{strings.Repeat("#", 2<<20), "too large"},
		{privateKeyTexts(t)["openssh"], "private key"},
	} {
		if _, err := ReadHostKey(strings.NewReader(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadHostKey(%.20q): %v, want %q", tc.in, err, tc.want)
		}
	}
	keys, err := ReadPublicKeys(strings.NewReader(ed + "\n# x\n" + rsa))
	if err != nil || len(keys) != 2 {
		t.Errorf("ReadPublicKeys: %v %v", keys, err)
	}
	if _, err := ReadHostKeyFile(filepath.Join(t.TempDir(), "nope.pub")); err == nil {
		t.Error("missing file accepted")
	}
	p := filepath.Join(t.TempDir(), "two.pub")
	writeFile(t, p, ed+rsa, 0o644)
	if _, err := ReadHostKeyFile(p); err == nil || !strings.HasPrefix(err.Error(), p+": ") {
		t.Errorf("error should name the file: %v", err)
	}
}
