package secretsnix

import (
	"testing"

	"github.com/nfrekey/nfrekey/fixtures"
)

// BenchmarkBindings10k is the part of LoadRules that Rules.Bindings and
// the key positions add, on the fleet of BenchmarkLoadRules10k.
func BenchmarkBindings10k(b *testing.B) {
	f, err := fixtures.GenerateFleet(b.TempDir(), fixtures.FleetOptions{Secrets: 10000, Recipients: 10, SkipEncrypt: true, Seed: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	r, err := LoadRules(f.RulesFile, Options{})
	if err != nil {
		b.Fatal(err)
	}
	ev, _, err := evalRoot(f.RulesFile, Options{}, evalOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Bindings = ev.bindings(false)
		placeKeys(r)
	}
}
