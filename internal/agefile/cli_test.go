package agefile

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"filippo.io/age/armor"

	"github.com/nfrekey/nfrekey/internal/peer"
)

// cliKey is a key made by age-keygen or ssh-keygen: the file the age CLI
// takes with -i, the recipient string it takes with -r, and the parsed Go
// forms.
type cliKey struct {
	path      string
	recipient string
	id        age.Identity
	r         age.Recipient
}

func ageKeygen(t *testing.T, dir, name string) cliKey {
	t.Helper()
	p := filepath.Join(dir, name)
	if out, err := exec.Command(peer.Need(t, "age-keygen"), "-o", p).CombinedOutput(); err != nil {
		t.Fatalf("age-keygen: %v\n%s", err, out)
	}
	out, err := exec.Command("age-keygen", "-y", p).Output()
	if err != nil {
		t.Fatalf("age-keygen -y: %v", err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ids, err := age.ParseIdentities(f)
	if err != nil || len(ids) != 1 {
		t.Fatalf("parsing %s: %v", p, err)
	}
	rcpt := strings.TrimSpace(string(out))
	r, err := age.ParseX25519Recipient(rcpt)
	if err != nil {
		t.Fatal(err)
	}
	return cliKey{p, rcpt, ids[0], r}
}

func sshKeygen(t *testing.T, dir, name string) cliKey {
	t.Helper()
	p := filepath.Join(dir, name)
	if out, err := exec.Command(peer.Need(t, "ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", p).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	priv, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := os.ReadFile(p + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	id, err := agessh.ParseIdentity(priv)
	if err != nil {
		t.Fatal(err)
	}
	r, err := agessh.ParseRecipient(strings.TrimSpace(string(pub)))
	if err != nil {
		t.Fatal(err)
	}
	return cliKey{p, strings.TrimSpace(string(pub)), id, r}
}

func cliDecrypt(t *testing.T, file []byte, key cliKey) ([]byte, error) {
	t.Helper()
	in := filepath.Join(t.TempDir(), "in.age")
	if err := os.WriteFile(in, file, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("age", "-d", "-i", key.path, in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%v: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	return out, nil
}

// TestCLIInterop: files made by the age CLI, rewrapped (adding a recipient)
// and re-encrypted (removing one) by this package, are decrypted by the age
// CLI exactly as expected.
func TestCLIInterop(t *testing.T) {
	ageBin := peer.Need(t, "age")
	dir := t.TempDir()
	old := ageKeygen(t, dir, "old.key")
	added := ageKeygen(t, dir, "added.key")
	sshKey := sshKeygen(t, dir, "id_ed25519")

	for _, size := range []int{0, 100, 2*ChunkSize + 9} {
		for _, armored := range []bool{false, true} {
			plain := make([]byte, size)
			rand.Read(plain)
			pp := filepath.Join(dir, "plain")
			if err := os.WriteFile(pp, plain, 0o600); err != nil {
				t.Fatal(err)
			}
			enc := filepath.Join(dir, "enc.age")
			args := []string{"-r", old.recipient, "-r", sshKey.recipient, "-o", enc}
			if armored {
				args = append(args, "-a")
			}
			if out, err := exec.Command(ageBin, append(args, pp)...).CombinedOutput(); err != nil {
				t.Fatalf("age encrypt: %v\n%s", err, out)
			}
			file, err := os.ReadFile(enc)
			if err != nil {
				t.Fatal(err)
			}
			h := mustHeader(t, file)
			if h.Armored != armored || h.X25519Count() != 1 {
				t.Fatalf("CLI file header: armored %v, types %q", h.Armored, h.Types())
			}
			if ed, _ := h.SSHTags(); len(ed) != 1 {
				t.Fatalf("SSHTags = %q", ed)
			}
			if err := CheckPayloadShape(int64(len(deArmor(t, file))) - h.PayloadOffset); err != nil {
				t.Fatal(err)
			}

			// Rewrap, opening with the SSH key, adding a new X25519 key.
			fk, err := h.UnwrapFileKey([]age.Identity{sshKey.id})
			if err != nil {
				t.Fatal(err)
			}
			rw := rewrap(t, file, fk, nil, added.r)
			if armored != bytes.HasPrefix(rw, []byte(armor.Header+"\n")) {
				t.Fatalf("size %d: armor not preserved", size)
			}
			if !bytes.Equal(payloadOf(t, rw), payloadOf(t, file)) {
				t.Fatalf("size %d armored %v: payload bytes changed", size, armored)
			}
			for _, k := range []cliKey{added, old, sshKey} {
				got, err := cliDecrypt(t, rw, k)
				if err != nil {
					t.Fatalf("age -d -i %s of the rewrapped file: %v", filepath.Base(k.path), err)
				}
				if !bytes.Equal(got, plain) {
					t.Fatalf("age -d -i %s: wrong plaintext", filepath.Base(k.path))
				}
			}

			// Reencrypt removing the SSH recipient (opening with it).
			var out bytes.Buffer
			if err := Reencrypt(&out, bytes.NewReader(rw), []age.Identity{sshKey.id}, []age.Recipient{old.r, added.r}, armored); err != nil {
				t.Fatal(err)
			}
			if armored != bytes.HasPrefix(out.Bytes(), []byte(armor.Header+"\n")) {
				t.Fatal("Reencrypt: armor not as asked")
			}
			if _, err := cliDecrypt(t, out.Bytes(), sshKey); err == nil {
				t.Fatal("age -d -i removed-ssh-key succeeds after Reencrypt")
			}
			for _, k := range []cliKey{added, old} {
				got, err := cliDecrypt(t, out.Bytes(), k)
				if err != nil || !bytes.Equal(got, plain) {
					t.Fatalf("age -d -i %s after Reencrypt: %v", filepath.Base(k.path), err)
				}
			}
		}
	}
}
