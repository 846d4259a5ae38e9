package reencrypt

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/nfrekey/nfrekey/internal/identity"
)

// BenchmarkSopsRekey500 rekeys 500 sops files after one host joins their
// rule (a data key rewrap each); bench/sops.sh compares the CLI with sops.
func BenchmarkSopsRekey500(b *testing.B) {
	t := &testing.T{}
	r := newSopsRepo(t)
	web1 := newX25519Host(b, "web1")
	data, err := os.ReadFile(filepath.Join(r.dir, "secrets/secret.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range sopsFixtures {
		os.Remove(filepath.Join(r.dir, "secrets", n))
	}
	base := b.TempDir()
	for i := range 500 {
		r.write(t, fmt.Sprintf("secrets/s%03d.yaml", i), string(data))
	}
	r.config(t, map[string]string{"web1": web1.text}, "web1")
	ids := identity.New(r.admin)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		work := filepath.Join(base, fmt.Sprint(i))
		if err := os.CopyFS(work, os.DirFS(r.dir)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := Rekey(context.Background(), RekeyOptions{RepoRoot: work, Identities: ids})
		if err != nil || res.Rekeyed != 500 {
			b.Fatalf("%v %+v", err, res)
		}
	}
}
