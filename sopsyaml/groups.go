package sopsyaml

import "sort"

// HasGroup reports whether --group g names something here: a rule's
// path_regex exactly as written, or an anchored list some rule uses as
// its age list. Callers with several recipient-list files (secrets.nix
// beside .sops.yaml) apply a group to each file that has it.
func (c *Config) HasGroup(g string) bool {
	for _, r := range c.Rules {
		if r.PathRegex != "" && r.PathRegex == g {
			return true
		}
	}
	seq := c.anchoredList(g)
	return seq != nil && len(c.sharedBy(seq)) > 0
}

// GroupNames lists what --group may name here, sorted: every rule's
// path_regex and every anchored list a rule uses.
func (c *Config) GroupNames() []string {
	seen := map[string]bool{}
	for _, r := range c.Rules {
		if r.PathRegex != "" {
			seen[r.PathRegex] = true
		}
	}
	for _, l := range c.lists {
		for _, name := range []string{l.node.Anchor, l.name} {
			if name != "" && c.HasGroup(name) {
				seen[name] = true
			}
		}
	}
	for _, rn := range c.nodes {
		for _, g := range rn.groups {
			if g.age != nil && g.age.Anchor != "" {
				seen[g.age.Anchor] = true
			}
			if a := aliasedList(g.age); a != nil && a.Anchor != "" {
				seen[a.Anchor] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// HasHost reports whether NAME is a host here: an `&NAME` key under
// keys:, or a rule key labelled NAME.
func (c *Config) HasHost(name string) bool {
	if c.keyDef(name) != nil {
		return true
	}
	for _, r := range c.Rules {
		for _, g := range r.Groups {
			for _, k := range g.Age {
				if k.Name == name && !k.viaAlias {
					return true
				}
			}
		}
	}
	return false
}

// HostKeys are the keys NAME stands for here (its definition and the
// keys labelled NAME): what a removal of NAME takes away.
func (c *Config) HostKeys(name string) []string {
	var out []string
	if d := c.keyDef(name); d != nil {
		out = append(out, d.Value)
	}
	for _, r := range c.Rules {
		for _, g := range r.Groups {
			for _, k := range g.Age {
				if k.Name == name && !k.viaAlias {
					out = append(out, k.Value)
				}
			}
		}
	}
	return out
}
