// Package reliability holds only tests: the suites that prove nfrekey
// loses nothing, run against the real binary (built once by TestMain) on
// fleets encrypted by the real age CLI — SIGKILLs at random moments,
// racing writers, injected faults, concurrent runs, traced writes and a
// corpus of malformed inputs. docs/reliability.md records their figures.
package reliability

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"golang.org/x/crypto/ssh"

	"github.com/nfrekey/nfrekey/fixtures"
	"github.com/nfrekey/nfrekey/internal/agefile"
	"github.com/nfrekey/nfrekey/internal/peer"
)

// nfrekeyBin is the binary under test; buildErr says why there is none.
var (
	nfrekeyBin string
	buildErr   error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "nfrekey-reliability-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	nfrekeyBin, buildErr = build(dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// build compiles ./cmd/nfrekey with the toolchain `go env GOROOT` names,
// so that the binary tested is the one of this tree, whatever go is first
// on PATH in the child processes.
func build(dir string) (string, error) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("no go toolchain to build nfrekey: %w", err)
	}
	out, err := exec.Command(gobin, "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	gobin = filepath.Join(strings.TrimSpace(string(out)), "bin", "go")
	bin := filepath.Join(dir, "nfrekey")
	cmd := exec.Command(gobin, "build", "-o", bin, "./cmd/nfrekey")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/nfrekey: %v\n%s", err, out)
	}
	return bin, nil
}

func binary(t testing.TB) string {
	t.Helper()
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return nfrekeyBin
}

// result is one finished run of the binary.
type result struct {
	code           int
	stdout, stderr string
	elapsed        time.Duration
}

// runTimeout bounds every run: a hang (a FIFO read, a lock wait) fails.
const runTimeout = 60 * time.Second

// run runs nfrekey with args in dir, stdin empty (never a terminal).
func run(t testing.TB, dir string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String(), elapsed: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("nfrekey %s: still running after %v (a hang)\nstderr: %s", strings.Join(args, " "), runTimeout, r.stderr)
	}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("nfrekey %s: %v", strings.Join(args, " "), err)
	}
	return r
}

// key is one throw-away key pair of a test fleet.
type key struct {
	name    string
	pub     string // "ssh-ed25519 AAAA... name@fixtures"
	privPEM string // path of the OpenSSH private key, outside the repo
	id      age.Identity
	tag     string // the ssh-ed25519 stanza tag of pub
	// The ssh-to-age twin, which sops files are encrypted to (as sops-nix
	// decrypts them with the host key).
	x          *age.X25519Identity
	ageRecip   string // age1...
	ageKeyFile string // x as an age identity file, for SOPS_AGE_KEY_FILE
}

// fleet is a repo of age files (and, from newMixedFleet, sops files:
// sops_harness_test.go) whose plaintexts and declared recipients the test
// knows, so that every file can be checked after any run.
type fleet struct {
	t       testing.TB
	dir     string // the repo root
	keysDir string // private keys: outside the repo, so tree hashes ignore them
	seed    string
	op      *key
	keys    map[string]*key            // every key ever made, by name (operator included)
	byPub   map[string]*key            // by "type base64"
	byAge   map[string]*key            // by ssh-to-age recipient
	bound   []string                   // hosts bound in the rules, in order
	model   map[string]map[string]bool // secret -> host names declared (operator implied)
	plain   map[string][]byte          // secret -> plaintext
	removed map[string]bool            // hosts removed for good: never to regain access
}

// newFleet writes secrets.nix and n secrets, each to the operator and
// perSecret of hosts hosts (round-robin), encrypted by the age CLI.
// Every plaintext carries marker.
func newFleet(t testing.TB, n, hosts, perSecret int, marker string) *fleet {
	t.Helper()
	return newFleetAt(t, t.TempDir(), n, hosts, perSecret, marker, 0)
}

// newFleetAt is newFleet in dir, each plaintext padded to pad bytes.
func newFleetAt(t testing.TB, dir string, n, hosts, perSecret int, marker string, pad int) *fleet {
	t.Helper()
	ageBin := peer.Need(t, "age")
	f := &fleet{t: t, dir: dir, keysDir: t.TempDir(), seed: randHex(4),
		keys: map[string]*key{}, byPub: map[string]*key{}, byAge: map[string]*key{},
		model: map[string]map[string]bool{}, plain: map[string][]byte{}, removed: map[string]bool{}}
	f.op = f.newKey("operator")
	for i := 0; i < hosts; i++ {
		f.bound = append(f.bound, f.newKey(fmt.Sprintf("host%d", i)).name)
	}
	os.MkdirAll(filepath.Join(f.dir, "secrets"), 0o755)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, 4)
	for i := 0; i < n; i++ {
		s := fmt.Sprintf("secrets/s%05d.age", i)
		set := map[string]bool{}
		for j := 0; j < perSecret; j++ {
			set[f.bound[(i+j)%hosts]] = true
		}
		f.model[s] = set
		f.plain[s] = []byte(fmt.Sprintf("%s %s %s\n", marker, s, randHex(24)))
		if len(f.plain[s]) < pad {
			// The marker throughout, so that any chunk of it shows.
			f.plain[s] = append(f.plain[s], bytes.Repeat([]byte(" "+marker), pad/(len(marker)+1)+1)...)[:pad]
		}
		plain, pubs := f.plain[s], f.pubsOf(set) // the maps grow meanwhile
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			_, err := f.ageEncrypt(ageBin, s, plain, pubs)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	f.writeRules()
	return f
}

func (f *fleet) newKey(name string) *key {
	f.t.Helper()
	k, err := fixtures.DeriveKey(f.seed, name)
	if err != nil {
		f.t.Fatal(err)
	}
	path := filepath.Join(f.keysDir, name)
	if err := k.WritePrivate(path); err != nil {
		f.t.Fatal(err)
	}
	pemBytes, _ := os.ReadFile(path)
	id, err := agessh.ParseIdentity(pemBytes)
	if err != nil {
		f.t.Fatal(err)
	}
	pk, _, _, _, err := ssh.ParseAuthorizedKey([]byte(k.Public))
	if err != nil {
		f.t.Fatal(err)
	}
	sum := sha256.Sum256(pk.Marshal())
	kk := &key{name: name, pub: k.Public, privPEM: path, id: id, tag: base64.RawStdEncoding.EncodeToString(sum[:4])}
	f.keys[name] = kk
	f.byPub[pubID(k.Public)] = kk
	f.ageTwin(kk)
	return kk
}

// pubID is a key's type and base64, without the comment.
func pubID(line string) string {
	fs := strings.Fields(line)
	if len(fs) < 2 {
		return line
	}
	return fs[0] + " " + fs[1]
}

// pubsOf is the operator's and hosts' public keys.
func (f *fleet) pubsOf(hosts map[string]bool) []string {
	out := []string{f.op.pub}
	for _, h := range slices.Sorted(maps.Keys(hosts)) {
		out = append(out, f.keys[h].pub)
	}
	return out
}

// ageEncrypt writes secret as the age CLI encrypts plaintext to pubs,
// atomically (temp and rename), as an editor or agenix -e saving it would.
// ageEncrypt saves secret as another program would (the age CLI, then a
// rename into place) and returns the bytes it saved: reading them back
// from the path could see nfrekey's file, there for the microseconds of
// an exchange before it is swapped back.
func (f *fleet) ageEncrypt(ageBin, secret string, plaintext []byte, pubs []string) ([]byte, error) {
	args := []string{"-e"}
	for _, p := range pubs {
		args = append(args, "-r", p)
	}
	cmd := exec.Command(ageBin, args...)
	cmd.Stdin = bytes.NewReader(plaintext)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("age -e %s: %v: %s", secret, err, errb.String())
	}
	return out.Bytes(), atomicWrite(filepath.Join(f.dir, secret), out.Bytes())
}

func atomicWrite(path string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(path), ".writer-"+randHex(6))
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// rulesText renders the model: keys bound in a let, one explicit list per
// secret.
func (f *fleet) rulesText() []byte {
	var b bytes.Buffer
	b.WriteString("# THROW-AWAY test keys\nlet\n")
	fmt.Fprintf(&b, "  operator = %q;\n", f.op.pub)
	for _, h := range f.bound {
		fmt.Fprintf(&b, "  %s = %q;\n", h, f.keys[h].pub)
	}
	b.WriteString("in\n{\n")
	for _, s := range slices.Sorted(maps.Keys(f.model)) {
		if isSops(s) {
			continue // in .sops.yaml
		}
		fmt.Fprintf(&b, "  %q.publicKeys = [ operator %s ];\n", s, strings.Join(slices.Sorted(maps.Keys(f.model[s])), " "))
	}
	b.WriteString("}\n")
	return b.Bytes()
}

func (f *fleet) writeRules() {
	f.t.Helper()
	if err := atomicWrite(filepath.Join(f.dir, "secrets.nix"), f.rulesText()); err != nil {
		f.t.Fatal(err)
	}
	if cfg := f.sopsConfigText(); cfg != nil {
		if err := atomicWrite(filepath.Join(f.dir, ".sops.yaml"), cfg); err != nil {
			f.t.Fatal(err)
		}
	}
}

// args prefixes a command with the repo and the operator's identity.
func (f *fleet) args(cmd ...string) []string {
	return append([]string{"--repo", f.dir, "-i", f.op.privPEM}, cmd...)
}

func (f *fleet) run(cmd ...string) result {
	f.t.Helper()
	return run(f.t, f.dir, f.args(cmd...)...)
}

// rulesOnDisk evaluates the rules on disk (nfrekey rules --json) into
// secret -> host names; the bound hosts are those any secret names.
func (f *fleet) rulesOnDisk() map[string]map[string]bool {
	f.t.Helper()
	r := run(f.t, f.dir, "--repo", f.dir, "rules", "--json")
	if r.code != 0 {
		f.t.Fatalf("rules --json: exit %d: %s", r.code, r.stderr)
	}
	var doc map[string]struct {
		PublicKeys []string `json:"publicKeys"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		f.t.Fatalf("rules --json: %v", err)
	}
	out := map[string]map[string]bool{}
	for s, e := range doc {
		set := map[string]bool{}
		for _, p := range e.PublicKeys {
			k := f.byPub[pubID(p)]
			if k == nil {
				f.t.Fatalf("rules name a key the test never made: %s", p)
			}
			if k != f.op {
				set[k.name] = true
			}
		}
		out[s] = set
	}
	if len(f.sopsSecrets()) > 0 {
		maps.Copy(out, f.sopsRulesOnDisk())
	}
	return out
}

// adopt makes the rules on disk the model (after a run that may or may
// not have edited them).
func (f *fleet) adopt(m map[string]map[string]bool) {
	f.model = m
	seen := map[string]bool{}
	text, _ := os.ReadFile(filepath.Join(f.dir, "secrets.nix"))
	cfg, _ := os.ReadFile(filepath.Join(f.dir, ".sops.yaml"))
	f.bound = f.bound[:0]
	for _, name := range slices.Sorted(maps.Keys(f.keys)) {
		k := f.keys[name]
		bound := bytes.Contains(text, []byte(pubID(k.pub))) || bytes.Contains(cfg, []byte(k.ageRecip))
		if name != "operator" && bound && !seen[name] {
			f.bound = append(f.bound, name)
			seen[name] = true
		}
	}
}

// recipientsOf is the set of test keys an age file's header names
// (operator included), by their ssh-ed25519 tags; for a sops file, its
// metadata.
func (f *fleet) recipientsOf(secret string) (map[string]bool, error) {
	if isSops(secret) {
		return f.sopsRecipientsOf(secret)
	}
	h, err := agefile.ReadHeaderFile(filepath.Join(f.dir, secret))
	if err != nil {
		return nil, err
	}
	tags, _ := h.SSHTags()
	out := map[string]bool{}
	for _, tag := range tags {
		found := false
		for _, k := range f.keys {
			if k.tag == tag {
				out[k.name] = true
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("%s: a stanza for a key the test never made (tag %s)", secret, tag)
		}
	}
	return out, nil
}

// decrypt is secret's plaintext as k opens it (a sops file: with k's
// ssh-to-age twin, through the sops library).
func (f *fleet) decrypt(secret string, k *key) ([]byte, error) {
	if isSops(secret) {
		return f.sopsDecrypt(secret, k)
	}
	data, err := os.ReadFile(filepath.Join(f.dir, secret))
	if err != nil {
		return nil, err
	}
	r, err := age.Decrypt(bytes.NewReader(data), k.id)
	if err != nil {
		return nil, fmt.Errorf("%s as %s: %w", secret, k.name, err)
	}
	return io.ReadAll(r)
}

// withOperator is hosts plus the operator, as a header names them.
func withOperator(hosts map[string]bool) map[string]bool {
	out := maps.Clone(hosts)
	out["operator"] = true
	return out
}

// checkFile: secret decrypts to its exact plaintext (with the operator's
// key and with one host's key of its header), and its header names one of
// the allowed recipient sets. It returns the set it names.
func (f *fleet) checkFile(secret string, allowed ...map[string]bool) (map[string]bool, error) {
	if isSops(secret) {
		return f.checkSopsFile(secret, allowed...)
	}
	got, err := f.recipientsOf(secret)
	if err != nil {
		return nil, err
	}
	ok := false
	for _, a := range allowed {
		if maps.Equal(got, withOperator(a)) {
			ok = true
		}
	}
	if !ok {
		return got, fmt.Errorf("%s: encrypted to %v, want one of %v", secret, names(got), allowedNames(allowed))
	}
	for _, who := range []*key{f.op, f.someHost(got)} {
		if who == nil {
			continue
		}
		pt, err := f.decrypt(secret, who)
		if err != nil {
			return got, err
		}
		if !bytes.Equal(pt, f.plain[secret]) {
			return got, fmt.Errorf("%s as %s: plaintext %q, want %q", secret, who.name, pt, f.plain[secret])
		}
	}
	for h := range f.removed {
		if _, err := f.decrypt(secret, f.keys[h]); err == nil {
			return got, fmt.Errorf("%s: removed host %s can decrypt it", secret, h)
		}
	}
	return got, nil
}

// someHost is a host of set other than the operator (the first by name).
func (f *fleet) someHost(set map[string]bool) *key {
	for _, n := range slices.Sorted(maps.Keys(set)) {
		if n != "operator" {
			return f.keys[n]
		}
	}
	return nil
}

func names(set map[string]bool) []string { return slices.Sorted(maps.Keys(set)) }

func allowedNames(sets []map[string]bool) [][]string {
	var out [][]string
	for _, s := range sets {
		out = append(out, names(withOperator(s)))
	}
	return out
}

// checkAll checks every secret against the model.
func (f *fleet) checkAll() {
	f.t.Helper()
	for _, s := range slices.Sorted(maps.Keys(f.model)) {
		if _, err := f.checkFile(s, f.model[s]); err != nil {
			f.t.Fatal(err)
		}
	}
}

// temps lists the .nfrekey-tmp-* files under dir.
func temps(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".nfrekey-tmp-") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// treeHash hashes every path, type, mode, symlink target and content
// under dir (and files' mtimes): equal hashes mean nothing under dir
// changed. nfrekey's temps are left out: callers check them with temps.
func treeHash(t testing.TB, dir string) string {
	t.Helper()
	h := sha256.New()
	var paths []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			fmt.Fprintf(h, "err %s %v\n", p, err)
			return nil
		}
		// nfrekey's own temps are checked apart (temps): one staged in a
		// directory another program moves away is still its to remove.
		if !strings.HasPrefix(d.Name(), ".nfrekey-tmp-") {
			paths = append(paths, p)
		}
		return nil
	})
	sort.Strings(paths)
	for _, p := range paths {
		fi, err := os.Lstat(p)
		if err != nil {
			fmt.Fprintf(h, "gone %s\n", p)
			continue
		}
		rel, _ := filepath.Rel(dir, p)
		// A directory's mtime is left out: a run stopped by a signal
		// after staging creates and removes temps there (temps() checks
		// none is left). Files keep theirs: a file in sync is not
		// touched, not even its mtime.
		mtime := fi.ModTime().UnixNano()
		if fi.IsDir() {
			mtime = 0
		}
		fmt.Fprintf(h, "%s %v %d\n", rel, fi.Mode(), mtime)
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			fmt.Fprintf(h, "-> %s\n", target)
		case fi.Mode().IsRegular():
			data, _ := os.ReadFile(p)
			h.Write(data)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func randHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// noCrashTrace fails when output shows a Go panic or runtime crash.
func noCrashTrace(t testing.TB, what string, r result) {
	t.Helper()
	for _, s := range []string{r.stdout, r.stderr} {
		for _, bad := range []string{"panic:", "goroutine ", "runtime error", "fatal error:", "SIGSEGV"} {
			if strings.Contains(s, bad) {
				t.Fatalf("%s: output holds %q:\n%s", what, bad, s)
			}
		}
	}
}
