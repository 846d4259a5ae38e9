package agefile

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"io"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// isArmored detects armor as the age CLI does.
func isArmored(b []byte) bool {
	start := b[:min(len(b), 1024+len(armor.Header))]
	return bytes.HasPrefix(bytes.TrimSpace(start), []byte(armor.Header))
}

// deArmor returns the binary age stream of file (file itself if binary).
func deArmor(t testing.TB, file []byte) []byte {
	t.Helper()
	if !isArmored(file) {
		return file
	}
	b, err := io.ReadAll(armor.NewReader(bytes.NewReader(file)))
	if err != nil {
		t.Fatalf("de-armoring: %v", err)
	}
	return b
}

// decrypt decrypts an age file (binary or armored) with age itself.
func decrypt(file []byte, ids ...age.Identity) ([]byte, error) {
	var in io.Reader = bytes.NewReader(file)
	if isArmored(file) {
		in = armor.NewReader(bufio.NewReader(in))
	}
	r, err := age.Decrypt(in, ids...)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func mustDecrypt(t testing.TB, file []byte, ids ...age.Identity) []byte {
	t.Helper()
	out, err := decrypt(file, ids...)
	if err != nil {
		t.Fatalf("age.Decrypt: %v", err)
	}
	return out
}

// encrypt makes an age file with age itself.
func encrypt(t testing.TB, plaintext []byte, withArmor bool, rs ...age.Recipient) []byte {
	t.Helper()
	var buf bytes.Buffer
	var out io.Writer = &buf
	var aw io.WriteCloser
	if withArmor {
		aw = armor.NewWriter(&buf)
		out = aw
	}
	w, err := age.Encrypt(out, rs...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(plaintext); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if aw != nil {
		if err := aw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func newX25519(t testing.TB) *age.X25519Identity {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func newHybrid(t testing.TB) *age.HybridIdentity {
	t.Helper()
	id, err := age.GenerateHybridIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func mustHeader(t testing.TB, file []byte) *Header {
	t.Helper()
	h, err := ReadHeader(bytes.NewReader(file))
	if err != nil {
		t.Fatalf("ReadHeader: %v", err)
	}
	return h
}

// payloadOf returns the de-armored payload (nonce and chunks) of file.
func payloadOf(t testing.TB, file []byte) []byte {
	t.Helper()
	h := mustHeader(t, file)
	return deArmor(t, file)[h.PayloadOffset:]
}

func rewrap(t testing.TB, file, fileKey []byte, keep func(*Stanza) bool, add ...age.Recipient) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Rewrap(&buf, bytes.NewReader(file), fileKey, keep, add); err != nil {
		t.Fatalf("Rewrap: %v", err)
	}
	return buf.Bytes()
}

func sum(b []byte) [32]byte { return sha256.Sum256(b) }

func errContains(err error, s string) bool {
	return err != nil && strings.Contains(err.Error(), s)
}
