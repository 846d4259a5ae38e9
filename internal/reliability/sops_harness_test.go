package reliability

// The sops side of a test fleet: files under sops/gN/ made by the real sops
// CLI, governed by one .sops.yaml whose creation rules (one per directory
// gN) list the hosts' ssh-to-age keys by anchor. The model keeps every
// file of a directory at its rule's set, so that a mutation of the model
// is an edit of the rule's list.

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"filippo.io/age"
	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/internal/peer"
	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/reencrypt/sopsfile"
	"github.com/nfrekey/nfrekey/sopsyaml"
)

// sopsPerGroup is how many sops files share one creation rule.
const sopsPerGroup = 5

// isSops reports whether a secret of the model is a sops file.
func isSops(secret string) bool { return strings.HasPrefix(secret, "sops/") }

// sopsGroupOf is the directory (and creation rule) of a sops secret.
func sopsGroupOf(secret string) string { return filepath.Dir(secret) }

// newMixedFleet is newFleet plus nSops sops files, each directory's files
// to the operator and perSecret hosts (round-robin by directory).
func newMixedFleet(t testing.TB, nAge, nSops, hosts, perSecret int, marker string) *fleet {
	t.Helper()
	f := newFleet(t, nAge, hosts, perSecret, marker)
	f.addSops(nSops, perSecret, marker)
	return f
}

// ageTwin gives k its ssh-to-age identity (what sops-nix decrypts with)
// and writes it as an age identity file for the sops CLI.
func (f *fleet) ageTwin(k *key) {
	f.t.Helper()
	pemBytes, err := os.ReadFile(k.privPEM)
	if err != nil {
		f.t.Fatal(err)
	}
	raw, err := ssh.ParseRawPrivateKey(pemBytes)
	if err != nil {
		f.t.Fatal(err)
	}
	priv, ok := raw.(*ed25519.PrivateKey)
	if !ok {
		f.t.Fatalf("%s: not an ed25519 key", k.name)
	}
	x, err := recipients.AgeIdentityFromEd25519(*priv)
	if err != nil {
		f.t.Fatal(err)
	}
	k.x, k.ageRecip = x, x.Recipient().String()
	k.ageKeyFile = k.privPEM + ".agekey"
	if err := os.WriteFile(k.ageKeyFile, []byte(x.String()+"\n"), 0o600); err != nil {
		f.t.Fatal(err)
	}
	f.byAge[k.ageRecip] = k
}

// addSops writes n sops files and the .sops.yaml governing them.
func (f *fleet) addSops(n, perSecret int, marker string) {
	f.t.Helper()
	if n == 0 {
		return
	}
	sopsBin := peer.Need(f.t, "sops")
	groups := max(1, n/sopsPerGroup)
	type job struct {
		s     string
		plain []byte
		recs  []string
	}
	var jobs []job
	for i := 0; i < n; i++ {
		g := i % groups
		s := fmt.Sprintf("sops/g%02d/s%05d.yaml", g, i)
		set := map[string]bool{}
		for j := 0; j < perSecret; j++ {
			set[f.bound[(g+j)%len(f.bound)]] = true
		}
		f.model[s] = set
		f.plain[s] = sopsPlain(marker, s)
		jobs = append(jobs, job{s, f.plain[s], f.ageRecipsOf(set)})
		os.MkdirAll(filepath.Join(f.dir, sopsGroupOf(s)), 0o755)
	}
	f.writeRules()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, 4)
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			_, err := f.sopsEncrypt(sopsBin, j.s, j.plain, j.recs)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			f.t.Fatal(err)
		}
	}
}

// sopsPlain is a sops secret's plaintext, exactly as `sops -d` prints it.
func sopsPlain(marker, secret string) []byte {
	return []byte(fmt.Sprintf("value: %s %s %s\n", marker, secret, randHex(24)))
}

// ageRecipsOf is the operator's and hosts' ssh-to-age recipients.
func (f *fleet) ageRecipsOf(hosts map[string]bool) []string {
	out := []string{f.op.ageRecip}
	for _, h := range slices.Sorted(maps.Keys(hosts)) {
		out = append(out, f.keys[h].ageRecip)
	}
	return out
}

// sopsEncrypt writes secret as the sops CLI encrypts plaintext (YAML, read
// from stdin: no plaintext file anywhere) to recips, atomically, as an
// editor saving it would. It runs outside the repo, so that sops takes the
// recipients given, not a creation rule.
func (f *fleet) sopsEncrypt(sopsBin, secret string, plaintext []byte, recips []string) ([]byte, error) {
	cmd := exec.Command(sopsBin, "-e", "--age", strings.Join(recips, ","),
		"--input-type", "yaml", "--output-type", "yaml", "/dev/stdin")
	cmd.Dir = f.keysDir
	cmd.Env = append(os.Environ(), "SOPS_DISABLE_VERSION_CHECK=1")
	cmd.Stdin = bytes.NewReader(plaintext)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("sops -e %s: %v: %s", secret, err, errb.String())
	}
	return out.Bytes(), atomicWrite(filepath.Join(f.dir, secret), out.Bytes())
}

// sopsConfigText renders the sops half of the model: every bound key
// anchored under keys:, one creation rule per directory listing its set.
func (f *fleet) sopsConfigText() []byte {
	groups := map[string]map[string]bool{}
	for s, set := range f.model {
		if isSops(s) {
			groups[sopsGroupOf(s)] = set
		}
	}
	if len(groups) == 0 {
		return nil
	}
	var b bytes.Buffer
	b.WriteString("# THROW-AWAY test keys\nkeys:\n")
	fmt.Fprintf(&b, "  - &operator %s\n", f.op.ageRecip)
	for _, h := range f.bound {
		fmt.Fprintf(&b, "  - &%s %s\n", h, f.keys[h].ageRecip)
	}
	b.WriteString("creation_rules:\n")
	for _, g := range slices.Sorted(maps.Keys(groups)) {
		fmt.Fprintf(&b, "  - path_regex: ^%s/\n    key_groups:\n      - age:\n          - *operator\n", g)
		for _, h := range slices.Sorted(maps.Keys(groups[g])) {
			fmt.Fprintf(&b, "          - *%s\n", h)
		}
	}
	return b.Bytes()
}

// sopsRulesOnDisk is what the .sops.yaml on disk declares the sops
// secrets of the model to (secret -> host names), as sopsyaml, nfrekey's
// reading of it (checked against sops' own by its tests), matches them.
// In-process: an `nfrekey ls` per kill would cost more than the checks.
func (f *fleet) sopsRulesOnDisk() map[string]map[string]bool {
	f.t.Helper()
	path := filepath.Join(f.dir, ".sops.yaml")
	src, err := os.ReadFile(path)
	if err != nil {
		f.t.Fatal(err)
	}
	cfg, err := sopsyaml.Parse(path, src)
	if err != nil {
		f.t.Fatalf(".sops.yaml on disk: %v", err)
	}
	out := map[string]map[string]bool{}
	for _, s := range f.sopsSecrets() {
		rule, ok := cfg.Match(s)
		if !ok {
			f.t.Fatalf(".sops.yaml on disk: no creation rule matches %s", s)
		}
		set := map[string]bool{}
		for _, g := range rule.Groups {
			for _, k := range g.Age {
				kk := f.byAge[k.Value]
				if kk == nil {
					f.t.Fatalf(".sops.yaml names a key the test never made: %s", k.Value)
				}
				if kk != f.op {
					set[kk.name] = true
				}
			}
		}
		out[s] = set
	}
	return out
}

// sopsRecipientsOf is the set of test keys a sops file's metadata names.
func (f *fleet) sopsRecipientsOf(secret string) (map[string]bool, error) {
	file, err := f.loadSops(secret)
	if err != nil {
		return nil, err
	}
	return f.sopsRecipients(file)
}

func (f *fleet) sopsRecipients(file *sopsfile.File) (map[string]bool, error) {
	out := map[string]bool{}
	for _, g := range file.Groups {
		for _, r := range g.Recipients {
			k := f.byAge[r.Value]
			if r.Type != "age" || k == nil {
				return nil, fmt.Errorf("%s: a recipient the test never made: %s", file.Path, r)
			}
			out[k.name] = true
		}
	}
	return out, nil
}

func (f *fleet) loadSops(secret string) (*sopsfile.File, error) {
	data, err := os.ReadFile(filepath.Join(f.dir, secret))
	if err != nil {
		return nil, err
	}
	return sopsfile.Load(secret, data)
}

// sopsDecrypt is a sops secret's plaintext as k's ssh-to-age identity opens
// it through the sops library (MAC verified), as `sops -d` prints it.
func (f *fleet) sopsDecrypt(secret string, k *key) ([]byte, error) {
	file, err := f.loadSops(secret)
	if err != nil {
		return nil, err
	}
	return sopsOpen(file, k)
}

func sopsOpen(file *sopsfile.File, ks ...*key) ([]byte, error) {
	var ids []age.Identity
	var names []string
	for _, k := range ks {
		ids = append(ids, k.x)
		names = append(names, k.name)
	}
	o, err := file.Open(context.Background(), ids, sopsfile.StoreOptions{})
	if err != nil {
		return nil, fmt.Errorf("%s as %s: %w", file.Path, strings.Join(names, ", "), err)
	}
	return bytes.Clone(o.Plaintext), nil
}

// checkSopsFile is checkFile for a sops secret, from one read of it: its
// metadata names one of the allowed sets, the operator and one host of it
// decrypt it to its exact plaintext, and the hosts removed for good, all
// their keys at once, open nothing.
func (f *fleet) checkSopsFile(secret string, allowed ...map[string]bool) (map[string]bool, error) {
	file, err := f.loadSops(secret)
	if err != nil {
		return nil, err
	}
	got, err := f.sopsRecipients(file)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(allowed, func(a map[string]bool) bool { return maps.Equal(got, withOperator(a)) }) {
		return got, fmt.Errorf("%s: encrypted to %v, want one of %v", secret, names(got), allowedNames(allowed))
	}
	for _, who := range []*key{f.op, f.someHost(got)} {
		if who == nil {
			continue
		}
		pt, err := sopsOpen(file, who)
		if err != nil {
			return got, err
		}
		if !bytes.Equal(pt, f.plain[secret]) {
			return got, fmt.Errorf("%s as %s: plaintext %q, want %q", secret, who.name, pt, f.plain[secret])
		}
	}
	var removed []*key
	for _, h := range slices.Sorted(maps.Keys(f.removed)) {
		removed = append(removed, f.keys[h])
	}
	if len(removed) > 0 {
		if _, err := sopsOpen(file, removed...); err == nil {
			return got, fmt.Errorf("%s: a removed host (of %v) can decrypt it", secret, names(f.removed))
		}
	}
	return got, nil
}

// sopsOracle is what the sops CLI decrypts secret to with k's ssh-to-age
// identity (SOPS_AGE_KEY_FILE), or its error.
func (f *fleet) sopsOracle(secret string, k *key) ([]byte, error) {
	cmd := exec.Command(peer.Need(f.t, "sops"), "-d", filepath.Join(f.dir, secret))
	cmd.Dir = f.keysDir
	cmd.Env = append(os.Environ(), "SOPS_DISABLE_VERSION_CHECK=1", "SOPS_AGE_KEY_FILE="+k.ageKeyFile, "SOPS_AGE_KEY=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("sops -d %s as %s: %v: %s", secret, k.name, err, firstLine(errb.String()))
	}
	return out.Bytes(), nil
}

// oracleCheck checks sops secrets with the sops CLI: each decrypts, for a
// host of its metadata and for the operator, to its exact plaintext, and
// a host removed for good (one, at random: every one of them is tried
// through the library by checkFile) does not open it. It returns the
// number of sops runs.
func (f *fleet) oracleCheck(rng *rand.Rand, secrets []string) int {
	f.t.Helper()
	runs := 0
	removed := slices.Sorted(maps.Keys(f.removed))
	for _, s := range secrets {
		got, err := f.sopsRecipientsOf(s)
		if err != nil {
			f.t.Fatal(err)
		}
		for _, who := range []*key{f.op, f.someHost(got)} {
			if who == nil {
				continue
			}
			pt, err := f.sopsOracle(s, who)
			runs++
			if err != nil {
				f.t.Fatal(err)
			}
			if !bytes.Equal(pt, f.plain[s]) {
				f.t.Fatalf("sops -d %s as %s: %q, want %q", s, who.name, pt, f.plain[s])
			}
		}
		if len(removed) > 0 {
			h := removed[rng.IntN(len(removed))]
			runs++
			if _, err := f.sopsOracle(s, f.keys[h]); err == nil {
				f.t.Fatalf("sops -d %s: removed host %s can decrypt it", s, h)
			}
		}
	}
	return runs
}

// sopsSecrets is the sops secrets of the model, sorted.
func (f *fleet) sopsSecrets() []string {
	var out []string
	for s := range f.model {
		if isSops(s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// sopsGroups is the directories (creation rules) of the model, sorted.
func (f *fleet) sopsGroups() []string {
	seen := map[string]bool{}
	for _, s := range f.sopsSecrets() {
		seen[sopsGroupOf(s)] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

// sample is up to n secrets of list, at random.
func sample(rng *rand.Rand, list []string, n int) []string {
	if len(list) <= n {
		return list
	}
	out := slices.Clone(list)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out[:n]
}
