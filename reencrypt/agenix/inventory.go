package agenix

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"filippo.io/age/plugin"

	"github.com/nfrekey/nfrekey/internal/agefile"
	"github.com/nfrekey/nfrekey/internal/gitignore"
	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// Status is how a secret's file compares with its rules.
type Status string

const (
	StatusOK         Status = "ok"         // the file's recipients are exactly the declared ones
	StatusStale      Status = "stale"      // they differ
	StatusMissing    Status = "missing"    // declared, no file
	StatusUndeclared Status = "undeclared" // an .age file no rule covers
	StatusUnverified Status = "unverified" // consistent, but X25519 recipients cannot be proven (no matching lock entry)
	StatusInvalid    Status = "invalid"    // the file exists but its age header cannot be read (see Secret.Err)
)

// Declared is one recipient the rules give a secret.
type Declared struct {
	Name      string // the binding it came from, "" if none
	Recipient recipients.Recipient
}

// Label is the name, else the recipient text.
func (d Declared) Label() string {
	if d.Name != "" {
		return d.Name
	}
	return d.Recipient.String()
}

// Secret is one age file of the repo, declared or not.
type Secret struct {
	Path     string // relative to the repo root, slash-separated
	File     string // absolute, symlinks resolved: where it is read and written
	LockKey  string // relative to the rules file's directory (the lock file's key)
	Declared bool   // a rule covers it
	// Recipients are the declared recipients, duplicates removed, in rules order.
	Recipients []Declared
	Armor      bool // declared armor (age.armor in the rules)
	Line, Col  int  // the rule's position in the rules file (0 if unknown)
	Exists     bool
	Status     Status
	Add        []string // declared recipients the file lacks (names, else recipient text)
	Remove     []string // recipients the file has in excess
	Err        error    // why the header could not be read (StatusInvalid)

	header *agefile.Header
	info   fs.FileInfo // the file whose header was read
	// known: every recipient of the file is identified (by ssh tag or by a
	// trusted lock entry), so Add is exactly what a header rewrap must add.
	known bool
	// missing are the declared recipients the file lacks, when known.
	missing []recipients.Recipient
}

// Finding is a problem of the rules themselves, not of a file: a warning,
// never drift.
type Finding struct {
	Kind    string // "duplicate-key", "unused-key", "armor-mismatch"
	Message string
	Secret  string // the secret's path, if about one
	File    string // the file it is about, relative to the repo root, slash-separated ("" if none)
	Line    int    // in File, 0 if unknown
}

// Inventory is every age secret of a repo with its status.
type Inventory struct {
	RepoRoot  string // absolute, symlinks resolved
	RulesFile string
	RulesDir  string    // absolute, symlinks resolved
	Secrets   []*Secret // sorted by Path
	Findings  []Finding // about the rules
	lock      *lockFile // .nfrekey.lock as read
	lockData  []byte    // its bytes, nil when absent
	lockPath  string
	names     *nameIndex                      // tag/recipient -> binding name
	keyPlaces map[keyPlace]bool               // where the rules bind a key (repo-relative file, line)
	lockKeys  map[string]recipients.Recipient // lock recipient text -> parsed (valid ones only)
	ageRecips sync.Map                        // recipient ID -> age.Recipient, see ageRecipient
	// pluginUI serves plugin recipients (their plugin may talk to the
	// user): the identities' UI, set when a plan is opened.
	pluginUI *plugin.ClientUI
}

// AuditOptions say what to audit.
type AuditOptions struct {
	RepoRoot  string
	RulesFile string
	// Rules are the evaluated rules; nil means evaluate RulesFile.
	Rules *secretsnix.Rules
	// Jobs is the number of files read in parallel (0: NumCPU).
	Jobs int
	// UseNix evaluates RulesFile with nix-instantiate (secretsnix.Options.UseNix).
	UseNix bool
	// AgeFiles are the repo's .age files as ListAgeFiles gives them (for
	// the root with symlinks resolved); nil: the inventory lists them.
	AgeFiles []string
	// Former are recipients the rules no longer declare but whose names
	// are known (the host a remove-host just took out): files still
	// encrypted to them name them rather than an unknown key tag.
	Former []Declared
}

// Audit builds the inventory: the rules evaluated once, then only the
// header of each file read, in parallel. It needs no private key.
func Audit(ctx context.Context, opts AuditOptions) (*Inventory, error) {
	inv, err := newInventory(opts)
	if err != nil {
		return nil, err
	}
	var todo []*Secret
	for _, s := range inv.Secrets {
		if s.Declared {
			todo = append(todo, s)
		}
	}
	forEach(opts.Jobs, len(todo), func(i int) {
		if ctx.Err() != nil {
			return
		}
		inv.judgeFile(todo[i])
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	inv.armorFindings()
	return inv, nil
}

// armorFindings reports the files whose armor is not the one their rule
// declares: a warning, not drift. ls reports the rules' value; rekey
// leaves such a file as it is unless it rekeys it anyway, and then writes
// the declared armor.
func (inv *Inventory) armorFindings() {
	n := len(inv.Findings)
	rules := inv.repoRel(filepath.Join(inv.RulesDir, filepath.Base(inv.RulesFile)))
	for _, s := range inv.Secrets {
		if !s.Declared || s.header == nil || s.header.Armored == s.Armor {
			continue
		}
		is, declared := "binary", "armor = true"
		if s.header.Armored {
			is, declared = "ASCII-armored", "no armor"
		}
		inv.Findings = append(inv.Findings, Finding{
			Kind:    "armor-mismatch",
			Message: fmt.Sprintf("%s is %s but its rule declares %s (rekey keeps the file's armor)", s.Path, is, declared),
			Secret:  s.Path,
			File:    rules,
			Line:    s.Line,
		})
	}
	if len(inv.Findings) > n {
		inv.sortFindings()
	}
}

func newInventory(opts AuditOptions) (*Inventory, error) {
	root, err := filepath.Abs(opts.RepoRoot)
	if err != nil {
		return nil, err
	}
	if root, err = filepath.EvalSymlinks(root); err != nil {
		return nil, inputErr(fmt.Errorf("repo root: %w", err))
	}
	rules := opts.Rules
	if rules == nil {
		rules, err = secretsnix.LoadRules(opts.RulesFile, secretsnix.Options{Root: root, UseNix: opts.UseNix})
		if err != nil {
			return nil, inputErr(err)
		}
	}
	rulesFile := opts.RulesFile
	if rulesFile == "" {
		rulesFile = rules.File
	}
	rulesAbs, err := filepath.Abs(rulesFile)
	if err != nil {
		return nil, err
	}
	rulesDir, err := filepath.EvalSymlinks(filepath.Dir(rulesAbs))
	if err != nil {
		return nil, inputErr(fmt.Errorf("rules file: %w", err))
	}
	inv := &Inventory{RepoRoot: root, RulesFile: rulesFile, RulesDir: rulesDir, names: newNameIndex()}
	for _, d := range opts.Former {
		inv.names.add(d)
	}
	inv.lockPath = filepath.Join(rulesDir, LockFileName)
	if inv.lock, inv.lockData, err = readLock(inv.lockPath); err != nil {
		return nil, inputErr(err)
	}

	byFile := map[string]*Secret{}
	keyNames := map[string]map[string]keyPlace{} // recipient ID -> binding names -> where bound
	parsed := map[string]parsedKey{}             // key text -> parse result: each distinct key is parsed once
	dirs := map[string]string{}                  // directory -> with symlinks resolved
	for _, rs := range rules.Secrets {
		s, err := inv.declare(rs, keyNames, parsed, dirs)
		if err != nil {
			return nil, err
		}
		if prev := byFile[s.File]; prev != nil {
			return nil, inputErr(inv.posErr(rs, fmt.Sprintf("%s names the same file as %s", rs.Name, prev.Path)))
		}
		byFile[s.File] = s
		inv.Secrets = append(inv.Secrets, s)
	}
	for id, names := range keyNames {
		if len(names) > 1 {
			var ns []string
			for n := range names {
				ns = append(ns, n)
			}
			sort.Strings(ns)
			// It points at the last of the bindings, the one that repeats.
			var at keyPlace
			for _, n := range ns {
				if p := names[n]; p.line > 0 && (at.line == 0 || p.file > at.file || p.file == at.file && p.line > at.line) {
					at = p
				}
			}
			inv.Findings = append(inv.Findings, Finding{
				Kind:    "duplicate-key",
				Message: fmt.Sprintf("the same key is bound to %s (%s)", strings.Join(ns, " and "), truncate(id, 40)),
				File:    inv.repoRel(at.file),
				Line:    at.line,
			})
		}
	}
	inv.Findings = append(inv.Findings, inv.unusedKeys(rules, parsed)...)
	inv.sortFindings()
	// A lock entry lists every recipient of its file, so the same few keys
	// repeat across thousands of entries: parse each text once (an ed25519
	// key's point check is most of an audit's CPU otherwise).
	inv.lockKeys = map[string]recipients.Recipient{}
	for _, e := range inv.lock.Files {
		for _, t := range e.Recipients {
			if _, seen := inv.lockKeys[t]; seen {
				continue
			}
			if r, err := recipients.Parse(t); err == nil {
				inv.lockKeys[t] = r
				inv.names.add(Declared{Recipient: r})
			}
		}
	}

	// Every *.age file under the root no rule covers: regular files and
	// symlinks (listed, never followed: a link's target is not read),
	// not those git ignores when the root is a git work tree.
	byPath := make(map[string]bool, len(inv.Secrets))
	for _, s := range inv.Secrets {
		byPath[s.Path] = true
	}
	files := opts.AgeFiles
	if files == nil {
		if files, err = ListAgeFiles(root); err != nil {
			return nil, err
		}
	}
	for _, path := range files {
		if byFile[path] != nil {
			continue
		}
		rel, err := filepath.Rel(root, path)
		if err != nil || byPath[filepath.ToSlash(rel)] {
			continue // a declared secret that is itself a symlink
		}
		inv.Secrets = append(inv.Secrets, &Secret{Path: filepath.ToSlash(rel), File: path, Exists: true, Status: StatusUndeclared})
	}
	sort.Slice(inv.Secrets, func(i, j int) bool { return inv.Secrets[i].Path < inv.Secrets[j].Path })
	return inv, nil
}

// keyPlace is where a key is bound (secretsnix.Key.File/Line).
type keyPlace struct {
	file string
	line int
}

// repoRel names a file of the rules (as secretsnix gives it) relative to
// the repo root, slash-separated; "" stays "".
func (inv *Inventory) repoRel(file string) string {
	if file == "" {
		return ""
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.ToSlash(file)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if rel, err := filepath.Rel(inv.RepoRoot, abs); err == nil && within(inv.RepoRoot, abs) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

// unusedKeys finds the bindings whose value is a key no secret declares.
func (inv *Inventory) unusedKeys(rules *secretsnix.Rules, parsed map[string]parsedKey) []Finding {
	used := map[string]bool{}
	for _, pk := range parsed {
		if pk.err == nil {
			used[pk.r.ID()] = true
		}
	}
	var out []Finding
	for _, b := range rules.Bindings {
		pk, ok := parsed[b.Text]
		if !ok {
			pk.r, pk.err = recipients.Parse(b.Text)
			parsed[b.Text] = pk
		}
		if pk.err != nil {
			continue
		}
		file := inv.repoRel(b.File)
		if inv.keyPlaces == nil {
			inv.keyPlaces = map[keyPlace]bool{}
		}
		inv.keyPlaces[keyPlace{file, b.Line}] = true
		if used[pk.r.ID()] {
			continue
		}
		out = append(out, Finding{
			Kind:    "unused-key",
			Message: fmt.Sprintf("key %s (%s:%d) is bound but used by no secret", b.Name, file, b.Line),
			File:    file,
			Line:    b.Line,
		})
	}
	return out
}

// BindsKeyAt reports whether the rules bind a key at file (relative to
// the repo root, as Finding.File) and line: an unused-key finding of one
// rules file about a keys file another imports too holds only if that
// one reports it as well.
func (inv *Inventory) BindsKeyAt(file string, line int) bool {
	return inv.keyPlaces[keyPlace{file, line}]
}

// sortFindings orders the findings by place, then message.
func (inv *Inventory) sortFindings() {
	sort.SliceStable(inv.Findings, func(i, j int) bool {
		a, b := inv.Findings[i], inv.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
}

func (inv *Inventory) posErr(rs secretsnix.Secret, msg string) error {
	if rs.Line > 0 {
		return &secretsnix.Error{File: inv.RulesFile, Line: rs.Line, Col: rs.Col, Msg: msg}
	}
	return fmt.Errorf("%s: %s", inv.RulesFile, msg)
}

type parsedKey struct {
	r   recipients.Recipient
	err error
}

// declare resolves one rule: its file (inside the repo root, symlinks
// resolved) and its parsed, deduplicated recipients.
func (inv *Inventory) declare(rs secretsnix.Secret, keyNames map[string]map[string]keyPlace, parsed map[string]parsedKey, dirs map[string]string) (*Secret, error) {
	name := filepath.FromSlash(rs.Name)
	if name == "" || filepath.IsAbs(name) {
		return nil, inputErr(inv.posErr(rs, fmt.Sprintf("secret %q: must be a path relative to the rules file", rs.Name)))
	}
	lexical := filepath.Join(inv.RulesDir, name)
	if !within(inv.RepoRoot, lexical) {
		return nil, inputErr(inv.posErr(rs, fmt.Sprintf("secret %q resolves outside the repo root %s", rs.Name, inv.RepoRoot)))
	}
	real, err := resolveInDir(lexical, dirs)
	if err != nil {
		return nil, inputErr(inv.posErr(rs, fmt.Sprintf("secret %q: %v", rs.Name, err)))
	}
	if !within(inv.RepoRoot, real) {
		return nil, inputErr(inv.posErr(rs, fmt.Sprintf("secret %q leads through a symlink out of the repo root (to %s)", rs.Name, real)))
	}
	rel, _ := filepath.Rel(inv.RepoRoot, lexical)
	s := &Secret{
		Path:     filepath.ToSlash(rel),
		File:     real,
		LockKey:  filepath.ToSlash(filepath.Clean(name)),
		Declared: true,
		Armor:    rs.Armor,
		Line:     rs.Line,
		Col:      rs.Col,
	}
	seen := map[string]bool{}
	for _, k := range rs.PublicKeys {
		pk, ok := parsed[k.Text]
		if !ok {
			pk.r, pk.err = recipients.Parse(k.Text)
			parsed[k.Text] = pk
		}
		r, err := pk.r, pk.err
		if err != nil {
			what := "a key"
			if k.Name != "" {
				what = "key " + k.Name
			}
			msg := fmt.Sprintf("secret %q: %s: %v", rs.Name, what, err)
			if k.Line > 0 {
				// Where the key is written: its binding, or the list element.
				return nil, inputErr(&secretsnix.Error{File: k.File, Line: k.Line, Col: k.Col, Msg: msg})
			}
			return nil, inputErr(inv.posErr(rs, msg))
		}
		d := Declared{Name: k.Name, Recipient: r}
		inv.names.add(d)
		if k.Name != "" {
			if keyNames[r.ID()] == nil {
				keyNames[r.ID()] = map[string]keyPlace{}
			}
			if _, ok := keyNames[r.ID()][k.Name]; !ok {
				keyNames[r.ID()][k.Name] = keyPlace{k.File, k.Line}
			}
		}
		if seen[r.ID()] {
			continue
		}
		seen[r.ID()] = true
		s.Recipients = append(s.Recipients, d)
	}
	return s, nil
}

// resolve evaluates the symlinks of path, which may not exist yet (then
// those of its nearest existing parent).
func resolve(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err == nil {
		return real, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	parent := filepath.Dir(path)
	if parent == path {
		return path, nil
	}
	rp, err := resolve(parent)
	if err != nil {
		return "", err
	}
	return filepath.Join(rp, filepath.Base(path)), nil
}

// resolveInDir is resolve for many files in few directories: each
// directory is resolved once (EvalSymlinks lstats every component, which
// dominated auditing 10,000 files), then only the file itself is checked
// for being a link.
func resolveInDir(path string, dirs map[string]string) (string, error) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	rdir, ok := dirs[dir]
	if !ok {
		var err error
		if rdir, err = resolve(dir); err != nil {
			return "", err
		}
		dirs[dir] = rdir
	}
	p := filepath.Join(rdir, base)
	fi, err := os.Lstat(p)
	switch {
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		return resolve(p)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return "", err
	}
	return p, nil
}

func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// judgeFile reads the file's header and sets its status.
func (inv *Inventory) judgeFile(s *Secret) {
	h, info, err := readHeaderFile(s.File)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.Status = StatusMissing
		return
	case err != nil:
		s.Exists = true
		s.Status = StatusInvalid
		s.Err = err
		return
	}
	s.Exists = true
	s.header, s.info = h, info
	facts := factsOf(h)
	var trusted []recipients.Recipient
	if e, ok := inv.lock.Files[s.LockKey]; ok && (len(facts.Types) > 0 || hasOpaque(s.Recipients)) {
		if sum, err := fileSHA256(s.File); err == nil && sum == e.SHA256 {
			trusted = lockRecipients(e, facts, inv.lockKeys)
		}
	}
	v := judge(s.Recipients, facts, trusted, inv.names)
	s.Status, s.Add, s.Remove, s.known, s.missing = v.status, v.add, v.remove, v.known, v.missing
}

// headerFacts are what an age header says about its recipients.
type headerFacts struct {
	Ed25519, RSA []string // ssh key tags
	// Types counts every other non-grease stanza type (X25519,
	// mlkem768x25519, plugin types such as piv-p256, scrypt...): those
	// stanzas name no recipient, so only their number per type is known.
	Types map[string]int
}

// factsOf extracts the facts of a header.
func factsOf(h *agefile.Header) headerFacts {
	f := headerFacts{Types: map[string]int{}}
	f.Ed25519, f.RSA = h.SSHTags()
	for _, s := range h.Stanzas {
		if s.Type == "ssh-ed25519" || s.Type == "ssh-rsa" || agefile.IsGrease(s.Type) {
			continue
		}
		f.Types[s.Type]++
	}
	return f
}

// pluginPool is the bucket of stanza types that are not age's own: plugin
// recipients whose stanza type nfrekey does not know are matched against
// these by count.
const pluginPool = "plugin"

// stanzaType is the header stanza type a declared non-SSH recipient
// produces, so that it can be matched by count against the header: age's
// native kinds and the plugins whose type is documented; pluginPool for any
// other plugin (its stanzas can be of any non-age type).
func stanzaType(r recipients.Recipient) string {
	switch r.Kind {
	case recipients.X25519:
		return "X25519"
	case recipients.Hybrid:
		return "mlkem768x25519"
	case recipients.AgePlugin:
		switch r.PluginName {
		case "tag":
			return "p256tag"
		case "tagpq":
			return "mlkem768p256tag"
		case "yubikey":
			return "piv-p256"
		}
	}
	return pluginPool
}

// bucketCounts sorts the header's counted stanza types into the buckets
// declared recipients are matched against: a type some declared recipient
// (of decl) produces is its own bucket, an age type too, and every other
// (plugin) type goes to pluginPool. byType keeps the types of each bucket
// for messages.
func bucketCounts(f headerFacts, claimed map[string]bool) (counts map[string]int, byType map[string]map[string]int) {
	counts, byType = map[string]int{}, map[string]map[string]int{}
	for t, n := range f.Types {
		b := t
		if !claimed[t] && !slices.Contains(agefile.KnownTypes, t) {
			b = pluginPool
		}
		counts[b] += n
		if byType[b] == nil {
			byType[b] = map[string]int{}
		}
		byType[b][t] += n
	}
	return counts, byType
}

// lockRecipients returns the lock entry's recipients if they agree with the
// header (same ssh tags, same number of stanzas of every other type), else
// nil.
func lockRecipients(e lockEntry, f headerFacts, parsed map[string]recipients.Recipient) []recipients.Recipient {
	var out []recipients.Recipient
	var ed, rsa []string
	want := map[string]int{}
	claimed := map[string]bool{}
	for _, t := range e.Recipients {
		r, ok := parsed[t]
		if !ok {
			return nil
		}
		switch r.Kind {
		case recipients.SSHEd25519:
			ed = append(ed, r.Tag())
		case recipients.SSHRSA:
			rsa = append(rsa, r.Tag())
		default:
			st := stanzaType(r)
			want[st]++
			claimed[st] = true
		}
		out = append(out, r)
	}
	have, _ := bucketCounts(f, claimed)
	if !maps.Equal(want, have) || !sameSet(ed, f.Ed25519) || !sameSet(rsa, f.RSA) {
		return nil
	}
	return out
}

func sameSet(a, b []string) bool {
	m := map[string]bool{}
	for _, s := range a {
		m[s] = true
	}
	n := map[string]bool{}
	for _, s := range b {
		if !m[s] {
			return false
		}
		n[s] = true
	}
	return len(m) == len(n)
}

func hasOpaque(ds []Declared) bool {
	for _, d := range ds {
		if !d.Recipient.IsSSH() {
			return true
		}
	}
	return false
}

// verdict is the comparison of declared and actual recipients.
type verdict struct {
	status      Status
	add, remove []string
	known       bool
	missing     []recipients.Recipient
}

// judge compares the declared recipients with a file's header facts and,
// when a lock entry is trusted (its hash matches the file), its recipients.
// ssh recipients are always exact (key tags); X25519 ones are exact only
// through the lock, else judged by count: equal counts are "unverified".
func judge(decl []Declared, f headerFacts, trusted []recipients.Recipient, names *nameIndex) verdict {
	v := verdict{add: []string{}, remove: []string{}}
	if trusted != nil {
		have := map[string]bool{}
		for _, r := range trusted {
			have[r.ID()] = true
		}
		want := map[string]bool{}
		for _, d := range decl {
			want[d.Recipient.ID()] = true
			if !have[d.Recipient.ID()] {
				v.add = append(v.add, d.Label())
				v.missing = append(v.missing, d.Recipient)
			}
		}
		for _, r := range trusted {
			if !want[r.ID()] && !have[r.ID()+"\x00seen"] {
				have[r.ID()+"\x00seen"] = true
				v.remove = append(v.remove, names.label(r))
			}
		}
		v.known = true
	} else {
		inHeader := map[string]bool{}
		for _, t := range f.Ed25519 {
			inHeader["ssh-ed25519 "+t] = true
		}
		for _, t := range f.RSA {
			inHeader["ssh-rsa "+t] = true
		}
		declSSH := map[string]bool{}
		var opaque []Declared
		for _, d := range decl {
			if !d.Recipient.IsSSH() {
				opaque = append(opaque, d)
				continue
			}
			k := d.Recipient.Kind.String() + " " + d.Recipient.Tag()
			declSSH[k] = true
			if !inHeader[k] {
				v.add = append(v.add, d.Label())
				v.missing = append(v.missing, d.Recipient)
			}
		}
		for _, kind := range []string{"ssh-ed25519", "ssh-rsa"} {
			tags := f.Ed25519
			if kind == "ssh-rsa" {
				tags = f.RSA
			}
			seen := map[string]bool{}
			for _, t := range tags {
				if k := kind + " " + t; !declSSH[k] && !seen[k] {
					seen[k] = true
					v.remove = append(v.remove, names.tagLabel(kind, t))
				}
			}
		}
		// Stanzas that name no recipient are matched by kind and count:
		// every stanza must be attributable to a declared recipient of
		// its kind, or the file is stale (an intruder's plugin stanza
		// must not hide behind the ssh tags that match).
		v.known = true
		declBy := map[string][]Declared{}
		claimed := map[string]bool{}
		for _, d := range opaque {
			b := stanzaType(d.Recipient)
			declBy[b] = append(declBy[b], d)
			claimed[b] = true
		}
		have, byType := bucketCounts(f, claimed)
		var buckets []string
		for b := range declBy {
			buckets = append(buckets, b)
		}
		for b := range have {
			if declBy[b] == nil {
				buckets = append(buckets, b)
			}
		}
		sort.Strings(buckets)
		for _, b := range buckets {
			ds, n := declBy[b], have[b]
			switch {
			case len(ds) == n:
				// Consistent but unprovable: the header does not say who.
				v.known = false
			case n == 0:
				for _, d := range ds {
					v.add = append(v.add, d.Label())
					v.missing = append(v.missing, d.Recipient)
				}
			default:
				for _, d := range ds {
					v.add = append(v.add, d.Label())
				}
				types := make([]string, 0, len(byType[b]))
				for t := range byType[b] {
					types = append(types, t)
				}
				sort.Strings(types)
				for _, t := range types {
					v.remove = append(v.remove, fmt.Sprintf("%d unidentified %s recipient(s)", byType[b][t], t))
				}
				v.known = false
			}
		}
	}
	switch {
	case len(v.add) > 0 || len(v.remove) > 0:
		v.status = StatusStale
	case !v.known:
		v.status = StatusUnverified
	default:
		v.status = StatusOK
	}
	if !v.known {
		v.missing = nil
	}
	return v
}

// nameIndex names recipients found in files: by the binding names the
// rules give them, for ssh keys also by key tag.
type nameIndex struct {
	byID  map[string]string
	byTag map[string]string // "ssh-ed25519 TAG" -> label
}

func newNameIndex() *nameIndex {
	return &nameIndex{byID: map[string]string{}, byTag: map[string]string{}}
}

// add is called while the rules are read, before files are judged in
// parallel; the index is read-only afterwards.
func (n *nameIndex) add(d Declared) {
	id := d.Recipient.ID()
	if cur, ok := n.byID[id]; ok && (cur != id || d.Name == "") {
		return
	}
	n.byID[id] = d.Label()
	if d.Recipient.IsSSH() {
		n.byTag[d.Recipient.Kind.String()+" "+d.Recipient.Tag()] = d.Label()
	}
}

func (n *nameIndex) label(r recipients.Recipient) string {
	if l, ok := n.byID[r.ID()]; ok {
		return l
	}
	return r.String()
}

func (n *nameIndex) tagLabel(kind, tag string) string {
	if l, ok := n.byTag[kind+" "+tag]; ok {
		return l
	}
	return fmt.Sprintf("unknown %s key (tag %s)", kind, tag)
}

// describeActual describes what a file's header says about its recipients,
// naming ssh keys the rules (or the lock) know: "web1, ssh-ed25519 tag
// Ab12Cd, 2 X25519".
func (inv *Inventory) describeActual(h *agefile.Header) string {
	var parts []string
	ed, rsa := h.SSHTags()
	for _, t := range ed {
		parts = append(parts, inv.names.tagLabel("ssh-ed25519", t))
	}
	for _, t := range rsa {
		parts = append(parts, inv.names.tagLabel("ssh-rsa", t))
	}
	types := factsOf(h).Types
	for _, t := range slices.Sorted(maps.Keys(types)) {
		if t == "scrypt" {
			parts = append(parts, "passphrase (scrypt)")
			continue
		}
		parts = append(parts, fmt.Sprintf("%d %s", types[t], t))
	}
	if len(parts) == 0 {
		return "no recipient nfrekey knows"
	}
	return strings.Join(parts, ", ")
}

// InSync reports whether every secret is ok (and, when strict, none is
// unverified).
func (inv *Inventory) InSync(strict bool) bool {
	for _, s := range inv.Secrets {
		if !s.Status.InSync(strict) {
			return false
		}
	}
	return true
}

// InSync reports whether st counts as in sync.
func (st Status) InSync(strict bool) bool {
	return st == StatusOK || (st == StatusUnverified && !strict)
}

func (inv *Inventory) find(file string) *Secret {
	for _, s := range inv.Secrets {
		if s.File == file {
			return s
		}
	}
	return nil
}

// lockKeyExists reports whether the lock entry key names an existing file.
func (inv *Inventory) lockKeyExists(key string) bool {
	_, err := os.Stat(filepath.Join(inv.RulesDir, filepath.FromSlash(key)))
	return err == nil
}

// ListAgeFiles lists every *.age file under root (absolute, root's
// symlinks resolved): regular files and symlinks (listed, never followed:
// a link's target is not read), not those git ignores when root is a git
// work tree. A run over several rules files lists them once and hands the
// list to each inventory (AuditOptions.AgeFiles).
func ListAgeFiles(root string) ([]string, error) {
	var out []string
	err := gitignore.Walk(root, func(path string, d fs.DirEntry) error {
		t := d.Type()
		if (t.IsRegular() || t&fs.ModeSymlink != 0) && strings.HasSuffix(d.Name(), ".age") {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walking %s: %w", root, err)
	}
	return out, nil
}
