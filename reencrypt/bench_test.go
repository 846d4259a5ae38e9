package reencrypt

import (
	"github.com/nfrekey/nfrekey/internal/identity"

	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"syscall"

	"testing"
	"time"

	"github.com/nfrekey/nfrekey/internal/sshage"
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
	ids := identity.New(hosts[0].id...)
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
//
// It reports x-floor: the time of one rekey divided by the time of the
// X25519 work it cannot avoid, secrets × floor op / min(jobs, GOMAXPROCS).
// The floor op (see floorOp) is measured in the same run, interleaved with
// the rekeys (timer stopped) so that both see the same machine load.
func benchRekeyAdd(b *testing.B, secrets, recips int) {
	dir, rules, hosts := cachedFleet(b, secrets, recips)
	extra := newSSHHost(b, "new-host")
	added := &secretsnix.Rules{File: rules.File}
	for _, s := range rules.Secrets {
		s.PublicKeys = append(append([]secretsnix.Key(nil), s.PublicKeys...), keys(extra)...)
		added.Secrets = append(added.Secrets, s)
	}
	ids := identity.New(hosts[0].id...)
	floor := newFloorOp(b, hosts[0], extra)
	floorOps := min(secrets, 64) // per iteration: enough to time, cheap
	var floorTime time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		work := b.TempDir()
		if err := os.CopyFS(work, os.DirFS(dir)); err != nil {
			b.Fatal(err)
		}
		// The copy must not be dirty in the page cache: a real repo's files
		// were written long before, and the rekey's fsyncs should not pay
		// for writing back the benchmark's setup.
		syscall.Sync()
		r := *added
		r.File = filepath.Join(work, "secrets.nix")
		t0 := time.Now()
		for range floorOps {
			floor(b)
		}
		floorTime += time.Since(t0)
		b.StartTimer()
		res, err := Rekey(context.Background(), RekeyOptions{RepoRoot: work, Rules: &r, Identities: ids})
		if err != nil || res.Rekeyed != secrets {
			b.Fatalf("%v %+v", err, res)
		}
	}
	perRekey := float64(b.Elapsed()) / float64(b.N)
	perOp := float64(floorTime) / float64(b.N*floorOps)
	par := min(runtime.NumCPU(), runtime.GOMAXPROCS(0), secrets) // Jobs 0 means NumCPU workers
	b.ReportMetric(perRekey/1e3/float64(secrets), "µs/file")
	b.ReportMetric(perOp/1e3, "floor-µs/op")
	b.ReportMetric(perRekey/(float64(secrets)*perOp/float64(par)), "x-floor")
}

// newFloorOp returns the asymmetric work adding one ssh-ed25519 recipient
// to one file encrypted to owner cannot avoid, done as nfrekey does it
// (internal/sshage, which does the minimum number of X25519 scalar
// multiplications): unwrapping the file key from owner's stanza, 2
// multiplications (the ECDH with the ephemeral share, then the tweak),
// and wrapping it for the new recipient, 2 (generating the ephemeral key
// gives its share; the ECDH with the recipient's pre-tweaked key, computed
// once per recipient, gives the tweaked secret). 4 in all, where agessh
// spends 10 (4 + 6). Key conversion, parsing, hashing, I/O are not
// included.
func newFloorOp(b *testing.B, owner, extra host) func(*testing.B) {
	id, ok := owner.id[0].(*sshage.Identity)
	if !ok {
		b.Fatalf("owner identity is a %T, not an *sshage.Identity", owner.id[0])
	}
	ar, err := owner.recip.AgeRecipient()
	if err != nil {
		b.Fatal(err)
	}
	or, ok := ar.(*sshage.Recipient)
	if !ok {
		b.Fatalf("owner recipient is a %T, not an *sshage.Recipient", ar)
	}
	ar, err = extra.recip.AgeRecipient()
	if err != nil {
		b.Fatal(err)
	}
	er, ok := ar.(*sshage.Recipient)
	if !ok {
		b.Fatalf("new recipient is a %T, not an *sshage.Recipient", ar)
	}
	fileKey := make([]byte, 16)
	rand.Read(fileKey)
	stanzas, err := or.Wrap(fileKey)
	if err != nil {
		b.Fatal(err)
	}
	return func(b *testing.B) {
		if _, err := id.Unwrap(stanzas); err != nil {
			b.Fatal(err)
		}
		if _, err := er.Wrap(fileKey); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRekey200x10(b *testing.B)  { benchRekeyAdd(b, 200, 10) }
func BenchmarkRekey2000x20(b *testing.B) { benchRekeyAdd(b, 2000, 20) }

// BenchmarkX25519Floor is the floor op alone (newFloorOp: one sshage
// unwrap and one wrap, 4 X25519 multiplications), single core.
// Rekeying N files costs at least N ops (divided by the cores used).
func BenchmarkX25519Floor(b *testing.B) {
	floor := newFloorOp(b, newSSHHost(b, "owner"), newSSHHost(b, "extra"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		floor(b)
	}
}

// BenchmarkIOFloor is the I/O each rekeyed file costs on this disk, crypto
// aside: create a temp file beside it, write 1 KiB, fsync, rename over it
// (the directory fsync is amortized over a directory's files: not here).
// Sub-benchmarks time the steps alone.
func BenchmarkIOFloor(b *testing.B) {
	data := make([]byte, 1024)
	dir := b.TempDir()
	target := filepath.Join(dir, "s.age")
	os.WriteFile(target, data, 0o644)
	step := func(name string, sync, rename bool) {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				tmp := filepath.Join(dir, fmt.Sprintf(".tmp%d", i))
				f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := f.Write(data); err != nil {
					b.Fatal(err)
				}
				if sync {
					if err := f.Sync(); err != nil {
						b.Fatal(err)
					}
				}
				f.Close()
				if rename {
					err = os.Rename(tmp, target)
				} else {
					err = os.Remove(tmp)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	step("create+write+remove", false, false)
	step("create+write+rename", false, true)
	step("create+write+fsync+rename", true, true)
}

// BenchmarkIOFloorParallel is BenchmarkIOFloor's create+write+fsync+rename
// on 16 goroutines (distinct files, 4 directories): what overlapping the
// fsyncs buys on this disk. ns/op is per file.
func BenchmarkIOFloorParallel(b *testing.B) {
	data := make([]byte, 1024)
	root := b.TempDir()
	var n atomic.Int64
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			dir := filepath.Join(root, fmt.Sprint(i%4))
			os.MkdirAll(dir, 0o755)
			tmp := filepath.Join(dir, fmt.Sprintf(".tmp%d", i))
			f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
			if err != nil {
				b.Fatal(err)
			}
			f.Write(data)
			if err := f.Sync(); err != nil {
				b.Fatal(err)
			}
			f.Close()
			if err := os.Rename(tmp, filepath.Join(dir, fmt.Sprintf("s%d", i%64))); err != nil {
				b.Fatal(err)
			}
		}
	})
}
