package reencrypt

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/nfrekey/nfrekey/internal/globpath"
	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/sopsyaml"
)

// sopsHostEdit is one .sops.yaml a host change edits, verified by
// sopsyaml, not yet written.
type sopsHostEdit struct {
	path  string // absolute
	old   []byte
	res   *sopsyaml.Result
	after *sopsyaml.Config // parsed from res.New
}

// sopsConfigs reads the repo's .sops.yaml files: the one --sops-config
// names, else every one under the root (not ignored by git).
func sopsConfigs(ctx context.Context, root, explicit string) (*sopsInventory, []string, error) {
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	si := &sopsInventory{root: root, configs: map[string]*sopsyaml.Config{}, srcs: map[string][]byte{}, used: map[string]bool{}}
	if explicit != "" {
		abs, err := filepath.Abs(explicit)
		if err != nil {
			return nil, nil, err
		}
		si.explicit = abs
		if _, err := si.config(abs); err != nil {
			return nil, nil, err
		}
	} else if err := si.readAllConfigs(ctx, nil); err != nil {
		return nil, nil, err
	}
	var paths []string
	for p := range si.configs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return si, paths, nil
}

// SopsGroups lists what --group can name in the repo's .sops.yaml files
// (rules' path_regex and anchored lists), for choosing one.
func SopsGroups(ctx context.Context, repoRoot, sopsConfig string) ([]string, error) {
	si, paths, err := sopsConfigs(ctx, repoRoot, sopsConfig)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range paths {
		for _, g := range si.configs[p].GroupNames() {
			if !slices.Contains(out, g) {
				out = append(out, g)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

// sopsRecipient is the key as it goes into .sops.yaml: the ssh-to-age
// form by default (what sops-nix decrypts with), the ssh key itself with
// keepSSH.
func sopsRecipient(k recipients.Recipient, keepSSH bool) (string, error) {
	switch {
	case k.Kind == recipients.SSHEd25519 && !keepSSH:
		a, err := k.ToAgeX25519()
		if err != nil {
			return "", err
		}
		return a.String(), nil
	case k.Kind == recipients.SSHRSA && !keepSSH:
		return "", errors.New("an ssh-rsa key has no age form for sops-nix; use --sops-recipient ssh to write it as it is")
	}
	return k.String(), nil
}

// hostTargets splits --group and --secret between the backends: a group
// goes to each that has it; a --secret glob to sops when it matches an
// existing sops file (or the repo has no agenix rules), else to agenix.
type hostTargets struct {
	ageGroups, ageSecrets []string
	sopsGroups            []string
	sopsSecrets           []string // relative to the repo root
}

func splitTargets(si *sopsInventory, paths []string, sopsFiles []string, hasAge bool, ageGroups []string,
	groups, secrets []string) (hostTargets, error) {
	var t hostTargets
	var unknown []string
	for _, g := range groups {
		inSops := false
		for _, p := range paths {
			if si.configs[p].HasGroup(g) {
				inSops = true
			}
		}
		inAge := slices.Contains(ageGroups, g)
		if inSops {
			t.sopsGroups = append(t.sopsGroups, g)
		}
		// A group the rules files do not list may still be one nixedit
		// resolves (a dotted attribute): it reports its own error.
		if inAge || (!inSops && hasAge) {
			t.ageGroups = append(t.ageGroups, g)
		}
		if !inSops && !hasAge {
			unknown = append(unknown, g)
		}
	}
	if len(unknown) > 0 {
		return t, inputErr(fmt.Errorf("no group %s in the repo's .sops.yaml; groups: %s", strings.Join(unknown, ", "),
			orNone(sopsGroupNames(si, paths))))
	}
	for _, glob := range secrets {
		toSops := !hasAge
		for _, f := range sopsFiles {
			if ok, _ := globpath.Match(glob, filepath.ToSlash(f)); ok {
				toSops = true
			}
		}
		if toSops && len(paths) > 0 {
			t.sopsSecrets = append(t.sopsSecrets, glob)
		} else {
			t.ageSecrets = append(t.ageSecrets, glob)
		}
	}
	return t, nil
}

func sopsGroupNames(si *sopsInventory, paths []string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, si.configs[p].GroupNames()...)
	}
	return out
}

func orNone(list []string) string {
	if len(list) == 0 {
		return "none found"
	}
	return strings.Join(list, ", ")
}

// sopsAddEdits computes the add-host edit of every config that has one
// of the groups or governs one of the secrets.
func sopsAddEdits(si *sopsInventory, paths []string, t hostTargets, name, recipient string, replace bool) ([]sopsHostEdit, error) {
	var out []sopsHostEdit
	for _, p := range paths {
		cfg := si.configs[p]
		req := sopsyaml.AddRequest{Name: name, Recipient: recipient, Replace: replace}
		for _, g := range t.sopsGroups {
			if cfg.HasGroup(g) {
				req.Groups = append(req.Groups, g)
			}
		}
		dir := filepath.Dir(p)
		for _, glob := range t.sopsSecrets {
			abs := filepath.Join(si.root, filepath.FromSlash(glob))
			gov := si.explicit
			if gov == "" {
				var err error
				if gov, err = sopsyaml.Find(si.root, abs); err != nil {
					return nil, inputErr(err)
				}
			}
			if gov != p {
				continue
			}
			rel, err := filepath.Rel(dir, abs)
			if err != nil || strings.HasPrefix(rel, "..") {
				rel = abs
			}
			req.Secrets = append(req.Secrets, filepath.ToSlash(rel))
		}
		if len(req.Groups) == 0 && len(req.Secrets) == 0 && !(replace && anchorsHost(cfg, name)) {
			continue
		}
		res, err := cfg.AddHost(req)
		if err != nil {
			return nil, inputErr(err)
		}
		e, err := sopsEdited(si, p, res)
		if err != nil {
			return nil, err
		}
		if e != nil {
			out = append(out, *e)
		}
	}
	return out, nil
}

// sopsAnchorsHost reports whether a config of paths binds NAME as an
// anchor under keys: (`- &NAME age1...`), the binding --replace rebinds.
func sopsAnchorsHost(si *sopsInventory, paths []string, name string) bool {
	for _, p := range paths {
		if anchorsHost(si.configs[p], name) {
			return true
		}
	}
	return false
}

func anchorsHost(cfg *sopsyaml.Config, name string) bool {
	for _, d := range cfg.Keys {
		if d.Anchor == name {
			return true
		}
	}
	return false
}

// sopsRemoveEdits computes the remove-host edit of every config that
// knows NAME, and the keys it stood for there (to name them in the plan).
func sopsRemoveEdits(si *sopsInventory, paths []string, name string) ([]sopsHostEdit, []string, error) {
	var out []sopsHostEdit
	var keys []string
	for _, p := range paths {
		cfg := si.configs[p]
		if !cfg.HasHost(name) {
			continue
		}
		keys = append(keys, cfg.HostKeys(name)...)
		res, err := cfg.RemoveHost(name)
		if err != nil {
			return nil, nil, inputErr(err)
		}
		e, err := sopsEdited(si, p, res)
		if err != nil {
			return nil, nil, err
		}
		if e != nil {
			out = append(out, *e)
		}
	}
	return out, keys, nil
}

func sopsEdited(si *sopsInventory, path string, res *sopsyaml.Result) (*sopsHostEdit, error) {
	if res.Unchanged {
		return nil, nil
	}
	after, err := sopsyaml.Parse(path, res.New)
	if err != nil {
		return nil, inputErr(fmt.Errorf("%s: the edited config does not parse: %w", path, err))
	}
	return &sopsHostEdit{path: path, old: si.srcs[path], res: res, after: after}, nil
}

// sopsAffected plans the sops files the edits change against the NEW
// configs (nothing written): the files governed by an edited config and
// matched by one of its changed rules. It returns the plan of those that
// are stale under the new config, and every affected file's path.
func sopsAffected(ctx context.Context, root, explicit string, edits []sopsHostEdit, jobs int, removedKeys []string, name string) (*sopsPlan, []string, error) {
	overlay := map[string]*sopsyaml.Config{}
	changed := map[string][]int{}
	for _, e := range edits {
		overlay[e.path] = e.after
		changed[e.path] = e.res.Rules
	}
	si, err := auditSopsOver(ctx, root, explicit, overlay)
	if err != nil {
		return nil, nil, err
	}
	selected := map[string]bool{}
	var affected []string
	for _, s := range si.secrets {
		if s.sops.config == "" {
			continue
		}
		rules, ok := changed[s.sops.config]
		if !ok || !slices.Contains(rules, s.sops.rule) {
			continue
		}
		affected = append(affected, s.Path)
		selected[s.File] = true
	}
	sp := newSopsPlan(si, selected, false, false, jobs)
	// The removed host's keys are gone from the new config, which cannot
	// name them any more: the plan names them after the host.
	for i := range sp.planned {
		for j, r := range sp.planned[i].Remove {
			if slices.Contains(removedKeys, r) {
				sp.planned[i].Remove[j] = name
			}
		}
	}
	return sp, affected, nil
}
