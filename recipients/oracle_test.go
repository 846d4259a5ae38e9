package recipients

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/nfrekey/nfrekey/internal/peer"
)

// Fingerprints equal what ssh-keygen -lf prints, for keys ssh-keygen made.
func TestFingerprintMatchesSSHKeygen(t *testing.T) {
	keygen := peer.Need(t, "ssh-keygen")
	dir := t.TempDir()
	for i, tc := range []struct{ typ, bits string }{
		{"ed25519", ""}, {"ed25519", ""}, {"ed25519", ""}, {"rsa", "2048"}, {"rsa", "3072"},
	} {
		path := filepath.Join(dir, fmt.Sprintf("key%d", i))
		args := []string{"-q", "-t", tc.typ, "-N", "", "-C", "oracle", "-f", path}
		if tc.bits != "" {
			args = append(args, "-b", tc.bits)
		}
		runPeer(t, nil, keygen, args...)
		for _, f := range []string{path + ".pub", path} { // -lf works on either half
			out := strings.Fields(string(runPeer(t, nil, keygen, "-l", "-E", "sha256", "-f", f)))
			pubText, err := os.ReadFile(path + ".pub")
			if err != nil {
				t.Fatal(err)
			}
			r, err := Parse(string(pubText))
			if err != nil {
				t.Fatal(err)
			}
			if r.Fingerprint() != out[1] {
				t.Errorf("%s %s: Fingerprint %s, ssh-keygen -lf says %s", tc.typ, f, r.Fingerprint(), out[1])
			}
			// And the age header tag is the first 4 bytes of the same hash.
			sum := sha256.Sum256(r.Wire())
			if r.Tag() != strings.TrimRight(base64Std(sum[:4]), "=") {
				t.Errorf("tag %s", r.Tag())
			}
		}
	}
	// The throw-away .pub files under testdata too.
	for _, name := range []string{"ed25519.pub", "rsa2048.pub", "rsa4096.pub"} {
		out := strings.Fields(string(runPeer(t, nil, keygen, "-l", "-f", "testdata/"+name)))
		r, err := Parse(readTestdata(t, name))
		if err != nil {
			t.Fatal(err)
		}
		if r.Fingerprint() != out[1] {
			t.Errorf("%s: %s, ssh-keygen says %s", name, r.Fingerprint(), out[1])
		}
	}
}

// needNaCl returns a python3 that can import nacl (Debian python3-nacl).
func needNaCl(t testing.TB) string {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		p, err := exec.LookPath(py)
		if err != nil {
			continue
		}
		if exec.Command(p, "-c", "import nacl.bindings").Run() == nil {
			return p
		}
	}
	peer.Missing(t, "python3 with nacl (python3-nacl) is not installed")
	return ""
}

const naclScript = `
import sys, nacl.bindings as b
for line in sys.stdin:
    pk, sk = (bytes.fromhex(x) for x in line.split())
    print(b.crypto_sign_ed25519_pk_to_curve25519(pk).hex(), b.crypto_sign_ed25519_sk_to_curve25519(sk).hex())
`

// ssh-ed25519 -> X25519 equals libsodium's conversion, public and private
// halves, on many keys (one python process for all of them).
func TestToAgeX25519MatchesLibsodium(t *testing.T) {
	py := needNaCl(t)
	const n = 128
	privs := make([]ed25519.PrivateKey, n)
	var in bytes.Buffer
	for i := range privs {
		var seed [32]byte
		seed[0], seed[1] = byte(i), 0xa5
		if i >= n/2 { // half deterministic, half random
			_, privs[i] = genEd25519(t)
		} else {
			privs[i] = ed25519.NewKeyFromSeed(sha256Sum(seed[:]))
		}
		fmt.Fprintf(&in, "%x %x\n", privs[i].Public(), []byte(privs[i]))
	}
	out := strings.Split(strings.TrimSpace(string(runPeer(t, in.Bytes(), py, "-c", naclScript))), "\n")
	if len(out) != n {
		t.Fatalf("python printed %d lines, want %d", len(out), n)
	}
	for i, line := range out {
		f := strings.Fields(line)
		r, err := Parse(sshPubText(t, privs[i].Public()))
		if err != nil {
			t.Fatal(err)
		}
		x, err := r.ToAgeX25519()
		if err != nil {
			t.Fatal(err)
		}
		if got := hex.EncodeToString(x.Wire()); got != f[0] {
			t.Fatalf("key %d: ToAgeX25519 %s, libsodium %s", i, got, f[0])
		}
		id, err := AgeIdentityFromEd25519(privs[i])
		if err != nil {
			t.Fatal(err)
		}
		_, data, err := bech32Decode(id.String())
		if err != nil {
			t.Fatal(err)
		}
		// libsodium returns the clamped scalar; X25519 clamps before use,
		// and age and ssh-to-age keep the unclamped one in the identity.
		data[0] &= 248
		data[31] &= 127
		data[31] |= 64
		if got := hex.EncodeToString(data); got != f[1] {
			t.Fatalf("key %d: identity scalar %s, libsodium %s", i, got, f[1])
		}
		if id.Recipient().String() != x.String() {
			t.Fatalf("key %d: identity's recipient %s != ToAgeX25519 %s", i, id.Recipient(), x)
		}
	}
}

func sha256Sum(b []byte) []byte { s := sha256.Sum256(b); return s[:] }

// What the age CLI encrypts to the converted recipient, the identity derived
// from the ssh key decrypts; what we encrypt to it, age -d with that
// identity decrypts; and it round-trips in process.
func TestAgeIdentityFromEd25519Decrypts(t *testing.T) {
	ageBin := peer.Need(t, "age")
	dir := t.TempDir()
	for i := 0; i < 3; i++ {
		pub, priv := genEd25519(t)
		r, err := Parse(sshPubText(t, pub))
		if err != nil {
			t.Fatal(err)
		}
		x, err := r.ToAgeX25519()
		if err != nil {
			t.Fatal(err)
		}
		id, err := AgeIdentityFromEd25519(priv)
		if err != nil {
			t.Fatal(err)
		}
		msg := []byte(fmt.Sprintf("secret number %d\n", i))

		// age CLI encrypts, we decrypt.
		ct := runPeer(t, msg, ageBin, "-e", "-r", x.String())
		pt, err := decrypt(ct, id)
		if err != nil || !bytes.Equal(pt, msg) {
			t.Fatalf("decrypting age CLI output: %q, %v", pt, err)
		}

		// We encrypt to ToAgeX25519, in process and with the age CLI decrypting.
		ar, err := x.AgeRecipient()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		w, err := age.Encrypt(&buf, ar)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(msg)
		w.Close()
		pt, err = decrypt(buf.Bytes(), id)
		if err != nil || !bytes.Equal(pt, msg) {
			t.Fatalf("in-process round trip: %q, %v", pt, err)
		}
		idFile := filepath.Join(dir, fmt.Sprintf("id%d.txt", i))
		writeFile(t, idFile, id.String()+"\n", 0o600)
		if pt := runPeer(t, buf.Bytes(), ageBin, "-d", "-i", idFile); !bytes.Equal(pt, msg) {
			t.Fatalf("age -d of our ciphertext: %q", pt)
		}

		// The ssh recipient itself also works with the ssh private key file.
		sr, err := r.AgeRecipient()
		if err != nil {
			t.Fatal(err)
		}
		buf.Reset()
		w, _ = age.Encrypt(&buf, sr)
		w.Write(msg)
		w.Close()
		keyFile := writePrivate(t, dir, fmt.Sprintf("ssh%d", i), priv)
		if pt := runPeer(t, buf.Bytes(), ageBin, "-d", "-i", keyFile); !bytes.Equal(pt, msg) {
			t.Fatalf("age -d -i sshkey: %q", pt)
		}
	}
}

func decrypt(ct []byte, id age.Identity) ([]byte, error) {
	r, err := age.Decrypt(bytes.NewReader(ct), id)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
