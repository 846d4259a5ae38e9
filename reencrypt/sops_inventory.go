package reencrypt

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/nfrekey/nfrekey/internal/gitignore"
	"github.com/nfrekey/nfrekey/internal/readlimit"
	"github.com/nfrekey/nfrekey/internal/txn"
	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/reencrypt/sopsfile"
	"github.com/nfrekey/nfrekey/sopsyaml"
)

// sopsMaxSize bounds the files the sops walk reads: sops files are
// configuration, and a repo may hold large binaries that are not.
const sopsMaxSize = 16 << 20

// sopsSecret is what a rekey needs of an audited sops file.
type sopsSecret struct {
	file      *sopsfile.File
	config    string // the governing .sops.yaml (absolute)
	rule      int    // the index of the rule matching it
	info      fs.FileInfo
	sum       []byte
	want      [][]sopsfile.Recipient // the rule's key groups, plus the file's keys of types nfrekey does not judge
	threshold int
	store     sopsfile.StoreOptions
	removes   bool // a recipient goes: the data key must change
}

// sopsInventory is the sops half of an Inventory.
type sopsInventory struct {
	root     string
	explicit string                      // --sops-config, absolute
	configs  map[string]*sopsyaml.Config // by absolute path
	srcs     map[string][]byte           // the bytes each was parsed from
	used     map[string]bool             // configs governing a file
	secrets  []*Secret
	findings []Finding
	// canon caches canonical forms: the same few keys recur in every
	// file's metadata, and parsing an age key checks its point (a modular
	// square root test), which was a third of a sops audit's CPU.
	canon sync.Map // sopsfile.Recipient -> string
}

func (si *sopsInventory) configPaths() []string {
	var out []string
	for p := range si.configs {
		if si.used[p] || p == si.explicit {
			out = append(out, relTo(si.root, p))
		}
	}
	sort.Strings(out)
	return out
}

// config parses (once) the .sops.yaml at path.
func (si *sopsInventory) config(path string) (*sopsyaml.Config, error) {
	if c, ok := si.configs[path]; ok {
		return c, nil
	}
	src, err := readlimit.ReadFile(path, sopsMaxSize)
	if err != nil {
		return nil, inputErr(fmt.Errorf("%s: %w", path, err))
	}
	c, err := sopsyaml.Parse(path, src)
	if err != nil {
		return nil, inputErr(err)
	}
	if err := checkSopsKeys(c); err != nil {
		return nil, inputErr(err)
	}
	si.configs[path], si.srcs[path] = c, src
	return c, nil
}

// checkSopsKeys refuses a config whose rules hold an age key that is not
// one (a typo, a truncated paste): every file under that rule would
// otherwise look drifted, and a rekey would fail on it file by file.
func checkSopsKeys(c *sopsyaml.Config) error {
	for _, r := range c.Rules {
		for _, g := range r.Groups {
			for _, k := range g.Age {
				if _, err := recipients.Parse(k.Value); err != nil {
					return &sopsyaml.Error{File: c.Path, Line: k.Line, Col: k.Col, Msg: fmt.Sprintf("age key %q: %v", truncateKey(k.Value), err)}
				}
			}
		}
	}
	return nil
}

func truncateKey(s string) string {
	if len(s) > 24 {
		return s[:24] + "..."
	}
	return s
}

// governing is the config of a sops file at abs: --sops-config, else the
// nearest .sops.yaml at or above it, up to the root ("" when none).
func (si *sopsInventory) governing(abs string) (string, error) {
	if si.explicit != "" {
		return si.explicit, nil
	}
	return sopsyaml.Find(si.root, abs)
}

// auditSops finds every sops file of the repo and judges it against its
// creation rule.
func auditSops(ctx context.Context, root, explicit string) (*sopsInventory, error) {
	return auditSopsOver(ctx, root, explicit, nil)
}

// auditSopsOver is auditSops with some configs replaced by edited ones
// (by absolute path), not yet written: add-host plans against them.
func auditSopsOver(ctx context.Context, root, explicit string, overlay map[string]*sopsyaml.Config) (*sopsInventory, error) {
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	si := &sopsInventory{root: root, configs: map[string]*sopsyaml.Config{}, srcs: map[string][]byte{}, used: map[string]bool{}}
	for p, c := range overlay {
		si.configs[p] = c
	}
	if explicit != "" {
		abs, err := filepath.Abs(explicit)
		if err != nil {
			return nil, err
		}
		si.explicit = abs
		if _, err := si.config(abs); err != nil {
			return nil, err
		}
	}
	files, configs, err := walkSops(ctx, root)
	if err != nil {
		return nil, err
	}
	matched := map[string]map[int]bool{} // config -> rules matching a file
	// Reading and parsing are most of an audit: in parallel; judging
	// against the configs (shared state) in order.
	cands := make([]candidate, len(files))
	forEachIndex(len(files), func(i int) { cands[i] = loadCandidate(files[i]) })
	for i, abs := range files {
		if cands[i].skip {
			continue
		}
		s, err := si.judge(abs, cands[i], matched)
		if err != nil {
			return nil, err
		}
		if s != nil {
			si.secrets = append(si.secrets, s)
		}
	}
	// Configs never reached by a file are still read for their findings:
	// a config whose rules match nothing is worth saying.
	if err := si.readAllConfigs(ctx, configs); err != nil {
		return nil, err
	}
	si.findings = append(si.findings, si.ruleFindings(matched)...)
	return si, nil
}

// walkSops lists, in one walk of the repo (not .git, not what git
// ignores, in a linked work tree too), the regular files that may be sops
// files — a cheap byte check comes later, so only files that mention sops'
// metadata keys are parsed — and the .sops.yaml configs (configs is never
// nil, so that readAllConfigs need not walk again).
func walkSops(ctx context.Context, root string) (files, configs []string, err error) {
	configs = []string{}
	err = gitignore.Walk(root, func(path string, d fs.DirEntry) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		name := d.Name()
		if !d.Type().IsRegular() {
			return nil
		}
		if name == ".sops.yaml" {
			configs = append(configs, path)
			return nil
		}
		if strings.HasSuffix(name, ".age") || strings.HasPrefix(name, txn.TempPrefix) || name == LockFileName {
			return nil
		}
		if info, err := d.Info(); err != nil || info.Size() > sopsMaxSize {
			return nil
		}
		files = append(files, path)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("walking %s: %w", root, err)
	}
	return files, configs, nil
}

// mayBeSops is the pre-check before a parse: the metadata marker of the
// format sops gives path (YAML `sops:` at the top level, JSON and binary
// `"sops"`, dotenv `sops_` keys, INI `[sops]`). A file with it that does
// not load is a broken sops file, not a plain one.
func mayBeSops(path string, data []byte) bool {
	switch sopsfile.FormatForPath(path) {
	case sopsfile.FormatYAML:
		return bytes.HasPrefix(data, []byte("sops:")) || bytes.Contains(data, []byte("\nsops:"))
	case sopsfile.FormatDotenv:
		return bytes.HasPrefix(data, []byte("sops_")) || bytes.Contains(data, []byte("\nsops_"))
	case sopsfile.FormatINI:
		return bytes.Contains(data, []byte("[sops]"))
	}
	return bytes.Contains(data, []byte(`"sops"`))
}

// judge reads one candidate file; nil when it is not a sops file.
// peekSize is the size up to which a candidate is read whole for the
// marker check; of a larger file only its head and tail are: sops writes
// its metadata last (YAML, JSON, dotenv, INI alike), so a large file that
// is no sops file costs two small reads, not a full one.
const peekSize = 128 << 10

func peekSops(abs string) bool {
	f, err := os.OpenFile(abs, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() > sopsMaxSize {
		return false
	}
	if st.Size() <= peekSize {
		return true
	}
	head := make([]byte, 4<<10)
	tail := make([]byte, 64<<10)
	n, _ := f.ReadAt(head, 0)
	m, _ := f.ReadAt(tail, st.Size()-int64(len(tail)))
	buf := append(append(head[:n:n], '\n'), tail[:m]...)
	return mayBeSops(abs, buf)
}

// candidate is a file of the walk, read and parsed.
type candidate struct {
	data []byte
	f    *sopsfile.File
	err  error // why it does not load (a broken sops file)
	skip bool  // not a sops file
}

func loadCandidate(abs string) candidate {
	if !peekSops(abs) {
		return candidate{skip: true}
	}
	data, err := readlimit.ReadFile(abs, sopsMaxSize)
	if err != nil || !mayBeSops(abs, data) {
		return candidate{skip: true}
	}
	f, lerr := sopsfile.Load(abs, data)
	if lerr != nil && isPlainParse(abs, data) {
		return candidate{skip: true} // a plain document that only mentions sops
	}
	// Any other file (binary to sops: .nix, .md, .sh...) is a candidate
	// as soon as it says "sops" in quotes, as sops-nix modules do
	// (filterAttrs (n: _: n != "sops") ...): one that is not even the
	// JSON of a binary sops file is not a broken sops file.
	if lerr != nil && sopsfile.FormatForPath(abs) == sopsfile.FormatBinary && !sopsfile.Sniff(abs, data) {
		return candidate{skip: true}
	}
	return candidate{data: data, f: f, err: lerr}
}

// forEachIndex runs f(0..n-1) on NumCPU goroutines.
func forEachIndex(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.NumCPU(), n) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func (si *sopsInventory) judge(abs string, c candidate, matched map[string]map[int]bool) (*Secret, error) {
	rel := relTo(si.root, abs)
	row := &Secret{Backend: BackendSops}
	row.Path, row.File, row.Exists = rel, abs, true
	data, f, lerr := c.data, c.f, c.err
	// The governing rule is found from the path alone, so that a broken
	// file is still known to the rule it falls under (an add-host to that
	// rule must not skip it).
	ss := &sopsSecret{}
	row.sops = ss
	cfgPath, err := si.governing(abs)
	if err != nil {
		return nil, inputErr(err)
	}
	var cfg *sopsyaml.Config
	var rule *sopsyaml.Rule
	if cfgPath != "" {
		if cfg, err = si.config(cfgPath); err != nil {
			return nil, err
		}
		si.used[cfgPath] = true
		row.Rules = relTo(si.root, cfgPath)
		matchPath := filepath.ToSlash(mustRel(filepath.Dir(cfgPath), abs))
		if strings.HasPrefix(matchPath, "../") {
			matchPath = filepath.ToSlash(abs) // sops matches the absolute path of a file outside the config's directory
		}
		if r, ok := cfg.Match(matchPath); ok {
			rule = r
			row.Line = r.Line
			ss.config, ss.rule = cfgPath, r.Index
		}
	}
	if lerr != nil {
		// Rows are shown under their path already.
		row.Status, row.Err = StatusInvalid, trimPath(lerr, abs)
		return row, nil
	}
	info, err := os.Lstat(abs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", abs, err)
	}
	sum := sha256.Sum256(data)
	ss.file, ss.info, ss.sum = f, info, sum[:]
	switch {
	case cfg == nil:
		row.Status = StatusUndeclared
		row.Err = ErrNoSopsConfig
		return row, nil
	case rule == nil:
		row.Status = StatusUndeclared
		row.Err = fmt.Errorf("no creation rule of %s matches it", row.Rules)
		return row, nil
	}
	if matched[cfgPath] == nil {
		matched[cfgPath] = map[int]bool{}
	}
	matched[cfgPath][rule.Index] = true
	row.Declared = true
	ss.threshold = rule.Shamir
	ss.store = storeOptions(cfg.Stores)
	names := si.namesOf(cfg)
	label := func(r sopsfile.Recipient) string {
		if n := names[si.canonical(r)]; n != "" {
			return n
		}
		if r.Type == "age" {
			return r.Value
		}
		return r.String()
	}
	for gi, g := range rule.Groups {
		var want []sopsfile.Recipient
		for _, k := range g.Age {
			row.Keys = append(row.Keys, DeclaredKey{Name: k.Name, Recipient: k.Value, Group: gi})
			want = append(want, sopsfile.Recipient{Type: "age", Value: k.Value})
		}
		for _, p := range g.PGP {
			row.Keys = append(row.Keys, DeclaredKey{Recipient: "pgp:" + p, Group: gi})
			want = append(want, sopsfile.Recipient{Type: "pgp", Value: p})
		}
		ss.want = append(ss.want, want)
	}
	// Compare group by group; keys of types nfrekey cannot judge (KMS,
	// Vault...) are carried over as the file has them.
	n := max(len(ss.want), len(f.Groups))
	for gi := 0; gi < n; gi++ {
		var have []sopsfile.Recipient
		if gi < len(f.Groups) {
			have = f.Groups[gi].Recipients
		}
		if gi < len(ss.want) {
			for _, r := range have {
				if !judged(r) {
					ss.want[gi] = append(ss.want[gi], r)
				}
			}
		}
		var want []sopsfile.Recipient
		if gi < len(ss.want) {
			want = ss.want[gi]
		}
		for _, r := range want {
			if !si.containsRecipient(have, r) {
				row.Add = appendNew(row.Add, label(r))
			}
		}
		for _, r := range have {
			if judged(r) && !si.containsRecipient(want, r) {
				row.Remove = appendNew(row.Remove, label(r))
				ss.removes = true
			}
		}
	}
	if n := len(f.Groups); n > 1 && len(ss.want) == n {
		// With the same groups, a new threshold re-splits the data key
		// among them (rekey does it, as sops updatekeys would).
		have, want := sopsfile.EffectiveThreshold(f.Threshold, n), sopsfile.EffectiveThreshold(ss.threshold, n)
		if have != want {
			row.Threshold = &ThresholdChange{File: have, Rule: want}
		}
	}
	row.Status = StatusOK
	if len(row.Add) > 0 || len(row.Remove) > 0 || len(ss.want) != len(f.Groups) || row.Threshold != nil {
		row.Status = StatusStale
		if len(ss.want) < len(f.Groups) {
			ss.removes = true
		}
	}
	return row, nil
}

// isPlainParse reports whether data parses in its format as a plain
// (unencrypted) document: then a file that is no sops file is just a file.
func isPlainParse(path string, data []byte) bool {
	_, err := sopsfile.Load(path, data)
	return err != nil && strings.Contains(err.Error(), "not a sops file")
}

// judged reports whether nfrekey compares a key type: age and pgp are
// text on both sides; KMS and Vault keys carry context that differs
// between the config and the file.
func judged(r sopsfile.Recipient) bool { return r.Type == "age" || r.Type == "pgp" }

// canonical is a recipient's identity: age keys by their parsed form, so
// an ssh key with a comment equals the same key without.
func (si *sopsInventory) canonical(r sopsfile.Recipient) string {
	if c, ok := si.canon.Load(r); ok {
		return c.(string)
	}
	c := r.Type + ":" + r.Value
	if r.Type == "age" {
		if k, err := recipients.Parse(r.Value); err == nil {
			c = "age:" + k.String()
		}
	}
	si.canon.Store(r, c)
	return c
}

func (si *sopsInventory) containsRecipient(list []sopsfile.Recipient, r sopsfile.Recipient) bool {
	c := si.canonical(r)
	return slices.ContainsFunc(list, func(x sopsfile.Recipient) bool { return si.canonical(x) == c })
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// namesOf maps each key the config names (by anchor, alias or comment
// label) to its name, so that a key the file has in excess is still
// shown by name.
func (si *sopsInventory) namesOf(cfg *sopsyaml.Config) map[string]string {
	m := map[string]string{}
	for _, k := range cfg.Keys {
		m[si.canonical(sopsfile.Recipient{Type: "age", Value: k.Value})] = k.Anchor
	}
	for _, r := range cfg.Rules {
		for _, g := range r.Groups {
			for _, k := range g.Age {
				c := si.canonical(sopsfile.Recipient{Type: "age", Value: k.Value})
				if m[c] == "" && k.Name != "" {
					m[c] = k.Name
				}
			}
		}
	}
	return m
}

// readAllConfigs parses every .sops.yaml of the repo not yet read.
// paths are the configs a walk of the repo already found; nil: walk.
func (si *sopsInventory) readAllConfigs(ctx context.Context, paths []string) error {
	if si.explicit != "" {
		return nil
	}
	if paths == nil {
		var err error
		if _, paths, err = walkSops(ctx, si.root); err != nil {
			return err
		}
	}
	for _, p := range paths {
		if _, err := si.config(p); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// ruleFindings reports, per config, the rules no file matches and the
// ssh-ed25519 keys in rules of a config whose other hosts use age1 keys.
func (si *sopsInventory) ruleFindings(matched map[string]map[int]bool) []Finding {
	var paths []string
	for p := range si.configs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var out []Finding
	for _, p := range paths {
		cfg, rel := si.configs[p], relTo(si.root, p)
		x25519 := 0
		for _, r := range cfg.Rules {
			for _, g := range r.Groups {
				for _, k := range g.Age {
					if pk, err := recipients.Parse(k.Value); err == nil && pk.Kind == recipients.X25519 {
						x25519++
					}
				}
			}
		}
		seen := map[string]bool{}
		for _, r := range cfg.Rules {
			if !matched[p][r.Index] {
				what := "creation rule " + fmt.Sprint(r.Index+1)
				if r.PathRegex != "" {
					what += fmt.Sprintf(" (path_regex %q)", r.PathRegex)
				}
				out = append(out, Finding{Kind: "unused-rule", File: rel, Line: r.Line,
					Message: what + " matches no sops file"})
			}
			if x25519 == 0 {
				continue
			}
			for _, g := range r.Groups {
				for _, k := range g.Age {
					pk, err := recipients.Parse(k.Value)
					if err != nil || pk.Kind != recipients.SSHEd25519 || seen[k.Value] {
						continue
					}
					seen[k.Value] = true
					who := k.Name
					if who == "" {
						who = "an ssh-ed25519 key"
					}
					msg := fmt.Sprintf("%s is in ssh form while the other hosts use age1 keys: sops-nix decrypts with the host key converted to age", who)
					if a, err := pk.ToAgeX25519(); err == nil {
						msg += "; write " + a.String() + " instead"
					}
					out = append(out, Finding{Kind: "sops-ssh-recipient", File: rel, Line: k.Line, Message: msg})
				}
			}
		}
	}
	return out
}

func mustRel(base, p string) string {
	if rel, err := filepath.Rel(base, p); err == nil {
		return rel
	}
	return p
}

// trimPath drops a leading "PATH: " from err's text.
func trimPath(err error, path string) error {
	if msg, ok := strings.CutPrefix(err.Error(), path+": "); ok {
		return errors.New(msg)
	}
	return err
}

// ErrNoSopsConfig is the error of an undeclared sops file that no
// .sops.yaml governs: none in its directory or above it, up to the root.
var ErrNoSopsConfig = errors.New("no .sops.yaml governs it")

// SopsConfigAbove returns the .sops.yaml that would govern the file at rel
// (relative to root) were top, a directory above root, the repo root, when
// that config lies above root: a repo root found too low (a secrets.nix
// in secrets/ of a flake whose .sops.yaml is at its top) leaves the file
// ungoverned. "" when there is none.
func SopsConfigAbove(root, top, rel string) string {
	if t, err := filepath.EvalSymlinks(top); err == nil {
		top = t
	}
	cfg, err := sopsyaml.Find(top, filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil || cfg == "" {
		return ""
	}
	if r, err := filepath.Rel(root, cfg); err == nil && !strings.HasPrefix(r, "..") {
		return "" // under root after all: it governs the file already
	}
	return cfg
}
