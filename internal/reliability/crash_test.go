package reliability

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nfrekey/nfrekey/internal/peer"
)

// mutation is one mutating run the crash suite kills: the command, and
// the rules it converges to (what every file may be encrypted to besides
// the rules before it).
type mutation struct {
	kind string
	args []string
	want map[string]map[string]bool
	// host: for remove-host, the host that loses access for good once the
	// rules say so.
	host string
}

// TestCrashAnywhere SIGKILLs rekey (with additions and removals),
// add-host and remove-host at random moments of their run (before the
// lock, while opening and staging, during the renames, after them) and
// checks after each kill: every file, .age and sops alike, decrypts to its
// exact plaintext, with the keys of its old or its new recipient set, never
// another; then the next run converges (exit 0), leaves no temp, audit
// exits 0, and a host whose removal reached the rules never regains
// access. The sops files' rules are .sops.yaml creation rules, whose lists
// the mutations edit; a few of them are checked with the sops CLI after
// each kill, and 15 more at the end.
func TestCrashAnywhere(t *testing.T) {
	secrets, sopsFiles, wantKills := 300, 40, 50
	if testing.Short() {
		secrets, sopsFiles, wantKills = 60, 10, 10
	}
	f := newMixedFleet(t, secrets-sopsFiles, sopsFiles, 10, 3, "crash-marker")
	if r := f.run("audit"); r.code != 0 {
		t.Fatalf("fresh fleet: audit exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	// A full rewrite's length bounds the kill delays: every moment of a
	// run, up to its exit, is a candidate.
	full := f.run("rekey", "--force", "-j", "2")
	if full.code != 0 {
		t.Fatalf("rekey --force: exit %d: %s", full.code, full.stderr)
	}
	// Each kind's last uninterrupted run sets its delays, so that kills
	// spread over the whole run, the renames and the exit included.
	span := map[string]time.Duration{"rekey": full.elapsed, "add-host": full.elapsed, "remove-host": full.elapsed}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	t.Logf("fleet: %d files; rekey --force took %v", secrets, full.elapsed)

	strace, err := exec.LookPath("strace")
	if err != nil {
		if peer.Required() {
			t.Fatal("strace is not installed (NFREKEY_REQUIRE_PEERS=1): the kills inside the rules phase need it")
		}
		t.Log("strace is not installed: no kill is aimed inside the rules phase")
	}
	kills, finished, added, oracleRuns, halfWritten, targetedKills, journaled := 0, 0, 0, 0, 0, 0, 0
	byKind := map[string]int{}
	for iter := 0; kills < wantKills && iter < 4*wantKills; iter++ {
		old := cloneModel(f.model)
		m := f.nextMutation(rng, iter, &added)
		if m.kind == "rekey" {
			f.model = m.want
			f.writeRules()
		}
		// A third of the host changes are killed by strace on the rename
		// of secrets.nix, the second of their rules phase (after
		// .sops.yaml): the half-written edit that random kills, landing
		// between two renames microseconds apart, almost never hit.
		targeted := m.kind != "rekey" && (iter/3)%3 == 0 && strace != ""
		cmd := exec.Command(binary(t), f.args(m.args...)...)
		if targeted {
			cmd = exec.Command(strace, append([]string{"-f", "-qq", "-o", "/dev/null", "-P", "secrets.nix",
				"-e", "trace=renameat2", "-e", "inject=renameat2:signal=SIGKILL", binary(t)}, f.args(m.args...)...)...)
		}
		cmd.Dir = f.dir
		var errb strings.Builder
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(span[m.kind] + span[m.kind]/8)))
		start := time.Now()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		killed := false
		wait := time.After(delay)
		if targeted {
			wait = nil // strace kills it
		}
		select {
		case err := <-done:
			if targeted && err != nil && strings.Contains(err.Error(), "killed") {
				killed = true
				kills++
				byKind[m.kind]++
				targetedKills++
				break
			}
			if err != nil {
				t.Fatalf("%s (not killed): %v: %s", m.kind, err, errb.String())
			}
			finished++
			span[m.kind] = time.Since(start)
		case <-wait:
			cmd.Process.Signal(syscall.SIGKILL)
			if err := <-done; err != nil && strings.Contains(err.Error(), "killed") {
				killed = true
				kills++
				byKind[m.kind]++
			}
		}

		// After the kill: the rules are the old or the new ones; every
		// file is to its old or new set with its exact plaintext.
		// A kill between the renames of secrets.nix and .sops.yaml leaves
		// half the edit, and the journal naming the rest: then the next
		// run must finish it before it reads the rules.
		onDisk := f.rulesOnDisk()
		half := !maps.EqualFunc(onDisk, old, maps.Equal) && !maps.EqualFunc(onDisk, m.want, maps.Equal)
		if half && !journalPending(f.dir) {
			t.Fatalf("iteration %d (%s, killed=%v after %v): the rules are neither the old nor the new ones, and no journal says how to finish them", iter, m.kind, killed, delay)
		}
		for _, s := range slices.Sorted(maps.Keys(f.model)) {
			if _, err := f.checkFile(s, old[s], m.want[s]); err != nil {
				t.Fatalf("iteration %d (%s, killed=%v after %v): %v", iter, m.kind, killed, delay, err)
			}
		}
		if killed {
			oracleRuns += f.oracleCheck(rng, sample(rng, f.sopsSecrets(), 1))
		}

		// The next mutating run converges to the rules on disk. A journal
		// left by the kill (written before the first rename, removed
		// after the last) is the edit committed: that run finishes it
		// first, so the rules become the new ones — also when the kill
		// came before any rename (the rules then looked old).
		pending := journalPending(f.dir)
		converge := func() {
			if r := f.run("rekey", "-j", "2"); r.code != 0 {
				t.Fatalf("iteration %d: converging rekey after %s: exit %d: %s", iter, m.kind, r.code, r.stderr)
			} else if half && !strings.Contains(r.stderr, "finished the rules edit an interrupted run left unfinished") {
				t.Fatalf("iteration %d: the converging rekey did not say it finished the edit: %s", iter, r.stderr)
			}
		}
		if pending {
			journaled++
			if half {
				halfWritten++
			}
			converge()
			if onDisk = f.rulesOnDisk(); !maps.EqualFunc(onDisk, m.want, maps.Equal) {
				t.Fatalf("iteration %d (%s): after finishing the journaled edit the rules are not the new ones", iter, m.kind)
			}
		}
		f.adopt(onDisk)
		if m.host != "" && !f.declares(m.host) {
			f.removed[m.host] = true
		}
		if !pending {
			converge()
		}
		if journalPending(f.dir) {
			t.Fatalf("iteration %d: the journal outlived the converging run", iter)
		}
		if left := temps(t, f.dir); len(left) != 0 {
			t.Fatalf("iteration %d: temps left after the converging run: %v", iter, left)
		}
		if r := f.run("audit"); r.code != 0 {
			t.Fatalf("iteration %d: audit after converging: exit %d: %s%s", iter, r.code, r.stdout, r.stderr)
		}
		f.checkAll()
	}
	oracleRuns += f.oracleCheck(rng, sample(rng, f.sopsSecrets(), 15))
	t.Logf("SIGKILLs: %d (%v), runs that finished first: %d, files checked per kill: %d (%d sops), hosts removed for good: %d, sops -d oracle runs: %d, kills aimed at the rules phase: %d, journals left: %d (%d of them with the edit half written), each finished by the next run",
		kills, byKind, finished, secrets, sopsFiles, len(f.removed), oracleRuns, targetedKills, journaled, halfWritten)
	if kills < wantKills {
		t.Fatalf("only %d of %d runs were killed before they ended", kills, wantKills)
	}
}

// journalPending reports whether a killed run left a rules edit's journal.
func journalPending(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, ".nfrekey-journal"))
	return err == nil
}

// nextMutation cycles through the mutating commands.
func (f *fleet) nextMutation(rng *rand.Rand, iter int, added *int) mutation {
	kind := iter % 3
	if kind == 2 && len(f.bound) < 4 {
		kind = 1 // keep enough hosts to remove
	}
	switch kind {
	case 0: // rekey: some secrets gain a host, some lose one
		want := cloneModel(f.model)
		for _, s := range slices.Sorted(maps.Keys(want)) {
			if isSops(s) || rng.IntN(3) != 0 {
				continue
			}
			h := f.bound[rng.IntN(len(f.bound))]
			if want[s][h] {
				delete(want[s], h)
			} else {
				want[s][h] = true
			}
		}
		// sops: a creation rule's list gains or loses a host, for every
		// file it governs.
		for _, g := range f.sopsGroups() {
			if rng.IntN(3) != 0 {
				continue
			}
			h := f.bound[rng.IntN(len(f.bound))]
			for s := range want {
				if isSops(s) && sopsGroupOf(s) == g {
					want[s][h] = !want[s][h]
					if !want[s][h] {
						delete(want[s], h)
					}
				}
			}
		}
		return mutation{kind: "rekey", args: []string{"rekey", "-j", "2"}, want: want}
	case 1: // add-host: a new host, to a third of the secrets
		*added++
		k := f.newKey(fmt.Sprintf("new%d", *added))
		glob := fmt.Sprintf("secrets/s00%d*", rng.IntN(max(1, len(f.model)/100)))
		want := cloneModel(f.model)
		for s := range want {
			if strings.HasPrefix(s, glob[:len(glob)-1]) {
				want[s][k.name] = true
			}
		}
		args := []string{"add-host", k.name, "--key", k.pub, "--secret", glob, "-j", "2"}
		// and to one creation rule of .sops.yaml, by a glob of its files
		if groups := f.sopsGroups(); len(groups) > 0 {
			g := groups[rng.IntN(len(groups))]
			for s := range want {
				if isSops(s) && sopsGroupOf(s) == g {
					want[s][k.name] = true
				}
			}
			args = append(args, "--secret", g+"/*")
		}
		return mutation{kind: "add-host", args: args, want: want}
	default: // remove-host: a bound host, from every secret
		h := f.bound[rng.IntN(len(f.bound))]
		want := cloneModel(f.model)
		for s := range want {
			delete(want[s], h)
		}
		return mutation{kind: "remove-host", args: []string{"remove-host", h, "--yes", "-j", "2"}, want: want, host: h}
	}
}

// declares reports whether any secret of the model names host.
func (f *fleet) declares(host string) bool {
	for _, set := range f.model {
		if set[host] {
			return true
		}
	}
	return slices.Contains(f.bound, host)
}

func cloneModel(m map[string]map[string]bool) map[string]map[string]bool {
	out := make(map[string]map[string]bool, len(m))
	for s, set := range m {
		out[s] = maps.Clone(set)
	}
	return out
}
