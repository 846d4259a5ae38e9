package reencrypt

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/nfrekey/nfrekey/secretsnix"
)

// fleetCache builds each benchmark fleet once per process.
var fleetCache = map[string]struct {
	dir   string
	rules *secretsnix.Rules
	hosts []host
}{}

func cachedFleet(b *testing.B, secrets, recips int) (string, *secretsnix.Rules, []host) {
	b.Helper()
	key := fmt.Sprintf("%dx%d", secrets, recips)
	if f, ok := fleetCache[key]; ok {
		return f.dir, f.rules, f.hosts
	}
	dir, err := os.MkdirTemp("", "nfrekey-bench-"+key+"-")
	if err != nil {
		b.Fatal(err)
	}
	rules, hosts := buildFleet(b, dir, secrets, recips)
	fleetCache[key] = struct {
		dir   string
		rules *secretsnix.Rules
		hosts []host
	}{dir, rules, hosts}
	return dir, rules, hosts
}

func BenchmarkAudit10k(b *testing.B) {
	dir, rules, _ := cachedFleet(b, 10000, 3)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		inv, err := Audit(context.Background(), AuditOptions{RepoRoot: dir, Rules: rules})
		if err != nil || !inv.InSync(true) {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/10000, "µs/file")
}

func BenchmarkRekeyNoop10k(b *testing.B) {
	dir, rules, hosts := cachedFleet(b, 10000, 3)
	ids := NewIdentities(hosts[0].id...)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Rekey(context.Background(), RekeyOptions{RepoRoot: dir, Rules: rules, Identities: ids})
		if err != nil || res.Rekeyed != 0 {
			b.Fatal(err)
		}
	}
}

// benchRekeyAdd adds one recipient to every secret of a fleet, starting
// each iteration from a copy of the pristine fleet (copy not timed).
func benchRekeyAdd(b *testing.B, secrets, recips int) {
	dir, rules, hosts := cachedFleet(b, secrets, recips)
	extra := newSSHHost(b, "new-host")
	added := &secretsnix.Rules{File: rules.File}
	for _, s := range rules.Secrets {
		s.PublicKeys = append(append([]secretsnix.Key(nil), s.PublicKeys...), keys(extra)...)
		added.Secrets = append(added.Secrets, s)
	}
	ids := NewIdentities(hosts[0].id...)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		work := b.TempDir()
		if err := os.CopyFS(work, os.DirFS(dir)); err != nil {
			b.Fatal(err)
		}
		r := *added
		r.File = filepath.Join(work, "secrets.nix")
		b.StartTimer()
		res, err := Rekey(context.Background(), RekeyOptions{RepoRoot: work, Rules: &r, Identities: ids})
		if err != nil || res.Rekeyed != secrets {
			b.Fatalf("%v %+v", err, res)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(secrets), "µs/file")
}

func BenchmarkRekey200x10(b *testing.B)  { benchRekeyAdd(b, 200, 10) }
func BenchmarkRekey2000x20(b *testing.B) { benchRekeyAdd(b, 2000, 20) }

// BenchmarkX25519Floor is the asymmetric work adding one host to one file
// must do: unwrap the file key with an ssh-ed25519 identity and wrap it for
// the new ssh-ed25519 recipient. Rekey N files costs at least N ops of this
// (divided by the cores used).
func BenchmarkX25519Floor(b *testing.B) {
	owner, extra := newSSHHost(b, "owner"), newSSHHost(b, "extra")
	or, _ := owner.recip.AgeRecipient()
	er, _ := extra.recip.AgeRecipient()
	fileKey := make([]byte, 16)
	rand.Read(fileKey)
	stanzas, err := or.Wrap(fileKey)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := owner.id[0].Unwrap(stanzas); err != nil {
			b.Fatal(err)
		}
		if _, err := er.Wrap(fileKey); err != nil {
			b.Fatal(err)
		}
	}
}
