package sopsyaml

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// RemoveHost removes NAME's key everywhere: its `&NAME` definition, every
// `*NAME`, and every literal copy of its key in keys: and the rules
// (including keys labelled `# NAME` in files without anchors).
func (c *Config) RemoveHost(name string) (*Result, error) {
	if c.Generated != "" {
		return nil, fmt.Errorf("%s: not edited: %s", c.Path, c.Generated)
	}
	vals := map[string]bool{}
	def := c.keyDef(name)
	if def != nil {
		// A PGP fingerprint (or a kms ARN) anchored beside the hosts is
		// a person's key, typically: its removal is not a host's, and
		// the verification only knows how age recipients go away, so
		// it is refused here by name rather than by a mismatch later.
		if !strings.HasPrefix(def.Value, "age1") && !strings.HasPrefix(def.Value, "ssh-") {
			return nil, c.errAt(def.node, "&%s is not an age or SSH recipient (%q: a PGP fingerprint?); remove-host removes hosts' age keys only: remove it by hand", name, def.Value)
		}
		vals[def.Value] = true
	}
	for _, r := range c.Rules {
		for _, g := range r.Groups {
			for _, k := range g.Age {
				if k.Name == name && !k.viaAlias {
					vals[k.Value] = true
				}
			}
		}
	}
	if len(vals) == 0 {
		return nil, fmt.Errorf("%s: no host %s: no &%s anchor and no key labelled %s", c.Path, name, name, name)
	}
	// When another anchor holds the same key (copied entries are common),
	// only NAME's own references go: its key stays wherever the other
	// name grants it.
	shared := false
	for _, d := range c.Keys {
		if d.Anchor != name && vals[d.Value] {
			shared = true
		}
	}
	rm := remover{c: c, name: name, vals: vals, onlyNamed: shared}
	if def != nil {
		rm.def = def.node
	}
	// The whole document: an anchored list the rules alias may sit under
	// any top-level key, not only keys: and creation_rules:.
	if c.top != nil {
		if err := rm.walk(c.top, nil); err != nil {
			return nil, err
		}
	}
	if def != nil && !rm.defGone {
		return nil, c.errAt(def.node, "&%s is not a list item; remove it by hand", name)
	}
	before, err := c.resolvedRules()
	if err != nil {
		return nil, err
	}
	want := cloneResolved(before)
	for i := range want {
		for gi := range want[i] {
			keep := map[string]bool{}
			if shared && gi < len(c.nodes[i].groups) {
				for _, k := range c.nodes[i].groups[gi].raw {
					if k.Name != name {
						keep[k.Value] = true
					}
				}
			}
			want[i][gi] = slices.DeleteFunc(want[i][gi], func(t string) bool {
				v, ok := strings.CutPrefix(t, "age:")
				return ok && vals[v] && !keep[v]
			})
		}
	}
	return c.finish(rm.sp, want, &Result{}, func(c2 *Config) error {
		if c2.keyDef(name) != nil {
			return fmt.Errorf("%s: edit refused: &%s is still defined afterwards", c.Path, name)
		}
		return nil
	})
}

type remover struct {
	c       *Config
	name    string
	vals    map[string]bool
	def     *yaml.Node
	defGone bool
	// onlyNamed: the key is also another anchor's, so only items naming
	// NAME (its alias, its definition, a `# NAME` label) are removed.
	onlyNamed bool
	sp        []splice
}

// walk visits every node once, never through an alias, so a shared list
// is edited once for all the rules using it.
func (r *remover) walk(n *yaml.Node, parent *yaml.Node) error {
	switch n.Kind {
	case yaml.SequenceNode:
		for i, it := range n.Content {
			hit, err := r.item(it)
			if err != nil {
				return err
			}
			if hit {
				s, err := r.c.removeItem(n, i, r.ownsKeyLine(n, parent))
				if err != nil {
					return err
				}
				if l := len(r.sp); l > 0 && r.sp[l-1].end > s.off && n.Style&yaml.FlowStyle != 0 {
					return r.c.errAt(it, "two keys to remove side by side in a flow list; edit it by hand")
				}
				r.sp = append(r.sp, s)
				if it == r.def {
					r.defGone = true
				}
				continue
			}
			if err := r.walk(it, n); err != nil {
				return err
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			v := n.Content[i+1]
			switch v.Kind {
			case yaml.AliasNode:
				if v.Value == r.name {
					return r.c.errAt(v, "*%s is a whole value, not a list item; edit it by hand", r.name)
				}
			case yaml.ScalarNode:
				if err := r.csv(v); err != nil {
					return err
				}
			default:
				if err := r.walk(v, n); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// ownsKeyLine: seq is the top-level keys: list, or the age: list of a
// mapping (a key group or a rule) that also holds other keys (pgp:, kms:,
// ...), whose key line goes with the last key, undoing startKeys,
// startAgeBesidePGP and startRuleAge. An age: alone is not dropped: a rule
// without any key would change more than keys.
func (r *remover) ownsKeyLine(seq, parent *yaml.Node) bool {
	if seq == r.c.keys && parent == r.c.top {
		return true
	}
	if parent == nil || parent.Kind != yaml.MappingNode {
		return false
	}
	pgp, isAge := false, false
	for i := 0; i+1 < len(parent.Content); i += 2 {
		switch parent.Content[i].Value {
		case "pgp", "kms", "gcp_kms", "azure_keyvault", "hc_vault_transit_uri", "hckms":
			pgp = true
		case "age":
			isAge = isAge || parent.Content[i+1] == seq
		}
	}
	return pgp && isAge
}

// item reports whether a list item is NAME's key.
func (r *remover) item(it *yaml.Node) (bool, error) {
	switch it.Kind {
	case yaml.AliasNode:
		return it.Value == r.name, nil
	case yaml.ScalarNode:
		if it == r.def {
			return true, nil
		}
		if r.onlyNamed {
			return it.Anchor == r.name || (it.Anchor == "" && commentLabel(it.LineComment) == r.name), nil
		}
		if !strings.Contains(it.Value, ",") {
			if !r.vals[strings.TrimSpace(it.Value)] {
				return false, nil
			}
			if it.Anchor != "" && it.Anchor != r.name {
				return false, r.c.errAt(it, "%s's key is also anchored as &%s", r.name, it.Anchor)
			}
			return true, nil
		}
		return false, r.csv(it)
	}
	return false, nil
}

// csv removes NAME's key from a comma-separated key string.
func (r *remover) csv(v *yaml.Node) error {
	if r.onlyNamed {
		return nil
	}
	if !strings.Contains(v.Value, ",") {
		if !r.vals[strings.TrimSpace(v.Value)] || v == r.def {
			return nil
		}
		if v.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) == 0 || v.Anchor != "" {
			return r.c.errAt(v, "this age value is only %s's key; remove it by hand", r.name)
		}
		// `age: "KEY"` becomes `age: ""`, an empty key list for sops.
		o, _, err := r.c.scalarRaw(v)
		if err != nil {
			return err
		}
		k := strings.Index(v.Value, strings.TrimSpace(v.Value))
		r.sp = append(r.sp, splice{o + k, o + k + len(strings.TrimSpace(v.Value)), ""})
		return nil
	}
	for _, p := range strings.Split(v.Value, ",") {
		if r.vals[strings.TrimSpace(p)] {
			if v.Style&yaml.FoldedStyle != 0 {
				sp, err := r.c.removeFromFolded(v, r.vals)
				if err != nil {
					return err
				}
				r.sp = append(r.sp, sp...)
				return nil
			}
			s, err := r.c.removeFromCSV(v, r.vals)
			if err != nil {
				return err
			}
			r.sp = append(r.sp, s)
			return nil
		}
	}
	return nil
}
