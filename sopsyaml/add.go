package sopsyaml

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nfrekey/nfrekey/recipients"
)

// AddRequest says which key to add under which name, and where.
type AddRequest struct {
	Name      string // the anchor: `&NAME`
	Recipient string // age1... or ssh-... as it should be written
	// Groups: a rule's path_regex exactly as written, or the name of an
	// anchored list (`&servers`); Secrets: paths or globs relative to the
	// config's directory, naming the rules that govern them (the files
	// need not exist).
	Groups, Secrets []string
	Replace         bool // rebind NAME if it is bound to another key
}

// Result is an edit's outcome. New is nil only with an error.
type Result struct {
	New          []byte
	Unchanged    bool
	Rules        []int  // indices of the rules whose key groups changed
	OldRecipient string // with Replace: the key NAME was bound to
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*$`)

var hostListRE = regexp.MustCompile(`(?i)host|server|machine|node|system`)

// AddHost binds NAME to the recipient under keys: and adds it to the age
// list of every chosen rule. An edit that would grant anything else (an
// age list shared with a rule not chosen) is refused.
func (c *Config) AddHost(req AddRequest) (*Result, error) {
	if c.Generated != "" {
		return nil, fmt.Errorf("%s: not edited: %s", c.Path, c.Generated)
	}
	if !nameRE.MatchString(req.Name) {
		return nil, fmt.Errorf("%s: %q cannot be a YAML anchor name", c.Path, req.Name)
	}
	rec, err := recipients.Parse(strings.TrimSpace(req.Recipient))
	if err != nil {
		return nil, fmt.Errorf("host %s: %w", req.Name, err)
	}
	value := rec.String()
	chosen, viaAnchor, err := c.chooseRules(req.Groups, req.Secrets)
	if err != nil {
		return nil, err
	}
	def := c.keyDef(req.Name)
	if a := c.anchors[req.Name]; a != nil && def == nil {
		return nil, c.errAt(a, "&%s is already an anchor here, outside keys:; pick another name or edit by hand", req.Name)
	}
	for _, d := range c.Keys {
		if d.Value == value && d.Anchor != req.Name {
			return nil, c.errPos(d.Line, d.Col, "this key is already declared as &%s", d.Anchor)
		}
	}
	for _, r := range c.Rules {
		for _, g := range r.Groups {
			for _, k := range g.Age {
				if k.Value == value && k.Name != "" && k.Name != req.Name && !k.viaAlias {
					return nil, c.errPos(k.Line, k.Col, "this key is already labelled %s", k.Name)
				}
			}
		}
	}
	// Without keys:, another top-level list of anchored keys takes the
	// definition, if some rule does not use it as a whole.
	aliases := c.keys != nil || slices.ContainsFunc(c.lists, func(l keyList) bool { return len(c.sharedBy(l.node)) == 0 })
	res := &Result{}
	var sp []splice
	started := false
	if def == nil && !aliases && c.needsAnchor(chosen) {
		// A flow list or a key string cannot carry a `# NAME` label:
		// the file gets a keys: list holding &NAME, so remove-host finds
		// the host again (0xc0-homelab/infrastructure: `age: age1...`).
		s, err := c.startKeys("&" + req.Name + " " + value)
		if err != nil {
			return nil, err
		}
		sp = append(sp, s)
		aliases, started = true, true
	}
	before, err := c.resolvedRules()
	if err != nil {
		return nil, err
	}
	want := cloneResolved(before)
	if def != nil && def.Value != value {
		if !req.Replace {
			return nil, c.errPos(def.Line, def.Col, "%s is bound to another key (%s); --replace rebinds it", req.Name, def.Value)
		}
		s, err := c.replaceDef(def, value, want)
		if err != nil {
			return nil, err
		}
		sp = append(sp, s)
		res.OldRecipient = def.Value
	}
	var defList *yaml.Node
	if def == nil && aliases && !started {
		if defList, err = c.defList(viaAnchor); err != nil {
			return nil, err
		}
		s, err := c.insertIntoSeq(defList, "&"+req.Name+" "+value)
		if err != nil {
			return nil, err
		}
		sp = append(sp, s)
	} else if def == nil && len(chosen) == 0 {
		return nil, fmt.Errorf("%s: no keys: list and no rule chosen: %s would be recorded nowhere", c.Path, req.Name)
	}
	add := map[int]int{}
	edited := map[*yaml.Node]bool{}
	for _, i := range sortedKeys(chosen) {
		gi, err := c.targetGroup(i)
		if err != nil {
			return nil, err
		}
		add[i] = gi
		if c.hasKey(i, gi, req.Name, value) {
			continue
		}
		age := c.nodes[i].groups[gi].age
		if age != nil && age.Kind == yaml.ScalarNode && age.Tag == "!!null" {
			// `age:` with no value beside other keys: writing a list there
			// is replacing a value, not a splice nfrekey undoes.
			return nil, c.errAt(age, "creation rule %d's age: has no value; write it as a list of keys by hand", i+1)
		}
		if age == nil {
			item := value + " # " + req.Name
			if aliases {
				item = "*" + req.Name
			}
			start := c.startAgeBesidePGP
			if c.nodes[i].groups[gi].flat {
				start = c.startRuleAge
			}
			s, err := start(i, c.nodes[i].groups[gi], item)
			if err != nil {
				return nil, err
			}
			sp = append(sp, s)
			continue
		}
		target := age
		if target.Kind == yaml.AliasNode {
			target = target.Alias
		}
		if target == defList || edited[target] {
			continue
		}
		if age.Kind == yaml.AliasNode && target.Kind == yaml.ScalarNode {
			// age: *kazuki, one host's own key: the only text to extend
			// is that key's definition (15cm/nixfiles gives each host's
			// files to the host alone this way).
			return nil, c.errAt(age, "creation rule %d's age is the single key *%s, not a list: extending it would change %s's own key; write the rule's age as a list by hand", i+1, age.Value, age.Value)
		}
		if others := c.othersSharing(target, chosen); len(others) > 0 && !viaAnchor[target] {
			return nil, c.errAt(age, "creation rule %d's age list is shared with rules %v; changing it grants them too: name the list with --group %s to mean that", i+1, oneBased(others), sharedName(target))
		}
		edited[target] = true
		var s splice
		switch {
		case target.Kind == yaml.SequenceNode && aliases:
			s, err = c.insertIntoSeq(target, "*"+req.Name)
		case target.Kind == yaml.SequenceNode && target.Style&yaml.FlowStyle == 0:
			s, err = c.insertIntoSeq(target, value+" # "+req.Name)
		case target.Kind == yaml.SequenceNode:
			err = c.errAt(target, "no keys: list and a flow age list: %s could not be labelled; add a keys: list", req.Name)
		case target.Kind == yaml.ScalarNode && aliases:
			if target.Style&yaml.FoldedStyle != 0 {
				s, err = c.appendToFolded(target, value)
			} else {
				s, err = c.appendToCSV(target, value)
			}
		default:
			err = c.errAt(target, "no keys: list and a comma-separated age string: %s would be recorded nowhere; add a keys: list", req.Name)
		}
		if err != nil {
			return nil, err
		}
		sp = append(sp, s)
	}
	want = expectAdd(want, add, "age:"+value)
	return c.finish(sp, want, res, func(c2 *Config) error {
		if d := c2.keyDef(req.Name); aliases && (d == nil || d.Value != value) {
			return fmt.Errorf("%s: edit refused: &%s is not bound to the new key afterwards", c.Path, req.Name)
		}
		return nil
	})
}

func (c *Config) finish(sp []splice, want []resolved, res *Result, check func(*Config) error) (*Result, error) {
	if len(sp) == 0 {
		res.New, res.Unchanged = c.src, true
		if _, _, err := c.verify(c.src, nil, want); err != nil {
			return nil, err
		}
		return res, nil
	}
	out, err := applySplices(c.src, sp)
	if err != nil {
		return nil, err
	}
	c2, changed, err := c.verify(out, sp, want)
	if err != nil {
		return nil, err
	}
	if err := check(c2); err != nil {
		return nil, err
	}
	res.New, res.Rules = out, changed
	return res, nil
}

func (c *Config) keyDef(name string) *KeyDef {
	for i := range c.Keys {
		if c.Keys[i].Anchor == name {
			return &c.Keys[i]
		}
	}
	return nil
}

// replaceDef rebinds an existing anchor; rules follow through their aliases.
func (c *Config) replaceDef(def *KeyDef, value string, want []resolved) (splice, error) {
	for i, r := range c.Rules {
		for gi, g := range r.Groups {
			for _, k := range g.Age {
				if k.Name == def.Anchor && !k.viaAlias && k.Value == def.Value && k.Line != def.Line {
					return splice{}, c.errPos(k.Line, k.Col, "a literal copy of %s's old key; edit it by hand before --replace", def.Anchor)
				}
				if k.Name == def.Anchor && k.viaAlias {
					want[i][gi] = slices.DeleteFunc(want[i][gi], func(t string) bool { return t == "age:"+def.Value })
					want[i][gi] = append(want[i][gi], "age:"+value)
				}
			}
		}
	}
	o, end, err := c.scalarRaw(def.node)
	if err != nil {
		return splice{}, err
	}
	return splice{o, end, value}, nil
}

// defList picks the keys: list a new anchor joins: a list named by --group,
// else one no rule uses as a whole (so the definition grants nothing by
// itself), preferring one named like hosts.
func (c *Config) defList(viaAnchor map[*yaml.Node]bool) (*yaml.Node, error) {
	for _, l := range c.lists {
		if viaAnchor[l.node] {
			return l.node, nil
		}
	}
	var free []keyList
	for _, l := range c.lists {
		if len(c.sharedBy(l.node)) == 0 {
			free = append(free, l)
		}
	}

	if len(free) == 0 {
		// Every list under keys: is some rule's whole age list (keys: &all
		// with age: *all, tweag/cardano-hoarding-node): a key added there
		// reaches those rules, which only naming the list asks for.
		var named []string
		for _, l := range c.lists {
			if n := sharedName(l.node); n != "" && len(c.sharedBy(l.node)) > 0 {
				named = append(named, fmt.Sprintf("--group %s (rules %v)", n, oneBased(c.sharedBy(l.node))))
			}
		}
		if len(named) > 0 {
			return nil, c.errAt(c.keysNode(), "every list under keys: is a rule's whole age list, so a new key there reaches every rule using it: to mean that, give %s; else add the host by hand", strings.Join(named, " or "))
		}
		return nil, c.errAt(c.keysNode(), "keys: has no list of anchored keys that no rule uses as a whole; add the host by hand")
	}
	for i := len(free) - 1; i >= 0; i-- {
		if hostListRE.MatchString(free[i].name) {
			return free[i].node, nil
		}
	}
	return free[len(free)-1].node, nil
}

// keysNode is where keys: problems are reported: keys: itself, else the
// first other list of keys.
func (c *Config) keysNode() *yaml.Node {
	if c.keys != nil || len(c.lists) == 0 {
		return c.keys
	}
	return c.lists[0].node
}

// sharedBy lists the rules whose age value is seq itself or an alias of it.
func (c *Config) sharedBy(seq *yaml.Node) []int {
	var out []int
	for i, rn := range c.nodes {
		for _, g := range rn.groups {
			if g.age != nil && (g.age == seq || (g.age.Kind == yaml.AliasNode && g.age.Alias == seq)) {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

func (c *Config) othersSharing(seq *yaml.Node, chosen map[int]bool) []int {
	var out []int
	for _, i := range c.sharedBy(seq) {
		if !chosen[i] {
			out = append(out, i)
		}
	}
	return out
}

func sharedName(n *yaml.Node) string {
	if n.Anchor != "" {
		return n.Anchor
	}
	return "<its anchor>"
}

// targetGroup is the key group of rule i that gets new age keys: the only
// one with an age: entry.
func (c *Config) targetGroup(i int) (int, error) {
	gi := -1
	for j, g := range c.nodes[i].groups {
		if g.age != nil && !(g.age.Kind == yaml.ScalarNode && g.age.Tag == "!!null") {
			if gi >= 0 {
				return 0, c.errAt(c.nodes[i].rule, "creation rule %d has several key groups with age keys; nfrekey does not choose one: edit it by hand", i+1)
			}
			gi = j
		}
	}
	if gi < 0 && len(c.nodes[i].groups) == 1 && c.nodes[i].groups[0].flat {
		// 1Mill/terraform-sops: kms: only. The rule's keys are one
		// group for sops, which an age: list beside them joins.
		if g := c.Rules[i].Groups; len(g) == 1 && len(g[0].PGP)+len(g[0].Other) > 0 {
			return 0, nil
		}
		// No key at all: sops takes such a rule's keys from its command
		// line or environment; a list of NAME alone would replace them.
		return 0, c.errAt(c.nodes[i].rule, "creation rule %d names no keys (sops then takes them from its command line or environment): nfrekey does not start its key list; add an age: list by hand", i+1)
	}
	if gi < 0 && len(c.Rules[i].Groups) == 1 && len(c.Rules[i].Groups[0].PGP) > 0 {
		// lilyinstarlight/foosteros, 0xB10C/nix-ci-bitcoin-core: a group
		// of PGP keys only; an age: list beside pgp: joins that group
		// (startAgeBesidePGP), no new group is made.
		if c.nodes[i].groups[0].pgp != nil {
			return 0, nil
		}
		return 0, c.errAt(c.nodes[i].rule, "creation rule %d's PGP keys are not a key group's own block list: nfrekey does not start an age: list there; add one by hand", i+1)
	}
	if gi < 0 {
		return 0, c.errAt(c.nodes[i].rule, "creation rule %d has several key groups and none with age keys: nfrekey does not choose one; add an age: list by hand", i+1)
	}
	return gi, nil
}

func (c *Config) hasKey(i, gi int, name, value string) bool {
	for _, k := range c.Rules[i].Groups[gi].Age {
		if k.Value == value || (k.viaAlias && k.Name == name) {
			return true
		}
	}
	return false
}

// chooseRules resolves --group and --secret to rule indices; viaAnchor
// holds the anchored lists named by --group, which may be edited even
// though other rules share them.
func (c *Config) chooseRules(groups, secrets []string) (map[int]bool, map[*yaml.Node]bool, error) {
	chosen := map[int]bool{}
	viaAnchor := map[*yaml.Node]bool{}
	for _, g := range groups {
		found := false
		for i, r := range c.Rules {
			if r.PathRegex == g {
				chosen[i], found = true, true
			}
		}
		if found {
			continue
		}
		seq := c.anchoredList(g)
		if seq == nil {
			if c.keyDef(g) != nil {
				return nil, nil, fmt.Errorf("%s: --group %s: &%s is a key, not a list", c.Path, g, g)
			}
			return nil, nil, fmt.Errorf("%s: --group %q: no creation rule has this path_regex and no anchored list has this name", c.Path, g)
		}
		users := c.sharedBy(seq)
		if len(users) == 0 {
			return nil, nil, fmt.Errorf("%s: --group %s: no creation rule uses &%s as its age list", c.Path, g, g)
		}
		viaAnchor[seq] = true
		for _, i := range users {
			chosen[i] = true
		}
	}
	for _, s := range secrets {
		p := globExample(s)
		r, ok := c.Match(p)
		if !ok {
			return nil, nil, fmt.Errorf("%s: --secret %s: no creation rule matches %s", c.Path, s, p)
		}
		chosen[r.Index] = true
	}
	return chosen, viaAnchor, nil
}

// anchoredList finds a list anchored &name under keys: or in a rule.
func (c *Config) anchoredList(name string) *yaml.Node {
	for _, l := range c.lists {
		if l.node.Anchor == name || l.name == name {
			return l.node
		}
	}
	for _, rn := range c.nodes {
		for _, g := range rn.groups {
			if g.age != nil && g.age.Kind == yaml.SequenceNode && g.age.Anchor == name {
				return g.age
			}
			// A list of plain (unanchored) keys is not among c.lists,
			// which holds lists of anchored keys; a rule using it whole
			// (`age: *servers`) still makes it a group.
			if a := aliasedList(g.age); a != nil && a.Anchor == name {
				return a
			}
		}
	}
	return nil
}

// aliasedList is the sequence an alias node stands for, or nil.
func aliasedList(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.AliasNode || n.Alias == nil || n.Alias.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Alias
}

// globExample is a path the glob matches, standing for the files it names
// (which need not exist): each wildcard becomes "x", a class its first
// character.
func globExample(glob string) string {
	var b strings.Builder
	for i := 0; i < len(glob); i++ {
		switch ch := glob[i]; ch {
		case '*':
			for i+1 < len(glob) && glob[i+1] == '*' {
				i++
			}
			b.WriteByte('x')
		case '?':
			b.WriteByte('x')
		case '[':
			j := strings.IndexByte(glob[i:], ']')
			if j < 0 {
				b.WriteByte(ch)
				continue
			}
			class := glob[i+1 : i+j]
			if class == "" || class[0] == '^' || class[0] == '!' {
				b.WriteByte('x')
			} else {
				b.WriteByte(class[0])
			}
			i += j
		case '\\':
			if i+1 < len(glob) {
				i++
				b.WriteByte(glob[i])
			}
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

func sortedKeys(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

// oneBased numbers rules for people, as audit does: the first is rule 1.
func oneBased(idx []int) []int {
	out := make([]int, len(idx))
	for i, v := range idx {
		out[i] = v + 1
	}
	return out
}
