package sopsyaml

import (
	"fmt"
	"reflect"
	"slices"
)

// verify checks an edit before its bytes leave the package: the result
// parses, bytes outside the splices are unchanged, nothing but the keys of
// a rule changed, and every rule's key groups (as sops resolves them, via
// the mirror decode) equal want.
func (c *Config) verify(newSrc []byte, sp []splice, want []resolved) (*Config, []int, error) {
	if err := outsideUnchanged(c.src, newSrc, sp); err != nil {
		return nil, nil, fmt.Errorf("%s: edit refused: %w", c.Path, err)
	}
	c2, err := Parse(c.Path, newSrc)
	if err != nil {
		return nil, nil, fmt.Errorf("edit refused: the edited file does not parse: %w", err)
	}
	if len(c2.mir) != len(c.mir) || c2.Stores != c.Stores {
		return nil, nil, fmt.Errorf("%s: edit refused: it changes more than keys", c.Path)
	}
	before, err := c.resolvedRules()
	if err != nil {
		return nil, nil, err
	}
	after, err := c2.resolvedRules()
	if err != nil {
		return nil, nil, err
	}
	var changed []int
	for i := range c.mir {
		if !reflect.DeepEqual(c.mir[i].withoutKeys(), c2.mir[i].withoutKeys()) {
			return nil, nil, fmt.Errorf("%s: edit refused: creation rule %d changes more than keys", c.Path, i+1)
		}
		if !equalGroups(after[i], want[i]) {
			return nil, nil, fmt.Errorf("%s: edit refused: creation rule %d would resolve to %v, expected %v", c.Path, i+1, after[i], want[i])
		}
		if !equalGroups(before[i], after[i]) {
			changed = append(changed, i)
		}
	}
	return c2, changed, nil
}

// expectAdd is before with token added to group gi of each listed rule.
func expectAdd(before []resolved, add map[int]int, token string) []resolved {
	out := cloneResolved(before)
	for i, gi := range add {
		if !slices.Contains(out[i][gi], token) {
			out[i][gi] = append(out[i][gi], token)
		}
	}
	return out
}

func cloneResolved(rs []resolved) []resolved {
	out := make([]resolved, len(rs))
	for i, r := range rs {
		out[i] = make(resolved, len(r))
		for j, g := range r {
			out[i][j] = slices.Clone(g)
		}
	}
	return out
}
