package nixedit

import (
	"fmt"
	"path/filepath"
	"strings"

	sn "github.com/nfrekey/nfrekey/secretsnix"
)

// generatedKey is the one key the secrets name NAME when no binding
// literal is written for it: a set made by mapAttrs over readDir of a
// keys directory (ambroisie/nix-config: keys.hosts.porthos is the file
// keys/hosts/porthos). ok false when NAME names no key, or several.
func generatedKey(before *sn.Rules, name string) (string, bool) {
	old := ""
	for _, s := range before.Secrets {
		for _, k := range s.PublicKeys {
			if k.Name != name {
				continue
			}
			if c := canon(k.Text); old == "" {
				old = c
			} else if c != old {
				return "", false
			}
		}
	}
	return old, old != ""
}

// removeGenerated takes a generated key out of the rules: every
// reference of the rules file ending in .NAME (keys.hosts.porthos) that
// is a list element goes; the set that makes the key, and the file it is read from, stay
// (they are not written per host, and may serve more than the rules).
// The evaluation must then show exactly that key gone from every secret
// that had it.
func removeGenerated(req RemoveRequest, fs *files, before *sn.Rules, old string) (*Result, error) {
	where := ""
	for _, s := range before.Secrets {
		for _, k := range s.PublicKeys {
			if k.Name == req.Name && k.File != "" && where == "" {
				where = fmt.Sprintf(" (%s:%d)", k.File, k.Line)
			}
		}
	}
	// Only the rules file's own uses: a .NAME in a file it imports may be
	// another set's member of the same name.
	rules := fs.order[0]
	// A let binding of the rules file made by a helper of its own (main =
	// readKey ./keys/main.age.pub;, 2048TB/nixos-config): its bare uses
	// go, and so do the binding and the one .pub file it names.
	let, def := letDef(rules, req.Name)
	err := removeUses(fs, req.Name, func(src *source, n sn.Node) bool {
		if id, ok := n.(*sn.Ident); ok {
			return def != nil && src == rules && id.Name == req.Name
		}
		sel, ok := n.(*sn.Select)
		if !ok || sel.Default != nil || src != rules {
			return false
		}
		p, ok := staticPath(sel.Path)
		return ok && p[len(p)-1] == req.Name
	})
	if err != nil {
		return nil, err
	}
	edited := false
	for _, src := range fs.order {
		edited = edited || len(src.edits) > 0
	}
	if !edited {
		return nil, fmt.Errorf("%s: %s's key%s is made by an expression (no binding %s = ...; nfrekey can remove) and is used as no list element: remove it by hand", req.RulesFile, req.Name, where, req.Name)
	}
	if def != nil {
		removeNode(rules, def, binds(let)[0] == sn.Node(def))
		if p := onePubPath(def.Value); p != "" {
			if !filepath.IsAbs(p) {
				p = filepath.Join(filepath.Dir(rules.path), p)
			}
			planRemove(fs, p)
		}
	}
	res := &Result{Before: before, OldKey: old}
	return finish(req.RulesFile, req.Options, fs, res, func(b, a map[string]keyset) error {
		if err := removedOnly(req.Name, old, nil)(b, a); err != nil {
			return fmt.Errorf("%s's key is made by an expression, not bound by name: %w", req.Name, err)
		}
		return nil
	})
}

// letDef is the binding NAME = ...; of the rules file's outermost lets.
func letDef(rules *source, name string) (*sn.Let, *sn.AttrDef) {
	lets, _ := scopes(rules.f.Root)
	for i := len(lets) - 1; i >= 0; i-- {
		for _, b := range lets[i].Binds {
			if d, ok := b.(*sn.AttrDef); ok {
				if p, ok := staticPath(d.Path); ok && len(p) == 1 && p[0] == name {
					return lets[i], d
				}
			}
		}
	}
	return nil, nil
}

// onePubPath is the one literal path in n, when it names a .pub file.
func onePubPath(n sn.Node) string {
	var paths []string
	walk(n, nil, func(x, _ sn.Node) {
		if p, ok := x.(*sn.PathLit); ok {
			if len(p.Parts) == 1 && p.Parts[0].Interp == nil && !p.Home {
				paths = append(paths, p.Parts[0].Lit)
			} else {
				paths = append(paths, "")
			}
		}
	})
	if len(paths) != 1 || !strings.HasSuffix(paths[0], ".pub") {
		return ""
	}
	return paths[0]
}
