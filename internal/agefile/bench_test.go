package agefile

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"
)

// detReader is a deterministic plaintext source.
type detReader struct{ r *rand.ChaCha8 }

func (d detReader) Read(p []byte) (int, error) { return d.r.Read(p) }

func newDet() io.Reader { return detReader{rand.NewChaCha8([32]byte{1})} }

// BenchmarkRewrap1GiB: header-only rewrap (+1 X25519 recipient) of a 1 GiB
// age file into a new file on the same filesystem, through RewrapFile
// (payload copied by copy_file_range). Skipped under -short.
func BenchmarkRewrap1GiB(b *testing.B) {
	if testing.Short() {
		b.Skip("1 GiB setup skipped under -short")
	}
	const size = 1 << 30
	id := newX25519(b)
	dir := b.TempDir()
	srcPath := filepath.Join(dir, "big.age")
	f, err := os.Create(srcPath)
	if err != nil {
		b.Fatal(err)
	}
	w, err := age.Encrypt(f, id.Recipient())
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.CopyN(w, newDet(), size); err != nil {
		b.Fatal(err)
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	h, err := ReadHeaderFile(srcPath)
	if err != nil {
		b.Fatal(err)
	}
	fk, err := h.UnwrapFileKey([]age.Identity{id})
	if err != nil {
		b.Fatal(err)
	}
	add := []age.Recipient{newX25519(b).Recipient()}
	dstPath := filepath.Join(dir, "out.age")
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src, err := os.Open(srcPath)
		if err != nil {
			b.Fatal(err)
		}
		dst, err := os.Create(dstPath)
		if err != nil {
			b.Fatal(err)
		}
		if err := RewrapFile(dst, src, fk, nil, add); err != nil {
			b.Fatal(err)
		}
		src.Close()
		dst.Close()
		b.StopTimer()
		os.Remove(dstPath)
		b.StartTimer()
	}
}

func BenchmarkUnwrapX25519(b *testing.B) {
	id := newX25519(b)
	file := encrypt(b, []byte("x"), false, id.Recipient())
	h := mustHeader(b, file)
	ids := []age.Identity{id}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := h.UnwrapFileKey(ids); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRewrapSmall(b *testing.B) {
	id := newX25519(b)
	plain := make([]byte, 1024)
	newDet().Read(plain)
	file := encrypt(b, plain, false, id.Recipient())
	fk, err := mustHeader(b, file).UnwrapFileKey([]age.Identity{id})
	if err != nil {
		b.Fatal(err)
	}
	add := []age.Recipient{newX25519(b).Recipient()}
	var out bytes.Buffer
	b.SetBytes(int64(len(file)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out.Reset()
		if err := Rewrap(&out, bytes.NewReader(file), fk, nil, add); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReencryptSmall(b *testing.B) {
	id := newX25519(b)
	plain := make([]byte, 1024)
	newDet().Read(plain)
	file := encrypt(b, plain, false, id.Recipient())
	ids := []age.Identity{id}
	rs := []age.Recipient{id.Recipient(), newX25519(b).Recipient()}
	var out bytes.Buffer
	b.SetBytes(int64(len(file)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out.Reset()
		if err := Reencrypt(&out, bytes.NewReader(file), ids, rs, false); err != nil {
			b.Fatal(err)
		}
	}
}
