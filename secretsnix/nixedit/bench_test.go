package nixedit

import (
	"os"
	"strings"
	"testing"

	"github.com/nfrekey/nfrekey/fixtures"
)

// BenchmarkAdd200x10 is add-host on a generated 200-secret x 10-recipient
// fleet: the edit and its whole verification (two evaluations, re-parse,
// byte check). Target: under 10 ms.
func BenchmarkAdd200x10(b *testing.B) {
	f, err := fixtures.GenerateFleet(b.TempDir(), fixtures.FleetOptions{Secrets: 200, Recipients: 10, SkipEncrypt: true, Seed: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	if os.Getenv("NIXEDIT_SHOW_FLEET") != "" {
		data, _ := os.ReadFile(f.RulesFile)
		b.Logf("%s", data[:min(len(data), 1500)])
	}
	k, err := fixtures.DeriveKey("bench", "new-host")
	if err != nil {
		b.Fatal(err)
	}
	key := strings.Join(strings.Fields(k.Public)[:2], " ")
	req := AddRequest{RulesFile: f.RulesFile, Name: "newhost", Key: key, Secrets: []string{"secrets/*"}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Add(req)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Affected) != 200 {
			b.Fatalf("affected %d", len(res.Affected))
		}
	}
}
