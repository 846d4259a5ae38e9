package nixedit

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/nfrekey/nfrekey/internal/globpath"
	sn "github.com/nfrekey/nfrekey/secretsnix"
)

// Add binds req.Name to req.Key and grants it to the groups and secrets
// asked for, and returns the verified edit.
func Add(req AddRequest) (*Result, error) {
	res, alt, err := add(req, -1)
	// With --secret alone nothing says where the binding goes, and the
	// site picked may feed a group (users = { ... }; all = attrValues
	// users): the key would then reach other secrets, or the same one
	// twice, and the verification refuses. Another site may be a plain
	// set of names (ArdanaLabs/ci binds hosts in systems = { ... } and
	// people in users, one key each): each is tried, and only a verified
	// edit is kept.
	// Only sets as large as the one chosen are tried: a smaller one is
	// not where the hosts are (keys.nix's people beside its hosts set).
	for i := 0; err != nil && i < alt.sites; i++ {
		if i == alt.chosen || alt.size[i] != alt.size[alt.chosen] {
			continue
		}
		if r, _, e := add(req, i); e == nil {
			return r, nil
		}
	}
	return res, err
}

// retry tells Add whether another binding site may be tried: how many
// sites there are, and the one chosen; sites is 0 when the choice was
// not free (NAME bound already, or a --group chose the site). Any
// failure of a free choice is retried elsewhere: what another site
// yields is kept only once verified, like every edit.
type retry struct {
	sites, chosen int
	size          []int // each site's number of keys
}

// add is Add with the binding site forced to sites[force] when force >= 0
// (and the host is not bound yet, and no --group chooses the site).
func add(req AddRequest, force int) (*Result, retry, error) {
	var alt retry
	if !validName(req.Name) {
		return nil, retry{}, fmt.Errorf("host name %q is not a Nix identifier (letters, digits, _, - and ', not starting with a digit)", req.Name)
	}
	key := strings.TrimSpace(req.Key)
	if !looksKey(key) || canon(key) != key {
		return nil, retry{}, fmt.Errorf("key %q is not a canonical public key (\"ssh-ed25519 AAAA...\" or \"age1...\", no comment)", req.Key)
	}
	if err := quoteOK(key); err != nil {
		return nil, retry{}, err
	}
	// --replace alone is a swap where NAME is bound (checked below, once
	// the bindings are known): a rules file of a run over several may be
	// asked only that, the groups being another file's.
	nothingAsked := len(req.Groups) == 0 && len(req.Secrets) == 0
	if nothingAsked && !req.Replace {
		return nil, retry{}, fmt.Errorf("add-host %s: no --group or --secret: nothing would grant the key", req.Name)
	}
	fs := newFiles(req.Options)
	rules, err := fs.load(req.RulesFile)
	if err != nil {
		return nil, retry{}, err
	}
	before, err := sn.LoadRules(req.RulesFile, req.Options)
	if err != nil {
		return nil, retry{}, err
	}
	sites, err := findSites(fs, before)
	if err != nil {
		return nil, retry{}, err
	}
	if len(sites) == 0 {
		// Keys written only as literals in the lists (let keys = [ "ssh-ed25519
		// ..." ]; in ...): the rules file's own let is where a name can go.
		st := freshLetSite(rules)
		if st == nil {
			return nil, retry{}, rules.errorf(0, "no key is bound to a name here (such as web1 = \"ssh-ed25519 ...\"; in a let); add %s = \"%s\"; by hand", req.Name, key)
		}
		sites = []*site{st}
	}
	// NAME bound to a lone record is that record's key: the same key
	// is nothing to do, another one needs --replace, as for any binding.
	known := false
	for _, st := range sites {
		known = known || st.index(req.Name) >= 0
	}
	if i, lone := loneRecord(sites, req.Name); !known && lone != nil {
		sites[i] = lone // the record's key, no longer a binding named after its field
	}
	learnRefs(fs, sites)
	if err := nameFree(rules, sites, req.Name); err != nil {
		return nil, retry{}, err
	}
	for _, s := range sites {
		for i, n := range s.names {
			if canon(s.texts[i]) == key && n != req.Name {
				a, _ := s.src.span(s.defs[i])
				return nil, retry{}, s.src.errorf(a, "this key is already bound as %s", n)
			}
		}
	}
	// Where NAME is bound already, and what the groups name.
	var st *site
	existing := -1
	for _, s := range sites {
		if i := s.index(req.Name); i >= 0 {
			st, existing = s, i
			break
		}
	}
	if nothingAsked && existing < 0 {
		return nil, retry{}, fmt.Errorf("add-host %s: no --group or --secret, and %s is bound to no key here to replace: nothing would grant the key", req.Name, req.Name)
	}
	var targets []*target
	for _, g := range req.Groups {
		t, err := resolveGroup(fs, rules, sites, g)
		if err != nil {
			return nil, retry{}, err
		}
		if t == nil {
			return nil, retry{}, fmt.Errorf("%s: no group %s; groups: %s", req.RulesFile, g, groupNames(listGroups(fs, rules, sites)))
		}
		t.via = wholeSites(fs, rules, sites, t)
		targets = append(targets, t)
	}
	if existing < 0 {
		if res, err := nameListAdd(req, fs, before, targets, key); res != nil || err != nil {
			return res, retry{}, err
		}
	}
	if st == nil {
		st = chooseSite(sites, targets)
		if len(targets) == 0 {
			if force >= 0 && force < len(sites) {
				st = sites[force]
			}
			for i := range sites {
				alt.size = append(alt.size, len(sites[i].defs))
				if sites[i] == st {
					alt.sites, alt.chosen = len(sites), i
				}
			}
		}
	}
	// A binding the groups take whole (attrValues (import ./keys.nix))
	// needs no reference to it: the binding is the edit.
	bindingOnly := len(req.Secrets) == 0 && len(targets) > 0
	for _, t := range targets {
		bindingOnly = bindingOnly && t.kind == tSite && t.site == st
	}
	if !st.refKnown && !bindingOnly {
		a, _ := st.src.span(st.defs[0])
		return nil, retry{}, st.src.errorf(a, "cannot tell how the rules file refers to the keys bound here; add %s = \"%s\"; here and use it by hand", req.Name, key)
	}
	if inFunction(st.src, st.container) {
		a, _ := st.src.span(st.defs[0])
		return nil, retry{}, st.src.errorf(a, "the keys here are inside a function (a NixOS module?); nfrekey does not edit them: add %s = \"%s\"; and its uses by hand", req.Name, key)
	}
	ref := st.refTo(req.Name)
	res := &Result{Before: before}
	pubs := map[string]bool{}

	if existing >= 0 {
		old := st.texts[existing]
		if canon(old) != key {
			if !req.Replace {
				a, _ := st.src.span(st.defs[existing])
				return nil, retry{}, st.src.errorf(a, "%s is bound to another key (%s); --replace swaps it", req.Name, canon(old))
			}
			res.OldKey = canon(old)
			if err := replaceValue(fs, st, existing, key, pubs); err != nil {
				return nil, retry{}, err
			}
		}
	} else {
		text, pub, err := bindingText(st, req.Name, key, hostKeyDir(req.RulesFile), func(d string) bool {
			_, err := os.Stat(d)
			return err == nil
		})
		if err != nil {
			return nil, retry{}, err
		}
		addBinding(st, text)
		exportBinding(st, req.Name)
		if pub != "" {
			if err := createPub(fs, pub, key, pubs); err != nil {
				return nil, retry{}, err
			}
		}
	}
	if d := hostKeyDir(req.RulesFile); d != "" && existing < 0 {
		if err := createPub(fs, filepath.Join(d, req.Name+".pub"), key, pubs); err != nil {
			return nil, retry{}, err
		}
	}

	has := func(s sn.Secret) bool {
		for _, k := range s.PublicKeys {
			if canon(k.Text) == key || res.OldKey != "" && canon(k.Text) == res.OldKey {
				return true
			}
		}
		return false
	}
	groupKeys := make([]map[string]bool, len(targets))
	for i, t := range targets {
		groupKeys[i] = memberKeys(t, sites)
	}
	for i, t := range targets {
		r := ref
		if t.src == st.src && isLet(st.container) {
			// A list in the keys file itself names the let's binding.
			r = st.prefix + req.Name
		}
		if err := grantGroup(t, st, r, req.Groups[i]); err != nil {
			return nil, retry{}, err
		}
	}
	matched := map[string]bool{}
	ents := entries(secretsBody(rules))
	for _, g := range req.Secrets {
		if _, err := globpath.Match(g, ""); err != nil {
			return nil, retry{}, fmt.Errorf("--secret %q: %v", g, err)
		}
		n := 0
		for _, s := range before.Secrets {
			if ok, _ := globpath.Match(g, s.Name); !ok {
				continue
			}
			n++
			if matched[s.Name] {
				continue
			}
			matched[s.Name] = true
			if has(s) {
				continue
			}
			e := findEntry(ents, s.Name)
			if e == nil {
				// Made by an expression (listToAttrs, a helper): where it
				// is made is the place to name.
				if s.File != "" && s.Line > 0 {
					return nil, retry{}, &sn.Error{File: s.File, Line: s.Line, Col: s.Col, Msg: fmt.Sprintf("secret %s is made by the expression here, not written as an entry nfrekey can edit alone: give it %s by hand, or name a --group", s.Name, handRef(ref, req.Name))}
				}
				return nil, retry{}, fmt.Errorf("%s: secret %s is not written as an entry nfrekey can edit; add %s to its publicKeys by hand", req.RulesFile, s.Name, handRef(ref, req.Name))
			}
			grantEntry(rules, e, ref)
		}
		if n == 0 {
			return nil, retry{}, fmt.Errorf("%s: --secret %s matches no secret", req.RulesFile, g)
		}
	}
	res, err = finish(req.RulesFile, req.Options, fs, res, func(b, a map[string]keyset) error {
		return checkAdd(b, a, key, res.OldKey, matched, groupKeys)
	})
	return res, alt, err
}

// chooseSite picks where a new host is bound: the site the groups' members
// are bound in, the one with the most keys among equals (the last, on a tie).
func chooseSite(sites []*site, targets []*target) *site {
	votes := map[*site]int{}
	for _, t := range targets {
		if t.kind == tSite {
			votes[t.site] += 1000
			continue
		}
		for _, st := range t.via {
			votes[st] += 1000
		}
		walk(t.node, nil, func(n, _ sn.Node) {
			pre, name, ok := refParts(t.src, n)
			if !ok {
				return
			}
			for _, st := range sites {
				if st.refKnown && st.ref == pre && st.index(name) >= 0 {
					votes[st]++
				}
			}
		})
	}
	best := sites[len(sites)-1]
	for _, st := range sites {
		if votes[st] > votes[best] || votes[st] == votes[best] && len(st.defs) > len(best.defs) {
			best = st
		}
	}
	return best
}

func secretsBody(rules *source) sn.Node {
	_, body := scopes(rules.f.Root)
	return body
}

func findEntry(es []entry, name string) *entry {
	for i := range es {
		if es[i].name == name {
			return &es[i]
		}
	}
	return nil
}

// grantGroup adds ref to a group.
func grantGroup(t *target, st *site, ref, name string) error {
	switch t.kind {
	case tSite:
		if t.site != st {
			a, _ := t.src.span(t.def)
			return t.src.errorf(a, "group %s is another set of keys than the one %s is bound in", name, ref)
		}
		return nil
	case tList:
		l := t.node.(*sn.ListLit)
		if listHas(t.src, l, ref) {
			return nil
		}
		addElem(t.src, l, ref)
	case tConcat:
		if slices.Contains(t.via, st) {
			return nil // the binding reaches the chain
		}
		// Extend the chain's last list literal, else append one.
		var last *sn.ListLit
		walk(t.node, nil, func(n, parent sn.Node) {
			if l, ok := n.(*sn.ListLit); ok {
				if b, ok := parent.(*sn.Binary); ok && b.Op == sn.TConcat {
					last = l
				}
			}
		})
		if last != nil && listHas(t.src, last, ref) {
			return nil
		}
		if last != nil {
			addElem(t.src, last, ref)
		} else {
			appendConcat(t.src, t.node, ref)
		}
	}
	return nil
}

// grantEntry adds ref to a secret's publicKeys.
func grantEntry(rules *source, e *entry, ref string) {
	if l, ok := unparen(e.keys).(*sn.ListLit); ok {
		addElem(rules, l, ref)
		return
	}
	appendConcat(rules, e.keys, ref)
}

func listHas(src *source, l *sn.ListLit, ref string) bool {
	for _, e := range l.Elems {
		if src.text(e) == ref {
			return true
		}
	}
	return false
}

// replaceValue swaps the key of an existing binding (--replace).
func replaceValue(fs *files, st *site, i int, key string, pubs map[string]bool) error {
	d := st.defs[i]
	src := st.src
	if st.field != "" {
		if d = recordField(d, st.field); d == nil {
			a, _ := src.span(st.defs[i])
			return src.errorf(a, "cannot find the %s of %s", st.field, st.names[i])
		}
	}
	switch v := unparen(d.Value).(type) {
	case *sn.StringLit:
		a, e := src.span(v)
		q := `"`
		if v.Indented {
			q = "''"
		}
		src.edit(a, e, q+key+q)
		return nil
	}
	if p := readFilePath(d.Value); p != nil {
		f := p.Parts[0].Lit
		if !filepath.IsAbs(f) {
			f = filepath.Join(filepath.Dir(src.path), f)
		}
		old, ok, err := fs.read(f)
		if err != nil || !ok {
			return fmt.Errorf("%s: cannot read the key file to replace: %v", f, err)
		}
		fs.rewrite[f] = [2][]byte{old, []byte(key + "\n")}
		pubs[f] = true
		return nil
	}
	a, _ := src.span(d)
	return src.errorf(a, "the key of %s is computed; replace it by hand", st.names[i])
}

// createPub plans NAME.pub: the key and a newline, the form ssh-keygen
// writes (without its comment).
func createPub(fs *files, p, key string, pubs map[string]bool) error {
	p = filepath.Clean(p)
	if pubs[p] {
		return nil
	}
	old, ok, err := fs.read(p)
	if err != nil {
		return err
	}
	if ok {
		if canon(string(old)) != key {
			// NAME is not bound, yet its .pub holds a key: one a
			// remove-host killed between its rules and this file's
			// deletion left, or a hand-made one no rule reads. It is
			// rewritten; the evaluation after the edit proves that no
			// rules file read it as another host's key (that would change
			// more than NAME's secrets: refused, nothing written).
			fs.rewrite[p] = [2][]byte{old, []byte(key + "\n")}
			fs.orphans = append(fs.orphans, p)
		}
		pubs[p] = true
		return nil
	}
	if _, err := os.Stat(filepath.Dir(p)); err != nil && fs.opts.Overlay == nil {
		return fmt.Errorf("%s: %v", filepath.Dir(p), err)
	}
	fs.create[p] = []byte(key + "\n")
	pubs[p] = true
	return nil
}

// checkAdd is the semantic check of an add: every secret keeps its keys,
// the ones that gain gain exactly the new key once (and, with --replace,
// lose the old one where they had it), every --secret match has it, and
// every other secret that gains it held all the keys of a group asked for.
func checkAdd(b, a map[string]keyset, key, oldKey string, matched map[string]bool, groups []map[string]bool) error {
	if err := sameSecrets(b, a); err != nil {
		return err
	}
	for _, name := range sortedKeys(b) { // sorted: the same refusal on every run
		bk := b[name]
		ak, ok := a[name]
		if !ok {
			return fmt.Errorf("the edit removes secret %s", name)
		}
		added, removed := diff(bk, ak)
		if oldKey != "" {
			if bk.n(oldKey) > 0 && !(len(removed) == 1 && removed[0] == oldKey && ak.n(key) == 1) {
				return fmt.Errorf("the edit does not swap the key of %s cleanly", name)
			}
			if bk.n(oldKey) > 0 {
				continue
			}
		}
		if len(removed) > 0 {
			return fmt.Errorf("the edit removes %s from %s", removed[0], name)
		}
		// A group the secret takes twice (users-admin = user-dan ++ ...;
		// "x.age".publicKeys = users-admin ++ user-dan, Bliss-Carman/w)
		// holds its members twice: the new member would be there twice too.
		if dup := groupMultiplicity(bk, groups); len(added) > 1 && len(added) == dup && !slices.ContainsFunc(added, func(k string) bool { return k != key }) {
			return fmt.Errorf("the edit gives %s the key %d times: it takes the group's keys %d times (the group is also inside another list it uses); nfrekey writes a key once per secret: edit by hand", name, dup, dup)
		}
		if len(added) > 1 && !slices.ContainsFunc(added, func(k string) bool { return k != key }) {
			// The binding's set also feeds a group the secret uses.
			return fmt.Errorf("the edit gives %s the key %d times (the set it would be bound in also reaches it through a group, such as attrValues of the set): name a --group, or edit by hand", name, len(added))
		}
		if len(added) > 1 || len(added) == 1 && added[0] != key {
			return fmt.Errorf("the edit adds %s to %s", strings.Join(added, ", "), name)
		}
		if ak.n(key) > 1 {
			return fmt.Errorf("the edit gives %s the key twice", name)
		}
		if matched[name] && ak.n(key) == 0 {
			return fmt.Errorf("the edit does not grant %s", name)
		}
		if len(added) == 1 && !matched[name] && !usesGroup(bk, groups) {
			return fmt.Errorf("the edit grants %s, which no --secret matches and which holds the keys of no --group", name)
		}
	}
	return nil
}

func keySets(r *sn.Rules) map[string]keyset {
	out := make(map[string]keyset, len(r.Secrets))
	for _, s := range r.Secrets {
		ks := make(keyset, len(s.PublicKeys))
		for i, k := range s.PublicKeys {
			ks[i] = canon(k.Text)
		}
		sort.Strings(ks)
		out[s.Name] = ks
	}
	return out
}

// keyset is a secret's keys in canonical form, sorted (a multiset).
type keyset []string

// n counts k.
func (ks keyset) n(k string) int {
	i := sort.SearchStrings(ks, k)
	j := i
	for j < len(ks) && ks[j] == k {
		j++
	}
	return j - i
}

// diff returns the keys of b not in a (added) and of a not in b
// (removed), as multisets, sorted.
func diff(a, b keyset) (added, removed []string) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			removed = append(removed, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			added = append(added, b[j])
			j++
		default:
			i, j = i+1, j+1
		}
	}
	return added, removed
}

// memberKeys are the keys a group holds before the edit, as far as its
// members can be named (a list of hosts.web1 ... resolves through the
// sites); nil when none can.
func memberKeys(t *target, sites []*site) map[string]bool {
	out := map[string]bool{}
	if t.kind == tSite {
		for _, k := range t.site.texts {
			out[canon(k)] = true
		}
		return out
	}
	if t.kind == tList {
		// Keys written in the list itself (keys = [ "ssh-ed25519 ..." ]).
		for _, e := range t.node.(*sn.ListLit).Elems {
			if lit, ok := unparen(e).(*sn.StringLit); ok && len(lit.Parts) == 1 && lit.Parts[0].Interp == nil && looksKey(lit.Parts[0].Lit) {
				out[canon(lit.Parts[0].Lit)] = true
			}
		}
	}
	for _, m := range members(t) {
		for _, st := range sites {
			if !st.refKnown {
				continue
			}
			for i, n := range st.names {
				if st.refTo(n) == m {
					out[canon(st.texts[i])] = true
				}
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// groupMultiplicity is how many times the secret holds every key of one
// of the groups asked for, when that is more than once and the same for
// all of the group's keys; 1 otherwise.
func groupMultiplicity(keys keyset, groups []map[string]bool) int {
	best := 1
	for _, g := range groups {
		m := -1
		for k := range g {
			n := keys.n(k)
			if m >= 0 && n != m {
				m = 0
				break
			}
			m = n
		}
		if m > best {
			best = m
		}
	}
	return best
}

// usesGroup reports whether a secret's keys (before the edit) include all
// the keys of one of the groups: an independent sign that a secret which
// gained the key did so through a group it was asked for. A group whose
// members cannot be named (an empty list) admits any secret.
func usesGroup(keys keyset, groups []map[string]bool) bool {
	for _, g := range groups {
		if g == nil {
			return true
		}
		all := true
		for k := range g {
			if keys.n(k) == 0 {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// exportBinding adds name to the inherit by which a keys file's let
// exports its bindings (let web1 = ...; in { inherit web1 web2; }), when
// there is one.
func exportBinding(st *site, name string) {
	let, ok := st.container.(*sn.Let)
	if !ok || st.src == nil {
		return
	}
	set, ok := unparen(let.Body).(*sn.AttrSet)
	if !ok {
		return
	}
	for _, b := range set.Binds {
		inh, ok := b.(*sn.Inherit)
		if !ok || inh.From != nil || len(inh.Names) == 0 {
			continue
		}
		for _, n := range inh.Names {
			if st.index(n.Name) >= 0 {
				last := inh.Names[len(inh.Names)-1]
				insertAfter(st.src, last, name, " ")
				return
			}
		}
	}
}

// nixGlobals are the names Nix binds in every file: a host named so would
// shadow them for everything in its let (builtins.readFile among them).
var nixGlobals = map[string]bool{"builtins": true, "import": true, "toString": true, "map": true,
	"throw": true, "abort": true, "derivation": true, "baseNameOf": true, "dirOf": true, "isNull": true,
	"removeAttrs": true, "fetchTarball": true, "fetchGit": true, "fetchMercurial": true,
	"placeholder": true, "scopedImport": true}

// nameFree refuses a host name the rules file already binds to something
// other than a key (a group, say), and one that would shadow a Nix
// global: such an edit would fail verification with a message about the
// edited text, not the user's file.
func nameFree(rules *source, sites []*site, name string) error {
	if nixGlobals[name] {
		return fmt.Errorf("host name %s would shadow Nix's %s in the rules file; choose another name", name, name)
	}
	for _, s := range sites {
		if s.index(name) >= 0 {
			return nil // a key binding: add-host handles it (same key, or --replace)
		}
	}
	for _, b := range letBinds(rules.f.Root) {
		d, ok := b.(*sn.AttrDef)
		if !ok {
			continue
		}
		if p, ok := staticPath(d.Path); ok && len(p) > 0 && p[0] == name {
			a, _ := rules.span(d)
			return rules.errorf(a, "%s is already bound here, and not to a key nfrekey can edit (a group, a record it cannot place, a computed value): edit it by hand, or choose another host name", name)
		}
	}
	return nil
}

// sameSecrets refuses an edit after which other secrets are declared:
// their names are computed from the keys (lovesegfault/nix-config makes
// hosts/NAME/password.age for every host of its keys file).
func sameSecrets(b, a map[string]keyset) error {
	for _, name := range sortedKeys(b) {
		if _, ok := a[name]; !ok {
			return fmt.Errorf("the edit removes secret %s", name)
		}
	}
	for _, name := range sortedKeys(a) {
		if _, ok := b[name]; !ok {
			return fmt.Errorf("the edit declares a new secret %s (its name is computed from the keys): make this change by hand", name)
		}
	}
	return nil
}

// handRef is how a refusal names the reference to add by hand: the
// reference itself when it reads as one (web3, hosts.web3), else the
// host's key, rather than an expression such as (import (dir + "/${i}/")).web3
// that the rules file reaches its keys through.
func handRef(ref, name string) string {
	for _, part := range strings.Split(ref, ".") {
		if !validName(part) {
			return name + "'s key"
		}
	}
	return ref
}
