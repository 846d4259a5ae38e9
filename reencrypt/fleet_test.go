package reencrypt

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/internal/agefile"
	"github.com/nfrekey/nfrekey/internal/sshage"
	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// host is a test machine: an ssh-ed25519 key (or, with x25519, an age key).
type host struct {
	name  string
	text  string // public key text as the rules hold it
	recip recipients.Recipient
	id    []age.Identity
}

func newSSHHost(tb testing.TB, name string) host {
	tb.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		tb.Fatal(err)
	}
	text := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp)))
	r, err := recipients.Parse(text)
	if err != nil {
		tb.Fatal(err)
	}
	// sshage, as LoadIdentities builds for ed25519 keys (its own tests
	// check it against agessh).
	id, err := sshage.NewIdentity(priv)
	if err != nil {
		tb.Fatal(err)
	}
	return host{name: name, text: text, recip: r, id: []age.Identity{id}}
}

func newX25519Host(tb testing.TB, name string) host {
	tb.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		tb.Fatal(err)
	}
	r, err := recipients.Parse(id.Recipient().String())
	if err != nil {
		tb.Fatal(err)
	}
	return host{name: name, text: r.String(), recip: r, id: []age.Identity{id}}
}

func keys(hs ...host) []secretsnix.Key {
	var out []secretsnix.Key
	for _, h := range hs {
		out = append(out, secretsnix.Key{Text: h.text, Name: h.name})
	}
	return out
}

// encryptTo writes an age file at path with plaintext, to hs.
func encryptTo(tb testing.TB, path string, plaintext []byte, armored bool, hs ...host) {
	tb.Helper()
	var rs []age.Recipient
	for _, h := range hs {
		r, err := h.recip.AgeRecipient()
		if err != nil {
			tb.Fatal(err)
		}
		rs = append(rs, r)
	}
	var buf bytes.Buffer
	var out io.Writer = &buf
	var aw io.WriteCloser
	if armored {
		aw = armor.NewWriter(&buf)
		out = aw
	}
	w, err := age.Encrypt(out, rs...)
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(plaintext)
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	if aw != nil {
		aw.Close()
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// decryptWith returns the plaintext of path opened by h, or an error.
func decryptWith(path string, h host) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var in io.Reader = f
	hdr, err := readHeaderFile(path)
	if err != nil {
		return nil, err
	}
	if hdr.Armored {
		in = armor.NewReader(f)
	}
	r, err := age.Decrypt(in, h.id...)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// buildFleet creates, under dir, a repo of secrets age files each encrypted
// to the same recips ssh hosts, and returns its rules and hosts (the
// generator benchmarks and tests share; fixtures/ will own it later).
func buildFleet(tb testing.TB, dir string, secrets, recips int) (*secretsnix.Rules, []host) {
	tb.Helper()
	hosts := make([]host, recips)
	for i := range hosts {
		hosts[i] = newSSHHost(tb, fmt.Sprintf("host%d", i))
	}
	// Encrypt once, then give every file its own header+payload by
	// re-encrypting: files must differ (distinct file keys) as real ones do.
	rules := &secretsnix.Rules{File: filepath.Join(dir, "secrets.nix")}
	if err := os.WriteFile(rules.File, []byte("# built in Go\n{}\n"), 0o644); err != nil {
		tb.Fatal(err)
	}
	plaintext := bytes.Repeat([]byte("s3cr3t "), 20)
	for i := 0; i < secrets; i++ {
		name := fmt.Sprintf("secrets/d%02d/s%05d.age", i%50, i)
		encryptTo(tb, filepath.Join(dir, filepath.FromSlash(name)), plaintext, false, hosts...)
		rules.Secrets = append(rules.Secrets, secretsnix.Secret{Name: name, PublicKeys: keys(hosts...), Line: i + 1, Col: 3})
	}
	return rules, hosts
}

// newHybridHost is a host with an age post-quantum (age1pq1...) key.
func newHybridHost(tb testing.TB, name string) host {
	tb.Helper()
	id, err := age.GenerateHybridIdentity()
	if err != nil {
		tb.Fatal(err)
	}
	r, err := recipients.Parse(id.Recipient().String())
	if err != nil {
		tb.Fatal(err)
	}
	return host{name: name, text: r.String(), recip: r, id: []age.Identity{id}}
}

// ykRecipient is a syntactically valid age-plugin-yubikey recipient (its
// stanzas are "piv-p256"); nfrekey never encrypts to it.
const ykRecipient = "age1yubikey1qgqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0jqxwspvz"

// readHeaderFile reads the age header of the file at path.
func readHeaderFile(path string) (*agefile.Header, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return agefile.ReadHeader(f)
}

func fileSHA256(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}
