package reliability

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nfrekey/nfrekey/internal/peer"
)

// saver is another program saving secrets (as agenix -e or sops edit do,
// through a temp and a rename) while nfrekey runs; it remembers each
// file's last save.
type saver struct {
	f     *fleet
	mu    sync.Mutex
	saved map[string][]byte          // secret -> the bytes of its last save
	sets  map[string]map[string]bool // the recipients the writer encrypts to (the old rules)
	saves int
}

// loop saves random secrets of secrets, encrypted to their recipients as
// the writer sees them, until stop is closed.
func (w *saver) loop(rng *rand.Rand, secrets []string, stop <-chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	ageBin := peer.Need(w.f.t, "age")
	var sopsBin string
	if len(w.f.sopsSecrets()) > 0 {
		sopsBin = peer.Need(w.f.t, "sops")
	}
	for {
		select {
		case <-stop:
			return
		default:
		}
		s := secrets[rng.IntN(len(secrets))]
		w.mu.Lock()
		var err error
		var data []byte
		if isSops(s) {
			plain := []byte(fmt.Sprintf("value: saved by the other writer %d %s\n", w.saves, randHex(8)))
			w.f.plain[s] = plain
			data, err = w.f.sopsEncrypt(sopsBin, s, plain, w.f.ageRecipsOf(w.sets[s]))
		} else {
			plain := []byte(fmt.Sprintf("saved by the other writer %d %s", w.saves, randHex(8)))
			w.f.plain[s] = plain
			data, err = w.f.ageEncrypt(ageBin, s, plain, w.f.pubsOf(w.sets[s]))
		}
		w.saved[s] = data
		w.saves++
		w.mu.Unlock()
		if err != nil {
			w.f.t.Error(err)
			return
		}
		time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
	}
}

// TestConcurrentSavesNotLost: a writer saves secrets, .age files (with the
// age CLI) and sops files (with the sops CLI), while rekey (a removal:
// fresh re-encryptions, sops rotations) runs. No save is lost: every file
// holds the plaintext of its last save; a file nfrekey reports failed
// (exit 1) is exactly as the writer left it; the next run converges.
func TestConcurrentSavesNotLost(t *testing.T) {
	rounds := 8
	if testing.Short() {
		rounds = 3
	}
	f := newMixedFleet(t, 105, 15, 5, 3, "race-marker")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
	totalSaves, reported, sopsSaves, sopsReported := 0, 0, 0, 0
	for round := 0; round < rounds; round++ {
		old := f.removeFromAll(f.bound[round%len(f.bound)])
		w := &saver{f: f, saved: map[string][]byte{}, sets: old}
		secrets := make([]string, 0, len(f.model))
		for s := range f.model {
			secrets = append(secrets, s)
		}
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go w.loop(rng, secrets, stop, &wg)
		r := f.run("rekey", "-j", "2")
		close(stop)
		wg.Wait()
		noCrashTrace(t, "rekey with a racing writer", r)
		if r.code != 0 && r.code != 1 {
			t.Fatalf("round %d: exit %d: %s", round, r.code, r.stderr)
		}
		totalSaves += w.saves
		if len(w.saved) > 0 && r.code == 0 && strings.Contains(r.stderr, "changed by another program") {
			t.Fatalf("round %d: files reported changed, but exit 0: %s", round, r.stderr)
		}
		for s, data := range w.saved {
			if isSops(s) {
				sopsSaves++
			}
			pt, err := f.decrypt(s, f.op)
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			if !bytes.Equal(pt, f.plain[s]) {
				t.Fatalf("round %d: %s: the writer's last save was lost: holds %q, saved %q", round, s, pt, f.plain[s])
			}
			if strings.Contains(r.stderr, s+":") {
				reported++
				if isSops(s) {
					sopsReported++
				}
				if r.code != 1 {
					t.Fatalf("round %d: %s reported, exit %d, want 1: %s", round, s, r.code, r.stderr)
				}
				if got, _ := os.ReadFile(filepath.Join(f.dir, s)); !bytes.Equal(got, data) {
					t.Fatalf("round %d: %s reported but not left as the writer saved it", round, s)
				}
			}
		}
		f.converge()
	}
	t.Logf("racing saves: %d over %d runs (files saved: %d sops), files reported changed by another writer: %d (%d sops), saves lost: 0",
		totalSaves, rounds, sopsSaves, reported, sopsReported)
}

// TestRulesSavedDuringAddHost: a writer saves secrets.nix or .sops.yaml
// (its own edit, a comment) while add-host edits both: the writer's last
// save is what stays, whatever the interleaving.
func TestRulesSavedDuringAddHost(t *testing.T) {
	rounds := 12
	if testing.Short() {
		rounds = 4
	}
	f := newMixedFleet(t, 60, 10, 4, 2, "rules-race-marker")
	refused := map[string]int{}
	for round := 0; round < rounds; round++ {
		target := []string{"secrets.nix", ".sops.yaml"}[round%2]
		rulesPath := filepath.Join(f.dir, target)
		k := f.newKey(fmt.Sprintf("racer%d", round))
		var last []byte
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				cur, _ := os.ReadFile(rulesPath)
				next := append(bytes.Clone(cur), fmt.Sprintf("# edited by the other writer %d.%d\n", round, i)...)
				if err := atomicWrite(rulesPath, next); err != nil {
					t.Error(err)
					return
				}
				last = next
				time.Sleep(time.Duration(1+i%5) * time.Millisecond)
			}
		}()
		r := f.run("add-host", k.name, "--key", k.pub, "--secret", "secrets/*", "--secret", "sops/g00/*", "-j", "2")
		close(stop)
		wg.Wait()
		noCrashTrace(t, "add-host with a racing rules writer", r)
		if r.code > 2 {
			t.Fatalf("round %d: exit %d: %s", round, r.code, r.stderr)
		}
		if r.code != 0 {
			refused[target]++
		}
		if got, _ := os.ReadFile(rulesPath); !bytes.Equal(got, last) {
			t.Fatalf("round %d: the writer's last save of %s was lost (add-host exit %d)", round, target, r.code)
		}
		// Whatever the rules now say, one run converges to them.
		f.adopt(f.rulesOnDisk())
		f.converge()
	}
	t.Logf("add-host runs raced by a writer of secrets.nix or .sops.yaml: %d, refused as changed: %v, saves lost: 0", rounds, refused)
}

// TestReplacedDeletedAndSymlinkedDuringRun: while rekey runs, another
// program deletes secrets, replaces others, and swaps the secrets
// directory for a symlink to a directory outside the repo. Nothing
// outside the repo changes, a deleted file stays deleted, a replaced one
// keeps the replacement's plaintext, and the run ends with 0, 1 or 2 (never
// a crash or a hang).
func TestReplacedDeletedAndSymlinkedDuringRun(t *testing.T) {
	rounds := 6
	if testing.Short() {
		rounds = 2
	}
	ageBin := peer.Need(t, "age")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 5))
	codes := map[int]int{}
	for round := 0; round < rounds; round++ {
		f := newFleet(t, 80, 4, 2, "swap-marker")
		f.removeFromAll("host1")
		outside := t.TempDir()
		var outsideHash string
		var outsideList map[string]string
		deleted := map[string]bool{}
		replaced := map[string]bool{}
		cmd := exec.Command(binary(t), f.args("rekey", "-j", "1")...)
		cmd.Dir = f.dir
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(150)) * time.Millisecond)
		for i := 0; i < 5; i++ {
			s := fmt.Sprintf("secrets/s%05d.age", rng.IntN(80))
			if deleted[s] || replaced[s] {
				continue
			}
			if i%2 == 0 {
				os.Remove(filepath.Join(f.dir, s))
				deleted[s] = true
			} else {
				f.plain[s] = []byte("replacement " + randHex(6))
				if _, err := f.ageEncrypt(ageBin, s, f.plain[s], f.pubsOf(f.model[s])); err != nil {
					t.Fatal(err)
				}
				replaced[s] = true
			}
		}
		swapped := round%2 == 0
		if swapped {
			// The directory moves out; a symlink takes its place.
			os.Rename(filepath.Join(f.dir, "secrets"), filepath.Join(outside, "secrets"))
			os.Symlink(filepath.Join(outside, "secrets"), filepath.Join(f.dir, "secrets"))
			outsideHash = treeHash(t, outside)
			outsideList = listTree(outside)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(runTimeout):
			cmd.Process.Kill()
			t.Fatalf("round %d: rekey hung", round)
		}
		code := cmd.ProcessState.ExitCode()
		codes[code]++
		noCrashTrace(t, "rekey raced by deletes, replacements and a symlink", result{stderr: errb.String()})
		if code != 0 && code != 1 && code != 2 {
			t.Fatalf("round %d: exit %d: %s", round, code, errb.String())
		}
		if swapped {
			if h := treeHash(t, outside); h != outsideHash {
				t.Fatalf("round %d: the run wrote outside the repo, through the symlink (exit %d): %v", round, code, treeDiff(outsideList, listTree(outside)))
			}
			if left := temps(t, outside); len(left) != 0 {
				t.Fatalf("round %d: temps left outside the repo: %v", round, left)
			}
			if fi, err := os.Lstat(filepath.Join(f.dir, "secrets")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Fatalf("round %d: the symlink the other program made is gone", round)
			}
			continue // the secrets are outside the repo now: nothing more to check in it
		}
		for s := range deleted {
			if _, err := os.Lstat(filepath.Join(f.dir, s)); err == nil {
				t.Fatalf("round %d: %s was deleted by the other program, and the run recreated it", round, s)
			}
		}
		for s := range replaced {
			if pt, err := f.decrypt(s, f.op); err != nil || !bytes.Equal(pt, f.plain[s]) {
				t.Fatalf("round %d: %s: the replacement was lost (%v)", round, s, err)
			}
		}
		if left := temps(t, f.dir); len(left) != 0 {
			t.Fatalf("round %d: temps left: %v", round, left)
		}
	}
	t.Logf("raced runs: %d, exit codes: %v, written outside the repo: 0", rounds, codes)
}

// listTree lists dir (path, mode, mtime, content hash) for a failure
// message.
func listTree(dir string) map[string]string {
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return nil
		}
		data, _ := os.ReadFile(p)
		out[p] = fmt.Sprintf("%v %d %x", fi.Mode(), fi.ModTime().UnixNano(), sha256.Sum256(data))
		return nil
	})
	return out
}

// treeDiff names what differs between two listings.
func treeDiff(a, b map[string]string) []string {
	var out []string
	for p, v := range a {
		if b[p] != v {
			out = append(out, fmt.Sprintf("%s: %q -> %q", p, v, b[p]))
		}
	}
	for p, v := range b {
		if _, ok := a[p]; !ok {
			out = append(out, fmt.Sprintf("%s: new %q", p, v))
		}
	}
	return out
}
