package nixedit

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	sn "github.com/nfrekey/nfrekey/secretsnix"
)

// A name list is a group written as host names, each read as a key
// file by a map (Aiz0/secrets: hosts = [ "frieren" "holo" ];
// systemKeys = map (host: readFile ./publicKeys/root_${host}.pub) hosts).
// The host joins it as one more name, and its key is the file the
// others' layout gives it (publicKeys/root_NAME.pub).

// nameListAdd makes that edit when every --group is a name list whose
// names' key files are found, and no --secret is asked; nil, nil when
// the shape is another, for the other edits to handle.
func nameListAdd(req AddRequest, fls *files, before *sn.Rules, targets []*target, key string) (*Result, error) {
	if len(targets) == 0 || len(req.Secrets) > 0 || req.Replace {
		return nil, nil
	}
	all := map[string]bool{}
	for _, s := range before.Secrets {
		for _, k := range s.PublicKeys {
			all[canon(k.Text)] = true
		}
	}
	dir := filepath.Dir(fls.order[0].path)
	files := keyFiles(dir, all)
	var lists [][]string
	for _, t := range targets {
		names, ok := nameElems(t)
		if !ok {
			return nil, nil
		}
		lists = append(lists, names)
	}
	pattern, ok := namePattern(files, lists)
	if !ok {
		return nil, nil
	}
	byRel := map[string]string{}
	for _, f := range files {
		byRel[f.rel] = f.key
	}
	groupKeys := make([]map[string]bool, len(targets))
	for i, names := range lists {
		groupKeys[i] = map[string]bool{}
		for _, n := range names {
			groupKeys[i][byRel[strings.ReplaceAll(pattern, "\x00", n)]] = true
		}
	}
	res := &Result{Before: before}
	pubs := map[string]bool{}
	if err := createPub(fls, filepath.Join(dir, strings.ReplaceAll(pattern, "\x00", req.Name)), key, pubs); err != nil {
		return nil, err
	}
	for i, t := range targets {
		if err := grantGroup(t, nil, `"`+req.Name+`"`, req.Groups[i]); err != nil {
			return nil, err
		}
	}
	return finish(req.RulesFile, req.Options, fls, res, func(b, a map[string]keyset) error {
		return checkAdd(b, a, key, "", map[string]bool{}, groupKeys)
	})
}

// nameElems are a list group's elements when every one is a plain
// string that is not a key: host names.
func nameElems(t *target) ([]string, bool) {
	if t.kind != tList {
		return nil, false
	}
	return listNames(t.node.(*sn.ListLit))
}

// listNames are a list literal's elements when every one is a plain
// string that is not a key.
func listNames(l *sn.ListLit) ([]string, bool) {
	var out []string
	for _, e := range l.Elems {
		lit, ok := unparen(e).(*sn.StringLit)
		if !ok || len(lit.Parts) != 1 || lit.Parts[0].Interp != nil {
			return nil, false
		}
		s := lit.Parts[0].Lit
		if looksKey(s) || !validName(s) {
			return nil, false
		}
		out = append(out, s)
	}
	return out, len(out) > 0
}

// keyFile is a file under the rules file's directory holding one of the
// rules' keys.
type keyFile struct{ rel, key string }

// keyFiles lists them (a bounded walk: small files only, .git skipped).
func keyFiles(dir string, keys map[string]bool) []keyFile {
	var out []keyFile
	seen := 0
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if seen++; seen > 5000 {
			return filepath.SkipAll
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if info, err := d.Info(); err != nil || info.Size() > 16<<10 {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil || !keys[canon(string(b))] {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, keyFile{rel, canon(string(b))})
		return nil
	})
	return out
}

// patternsFor are the paths of the key files holding name once, with
// name's place marked.
func patternsFor(files []keyFile, name string) map[string]bool {
	out := map[string]bool{}
	for _, f := range files {
		if strings.Count(f.rel, name) == 1 {
			out[strings.Replace(f.rel, name, "\x00", 1)] = true
		}
	}
	return out
}

// namePattern is the one layout every name's key file fits
// (root_frieren.pub and aiz_frieren.pub both hold frieren; only
// root_NAME.pub fits holo too), NAME's place marked with a NUL.
func namePattern(files []keyFile, lists [][]string) (string, bool) {
	var cand map[string]bool
	for _, names := range lists {
		for _, n := range names {
			ps := patternsFor(files, n)
			if cand == nil {
				cand = ps
				continue
			}
			for p := range cand {
				if !ps[p] {
					delete(cand, p)
				}
			}
		}
	}
	if len(cand) != 1 {
		return "", false
	}
	for p := range cand {
		return p, true
	}
	return "", false
}

// removeNamed takes NAME out of the name lists of the rules file
// ("web9" in hosts = [ ... ]) and deletes its key file; nil, nil when
// no name list holds NAME.
func removeNamed(req RemoveRequest, fls *files, before *sn.Rules) (*Result, error) {
	rules := fls.order[0]
	type use struct {
		l *sn.ListLit
		i int
	}
	var uses []use
	var lists [][]string
	walk(rules.f.Root, nil, func(n, _ sn.Node) {
		l, ok := n.(*sn.ListLit)
		if !ok {
			return
		}
		names, ok := listNames(l)
		if !ok {
			return
		}
		for i, nm := range names {
			if nm == req.Name {
				uses = append(uses, use{l, i})
				lists = append(lists, names)
			}
		}
	})
	if len(uses) == 0 {
		return nil, nil
	}
	all := map[string]bool{}
	for _, s := range before.Secrets {
		for _, k := range s.PublicKeys {
			all[canon(k.Text)] = true
		}
	}
	dir := filepath.Dir(rules.path)
	files := keyFiles(dir, all)
	pattern, ok := namePattern(files, lists)
	if !ok {
		return nil, nil
	}
	rel := strings.ReplaceAll(pattern, "\x00", req.Name)
	old := ""
	for _, f := range files {
		if f.rel == rel {
			old = f.key
		}
	}
	if old == "" {
		return nil, nil
	}
	for _, u := range uses {
		removeNode(rules, u.l.Elems[u.i], u.i == 0)
	}
	planRemove(fls, filepath.Join(dir, rel))
	res := &Result{Before: before, OldKey: old}
	return finish(req.RulesFile, req.Options, fls, res, removedOnly(req.Name, old, nil))
}
