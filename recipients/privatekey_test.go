package recipients

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/internal/peer"
)

func TestPublicKeyFromPrivate(t *testing.T) {
	keygen := peer.Need(t, "ssh-keygen")
	dir := t.TempDir()
	gen := func(t *testing.T, name string, args ...string) (priv, pub string) {
		p := filepath.Join(dir, name)
		runPeer(t, nil, keygen, append([]string{"-q", "-C", "c@" + name, "-f", p}, args...)...)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pb, err := os.ReadFile(p + ".pub")
		if err != nil {
			t.Fatal(err)
		}
		return string(b), string(pb)
	}
	type kc struct {
		name      string
		args      []string
		pass      string // the file's passphrase
		give      string // what the callback answers; "-" = no callback
		wantErr   string
		wantCalls int
	}
	for _, tc := range []kc{
		{"ed25519", []string{"-t", "ed25519", "-N", ""}, "", "x", "", 0},
		{"ed25519-enc", []string{"-t", "ed25519", "-N", "pw one"}, "pw one", "pw one", "", 1},
		{"ed25519-enc-nocb", []string{"-t", "ed25519", "-N", "pw"}, "pw", "-", "", 0},
		{"ed25519-enc-wrong", []string{"-t", "ed25519", "-N", "pw"}, "pw", "nope", "wrong passphrase", 1},
		{"rsa-openssh", []string{"-t", "rsa", "-b", "2048", "-N", ""}, "", "x", "", 0},
		{"rsa-pem", []string{"-t", "rsa", "-b", "2048", "-N", "", "-m", "PEM"}, "", "x", "", 0},
		{"rsa-pem-enc", []string{"-t", "rsa", "-b", "2048", "-N", "pw-pem", "-m", "PEM"}, "pw-pem", "pw-pem", "", 1},
		{"rsa-pem-enc-nocb", []string{"-t", "rsa", "-b", "2048", "-N", "pw-pem", "-m", "PEM"}, "pw-pem", "-", "passphrase-protected", 0},
		{"rsa-pem-enc-wrong", []string{"-t", "rsa", "-b", "2048", "-N", "pw-pem", "-m", "PEM"}, "pw-pem", "nope", "wrong passphrase", 1},
		{"rsa-pkcs8", []string{"-t", "rsa", "-b", "2048", "-N", "", "-m", "PKCS8"}, "", "x", "", 0},
		{"ecdsa", []string{"-t", "ecdsa", "-N", ""}, "", "x", "ECDSA keys are not supported", 0},
		{"rsa-1024", []string{"-t", "rsa", "-b", "1024", "-N", ""}, "", "x", "too short", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			priv, pub := gen(t, tc.name, tc.args...)
			calls := 0
			var cb func() ([]byte, error)
			if tc.give != "-" {
				cb = func() ([]byte, error) { calls++; return []byte(tc.give), nil }
			}
			r, err := PublicKeyFromPrivate([]byte(priv), cb)
			if calls != tc.wantCalls {
				t.Errorf("passphrase asked %d times, want %d", calls, tc.wantCalls)
			}
			assertNoSecret(t, err, priv)
			if tc.pass != "" && err != nil && strings.Contains(err.Error(), tc.pass) {
				t.Errorf("error echoes the passphrase: %v", err)
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %v, %v; want error %q", r, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want, _ := Parse(pub)
			if !r.Equal(want) {
				t.Errorf("got %s, want %s", r, want)
			}
			// Through the file, too.
			fr, err := ReadPrivateKeyFile(filepath.Join(dir, tc.name), cb)
			if err != nil || !fr.Equal(want) {
				t.Errorf("ReadPrivateKeyFile: %v %v", fr, err)
			}
		})
	}

	t.Run("callback error", func(t *testing.T) {
		priv, _ := gen(t, "cb-err", "-t", "ed25519", "-N", "pw")
		boom := errors.New("no terminal here")
		_, err := PublicKeyFromPrivate([]byte(priv), func() ([]byte, error) { return nil, boom })
		if !errors.Is(err, boom) {
			t.Errorf("got %v", err)
		}
	})
	for name, text := range map[string]string{
		"empty":        "",
		"public key":   readTestdata(t, "ed25519.pub"),
		"garbage pem":  "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAsecretsecretsecretsecret\n-----END OPENSSH PRIVATE KEY-----\n",
		"age identity": privateKeyTexts(t)["age identity"],
	} {
		t.Run(name, func(t *testing.T) {
			_, err := PublicKeyFromPrivate([]byte(text), nil)
			if err == nil {
				t.Fatal("accepted")
			}
			assertNoSecret(t, err, text)
		})
	}
	if _, err := ReadPrivateKeyFile(filepath.Join(dir, "missing"), nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// TestParsePrivateKey: the parsed key and its public half; an encrypted
// key without a passphrase gives only its stored public key.
func TestParsePrivateKey(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	sp, _ := ssh.NewPublicKey(pub)
	want, _ := Parse(string(ssh.MarshalAuthorizedKey(sp)))
	plain, _ := ssh.MarshalPrivateKey(priv, "")
	pk, err := ParsePrivateKey(pem.EncodeToMemory(plain), nil)
	if k, ok := pk.Key.(ed25519.PrivateKey); err != nil || !ok || !k.Equal(priv) || !pk.Public.Equal(want) {
		t.Fatalf("plain: %T %v %v", pk.Key, pk.Public, err)
	}
	enc, _ := ssh.MarshalPrivateKeyWithPassphrase(priv, "", []byte("pw"))
	pk, err = ParsePrivateKey(pem.EncodeToMemory(enc), nil)
	if !errors.Is(err, ErrPassphraseNeeded) || pk.Key != nil || !pk.Public.Equal(want) {
		t.Fatalf("encrypted, no passphrase: %v %v", pk.Public, err)
	}
	pk, err = ParsePrivateKey(pem.EncodeToMemory(enc), func() ([]byte, error) { return []byte("nope"), nil })
	if !errors.Is(err, ErrWrongPassphrase) || pk.Key != nil {
		t.Fatalf("wrong passphrase: %v", err)
	}
	pk, err = ParsePrivateKey(pem.EncodeToMemory(enc), func() ([]byte, error) { return []byte("pw"), nil })
	if err != nil || pk.Key == nil || !pk.Public.Equal(want) {
		t.Fatalf("passphrase: %v", err)
	}
}
