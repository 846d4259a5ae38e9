package secretsnix

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkLoadRules10k(b *testing.B) {
	dir := b.TempDir()
	p := filepath.Join(dir, "secrets.nix")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	if err := GenerateRules(f, 10000, 10); err != nil {
		b.Fatal(err)
	}
	f.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := LoadRules(p, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Secrets) != 10000 {
			b.Fatalf("got %d secrets", len(r.Secrets))
		}
	}
}
