package reencrypt

import (
	"fmt"
	"path"
	"slices"
	"strings"

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
func pickForAdd(root string, files []string, name string, want hostAsk) ([]string, []hostAsk, error) {
	if len(files) < 2 {
		return files, []hostAsk{want}[:len(files)], nil
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
			if slices.ContainsFunc(rules.Secrets, func(s secretsnix.Secret) bool {
				ok, _ := path.Match(glob, s.Name)
				return ok
			}) {
				ask.secrets = append(ask.secrets, glob)
				foundGlob[glob] = true
			}
		}
		if len(ask.groups) > 0 || len(ask.secrets) > 0 || binds(rules, name) {
			picked = append(picked, rf)
			asks = append(asks, ask)
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
		if binds(rules, name) {
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
