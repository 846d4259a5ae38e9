package secretsnix

import (
	"testing"

	"github.com/nfrekey/nfrekey/fixtures"
)

// BenchmarkLoadRules10k parses and evaluates the rules file of a generated
// 10,000-secret fleet (the same file bench/run.sh times nix-instantiate on).
func BenchmarkLoadRules10k(b *testing.B) {
	f, err := fixtures.GenerateFleet(b.TempDir(), fixtures.FleetOptions{Secrets: 10000, Recipients: 10, SkipEncrypt: true, Seed: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := LoadRules(f.RulesFile, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Secrets) != 10000 {
			b.Fatalf("got %d secrets", len(r.Secrets))
		}
	}
}
