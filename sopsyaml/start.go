package sopsyaml

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The splices that start what a file lacks: a `keys:` list for a first
// anchor, an `age:` list beside a key group's `pgp:`. Removing the host
// again takes them away (see removeFromSeq), restoring the bytes.

// needsAnchor reports whether a chosen rule's age value can only name a
// new key through an anchor: a flow list (no room for a `# NAME` label)
// or a comma-separated string (no room for any label).
func (c *Config) needsAnchor(chosen map[int]bool) bool {
	for i := range chosen {
		for _, g := range c.nodes[i].groups {
			a := g.age
			if a == nil || a.Kind == yaml.AliasNode {
				continue
			}
			if a.Kind == yaml.ScalarNode && a.Tag != "!!null" {
				return true
			}
			if a.Kind == yaml.SequenceNode && a.Style&yaml.FlowStyle != 0 {
				return true
			}
		}
	}
	return false
}

// startKeys writes `keys:` with the first definition on the lines just
// before `creation_rules:`, so the anchor precedes every alias of it. Only
// in a block mapping whose `creation_rules:` starts its line.
func (c *Config) startKeys(def string) (splice, error) {
	if c.top == nil || c.top.Style&yaml.FlowStyle != 0 || c.rulesSeq == nil {
		return splice{}, c.errPos(1, 1, "no keys: list, and no block creation_rules: to write one before; add a keys: list by hand")
	}
	var key *yaml.Node
	for i := 0; i+1 < len(c.top.Content); i += 2 {
		if c.top.Content[i+1] == c.rulesSeq {
			key = c.top.Content[i]
		}
	}
	if key == nil || key.Column != 1 {
		return splice{}, c.errPos(1, 1, "no keys: list, and creation_rules: does not start its line; add a keys: list by hand")
	}
	at := c.txt.lineStart(c.nodeOff(key))
	if at == 0 && bytes.HasPrefix(c.txt.src, []byte("\ufeff")) {
		at = len("\ufeff") // a byte order mark stays first
	}
	nl := c.txt.newline(at)
	return splice{at, at, "keys:" + nl + "  - " + def + nl}, nil
}

// startAgeBesidePGP writes `age:` with item as the group's first age key,
// after the last line of its block `pgp:` list and at the `pgp:` key's
// indentation, each item written like the pgp ones: `- pgp:` over
// `  - *alice` gains `  age:` over `  - *web3` (two spaces deeper than the
// dash, where pgp: sits).
func (c *Config) startAgeBesidePGP(i int, gn groupNodes, item string) (splice, error) {
	pgp := gn.pgp
	if gn.pgpKey == nil || pgp == nil || pgp.Kind != yaml.SequenceNode || pgp.Style&yaml.FlowStyle != 0 || len(pgp.Content) == 0 {
		return splice{}, c.errAt(c.nodes[i].rule, "creation rule %d's key group holds PGP keys only, not as a block list nfrekey can add an age: list beside; add it by hand", i+1)
	}
	ls, prefix, err := c.blockItemLine(pgp, len(pgp.Content)-1)
	if err != nil {
		return splice{}, err
	}
	kls := c.txt.lineStart(c.nodeOff(gn.pgpKey))
	indent := strings.Repeat(" ", len([]rune(string(c.txt.src[kls:c.nodeOff(gn.pgpKey)]))))
	if strings.ContainsRune(string(c.txt.src[kls:c.nodeOff(gn.pgpKey)]), '\t') {
		return splice{}, c.errAt(gn.pgpKey, "tabs before pgp:; add the age: list by hand")
	}
	nl := c.txt.newline(ls)
	at := c.txt.nextLine(ls)
	text := indent + "age:" + nl + prefix + item
	if at == len(c.txt.src) && (at == 0 || c.txt.src[at-1] != '\n') {
		return splice{at, at, nl + text}, nil
	}
	return splice{at, at, text + nl}, nil
}

// startRuleAge writes `age:` with item as the first age key of a rule
// holding its keys itself (kms:, gcp_kms:, a pgp: string), after the rule's
// last line, at its keys' indentation. Only when that last entry is a
// one-line scalar on its key's line.
func (c *Config) startRuleAge(i int, _ groupNodes, item string) (splice, error) {
	rn := c.nodes[i].rule
	n := len(rn.Content)
	refuse := c.errAt(rn, "creation rule %d has no age: list, and its last entry is not a one-line value to write one after; add it by hand", i+1)
	if n < 2 || rn.Style&yaml.FlowStyle != 0 {
		return splice{}, refuse
	}
	k, v := rn.Content[n-2], rn.Content[n-1]
	if v.Kind != yaml.ScalarNode || v.Line != k.Line || v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 || !c.closesOnItsLine(v) {
		return splice{}, refuse
	}
	if next := c.txt.nextLine(c.nodeOff(v)); next < len(c.txt.src) {
		line := string(c.txt.src[next:c.txt.lineEnd(next)])
		trim := strings.TrimLeft(line, " ")
		if trim != "" && !strings.HasPrefix(trim, "#") && len(line)-len(trim) >= rn.Content[0].Column {
			return splice{}, refuse // the value continues on the next line
		}
	}
	first := rn.Content[0]
	ls := c.txt.lineStart(c.nodeOff(first))
	if strings.ContainsRune(string(c.txt.src[ls:c.nodeOff(first)]), '\t') {
		return splice{}, c.errAt(first, "tabs before the rule's keys; add the age: list by hand")
	}
	indent := strings.Repeat(" ", first.Column-1)
	at := c.txt.lineStart(c.nodeOff(v))
	nl := c.txt.newline(at)
	at = c.txt.nextLine(at)
	text := indent + "age:" + nl + indent + "  - " + item
	if at == len(c.txt.src) && (at == 0 || c.txt.src[at-1] != '\n') {
		return splice{at, at, nl + text}, nil
	}
	return splice{at, at, text + nl}, nil
}
