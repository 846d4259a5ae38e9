package reencrypt

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nfrekey/nfrekey/internal/globpath"
	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/secretsnix"
	"github.com/nfrekey/nfrekey/secretsnix/nixedit"
)

// hostAsk is what add-host asks of one rules file: the groups NAME joins
// there and the --secret globs matching its entries.
type hostAsk struct {
	groups, secrets []string
}

// pickForAdd chooses the rules files an add-host edits when the repo has
// several: those defining one of the groups, declaring a secret one of
// the globs matches, or binding NAME already (--replace rebinds it
// wherever it is). Each is asked only what it has. A group or glob no
// rules file has is an error naming the ones there are. One rules file
// is asked everything (nixedit reports what it lacks).
func pickForAdd(root string, files []string, name, key string, replace bool, want hostAsk) ([]string, []hostAsk, error) {
	if len(files) == 0 {
		return nil, nil, nil
	}
	if len(files) == 1 {
		if len(want.secrets) == 0 {
			return files, []hostAsk{want}, nil
		}
		rules, err := secretsnix.LoadRules(files[0], secretsnix.Options{Root: root})
		if err != nil {
			return nil, nil, inputErr(err)
		}
		ask := hostAsk{groups: want.groups}
		for _, glob := range want.secrets {
			globs, ok := secretGlobs(root, files[0], rules, glob)
			if !ok {
				globs = []string{glob} // nixedit says it matches nothing
			}
			ask.secrets = append(ask.secrets, globs...)
		}
		return files, []hostAsk{ask}, nil
	}
	var picked []string
	var asks []hostAsk
	foundGroup, foundGlob := map[string]bool{}, map[string]bool{}
	var allGroups []string
	for _, rf := range files {
		rules, err := secretsnix.LoadRules(rf, secretsnix.Options{Root: root})
		if err != nil {
			return nil, nil, inputErr(err)
		}
		groups, err := nixedit.Groups(rf, secretsnix.Options{Root: root})
		if err != nil {
			return nil, nil, inputErr(err)
		}
		var ask hostAsk
		for _, g := range want.groups {
			if slices.ContainsFunc(groups, func(h nixedit.Group) bool { return h.Name == g }) {
				ask.groups = append(ask.groups, g)
				foundGroup[g] = true
			}
		}
		for _, g := range groups {
			allGroups = append(allGroups, g.Name+" ("+relTo(root, rf)+")")
		}
		for _, glob := range want.secrets {
			if globs, ok := secretGlobs(root, rf, rules, glob); ok {
				ask.secrets = append(ask.secrets, globs...)
				foundGlob[glob] = true
			}
		}
		switch {
		case len(ask.groups) > 0 || len(ask.secrets) > 0 || replace && binds(rules, name):
			picked = append(picked, rf)
			asks = append(asks, ask)
		case binds(rules, name):
			// Bound here too, nothing asked of this file: it stays as it
			// is, which is right only while it names the same key.
			if b, ok := otherKey(rules, name, key); ok {
				return nil, nil, inputErr(&secretsnix.Error{File: b.File, Line: b.Line, Col: b.Col,
					Msg: fmt.Sprintf("%s is bound to another key (%s) in %s; --replace swaps it", name, shortKey(b.Text), relTo(root, rf))})
			}
		}
	}
	for _, g := range want.groups {
		if !foundGroup[g] {
			return nil, nil, inputErr(fmt.Errorf("no group %s in the rules files %s; groups: %s", g,
				strings.Join(relAll(root, files), ", "), orNone(allGroups)))
		}
	}
	for _, glob := range want.secrets {
		if !foundGlob[glob] {
			return nil, nil, inputErr(fmt.Errorf("--secret %s matches no secret of the rules files %s", glob,
				strings.Join(relAll(root, files), ", ")))
		}
	}
	return picked, asks, nil
}

// pickForRemove chooses the rules files binding NAME, when there are
// several; none binding it is an error (unless .sops.yaml knows NAME:
// the caller skips the age side then).
func pickForRemove(root string, files []string, name string) ([]string, []hostAsk, error) {
	if len(files) < 2 {
		return files, make([]hostAsk, len(files)), nil
	}
	var picked []string
	for _, rf := range files {
		rules, err := secretsnix.LoadRules(rf, secretsnix.Options{Root: root})
		if err != nil {
			return nil, nil, inputErr(err)
		}
		if names(rules, name) {
			picked = append(picked, rf)
		}
	}
	if len(picked) == 0 {
		return nil, nil, inputErr(fmt.Errorf("no key is bound as %s in the rules files %s", name, strings.Join(relAll(root, files), ", ")))
	}
	return picked, make([]hostAsk, len(picked)), nil
}

func binds(rules *secretsnix.Rules, name string) bool {
	return slices.ContainsFunc(rules.Bindings, func(b secretsnix.Binding) bool { return b.Name == name })
}

// names is binds, or a key of a secret named NAME without a binding
// written for it (a set made by mapAttrs over readDir: keys.hosts.NAME),
// which remove-host can still take out of the rules.
func names(rules *secretsnix.Rules, name string) bool {
	if binds(rules, name) {
		return true
	}
	for _, s := range rules.Secrets {
		if slices.ContainsFunc(s.PublicKeys, func(k secretsnix.Key) bool { return k.Name == name }) {
			return true
		}
	}
	return false
}

// mergeRulesEdits joins the edits of several rules files into one per
// file touched: a file two edits write (a shared keys.nix, a .pub both
// read) is written, or deleted, once. An add-host edit sees the ones
// before it (its Old is their New: chained); a remove-host one sees the
// files as they are (the same Old: it must come to the same New). Two
// that disagree are refused, nothing written.
func mergeRulesEdits(root string, edited []editedRules) ([]nixedit.Edit, error) {
	var out []nixedit.Edit
	at := map[string]int{}
	by := map[string]string{}
	for _, e := range edited {
		for _, ed := range e.result.Edits {
			i, seen := at[ed.Path]
			if !seen {
				at[ed.Path], by[ed.Path] = len(out), e.file
				out = append(out, ed)
				continue
			}
			prev := &out[i]
			switch {
			case sameContent(prev.Old, ed.Old) && sameContent(prev.New, ed.New):
			case sameContent(prev.New, ed.Old):
				prev.New = ed.New
			default:
				return nil, inputErr(fmt.Errorf("%s: the edits for %s and %s differ; nothing was written: edit it by hand",
					relTo(root, ed.Path), relTo(root, by[ed.Path]), relTo(root, e.file)))
			}
		}
	}
	// A file written back as it was is no edit.
	kept := out[:0]
	for _, ed := range out {
		if !sameContent(ed.Old, ed.New) {
			kept = append(kept, ed)
		}
	}
	return kept, nil
}

// sameContent is bytes.Equal telling a deleted or absent file (nil) from
// an empty one.
func sameContent(a, b []byte) bool {
	return (a == nil) == (b == nil) && bytes.Equal(a, b)
}

// reloadAfter evaluates every rules file of the run over the merged
// edits: each must still evaluate (one that reads a .pub another's edit
// deletes would not) and declare what was verified for it: an edited
// one what its own edit's verification saw (then its After is this
// evaluation), any other what it declares now. A keys file shared by
// several rules files is where the others could change unseen (a rules
// file granting attrValues of it gains the host bound there for another
// file's --group): nixedit verified only the file it edited.
func reloadAfter(root string, rulesFiles []string, merged []nixedit.Edit, edited []editedRules) error {
	overlay := nixedit.Overlay(secretsnix.Options{}, merged)
	for _, rf := range rulesFiles {
		rules, err := secretsnix.LoadRules(rf, secretsnix.Options{Root: root, Overlay: overlay})
		if err != nil {
			return inputErr(fmt.Errorf("%s would no longer evaluate after the edit (%s); nothing was written: %w",
				relTo(root, rf), strings.Join(editedNames(root, merged), ", "), err))
		}
		var own *nixedit.Result
		for _, e := range edited {
			if e.file == rf {
				own = e.result
			}
		}
		var want *secretsnix.Rules
		if own != nil {
			want = own.After
		} else if want, err = secretsnix.LoadRules(rf, secretsnix.Options{Root: root}); err != nil {
			return inputErr(err)
		}
		if s := changedSecret(want, rules); s != nil {
			return inputErr(&secretsnix.Error{File: rf, Line: s.Line, Col: s.Col,
				Msg: fmt.Sprintf("%s would change too, through %s edited for another rules file; nothing was written: make this change by hand",
					s.Name, strings.Join(editedNames(root, merged), ", "))})
		}
		if own != nil {
			own.After = rules
		}
	}
	return nil
}

// changedSecret is a secret (the first by name) whose keys differ
// between two evaluations of one rules file, or one only the second
// declares; nil when they declare the same keys.
func changedSecret(before, after *secretsnix.Rules) *secretsnix.Secret {
	if before == nil || after == nil {
		return nil
	}
	keys := func(s secretsnix.Secret) []string {
		out := make([]string, len(s.PublicKeys))
		for i, k := range s.PublicKeys {
			out[i] = strings.TrimSpace(k.Text)
		}
		slices.Sort(out)
		return out
	}
	was := map[string][]string{}
	for _, s := range before.Secrets {
		was[s.Name] = keys(s)
	}
	now := slices.Clone(after.Secrets)
	slices.SortFunc(now, func(a, b secretsnix.Secret) int { return strings.Compare(a.Name, b.Name) })
	for i, s := range now {
		if k, ok := was[s.Name]; !ok || !slices.Equal(k, keys(s)) {
			return &now[i]
		}
		delete(was, s.Name)
	}
	for _, s := range before.Secrets {
		if _, gone := was[s.Name]; gone {
			return &s
		}
	}
	return nil
}

func editedNames(root string, edits []nixedit.Edit) []string {
	var out []string
	for _, ed := range edits {
		out = append(out, relTo(root, ed.Path))
	}
	return out
}

// secretGlobs is what to ask rules file rf for --secret glob: the glob
// itself when it matches an entry's name as written there; else, when it
// matches the repo path of entries (web/* for web/secrets.nix's
// "tls.age", as ls shows it and as --secret is taken for sops files),
// those entries' names, escaped. false: it matches none.
func secretGlobs(root, rf string, rules *secretsnix.Rules, glob string) ([]string, bool) {
	if slices.ContainsFunc(rules.Secrets, func(s secretsnix.Secret) bool {
		ok, _ := globpath.Match(glob, s.Name)
		return ok
	}) {
		return []string{glob}, true
	}
	var out []string
	for _, s := range rules.Secrets {
		repoPath := relTo(root, filepath.Join(filepath.Dir(rf), filepath.FromSlash(s.Name)))
		if ok, _ := globpath.Match(glob, repoPath); ok {
			out = append(out, globEscape(s.Name))
		}
	}
	return out, len(out) > 0
}

// globEscape makes name a globpath.Match pattern matching only itself.
func globEscape(name string) string {
	var b strings.Builder
	for _, r := range name {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// otherKey is NAME's binding in rules when it holds a key other than key.
func otherKey(rules *secretsnix.Rules, name, key string) (secretsnix.Binding, bool) {
	for _, b := range rules.Bindings {
		if b.Name != name {
			continue
		}
		r, err := recipients.Parse(b.Text)
		if err != nil || r.String() != key {
			return b, true
		}
	}
	return secretsnix.Binding{}, false
}

// shortKey abbreviates a key for a message, keeping its end: every
// ssh-ed25519 key starts alike.
func shortKey(k string) string {
	f := strings.Fields(k)
	if len(f) >= 2 && len(f[1]) > 16 {
		return f[0] + " ..." + f[1][len(f[1])-12:]
	}
	return strings.TrimSpace(k)
}
