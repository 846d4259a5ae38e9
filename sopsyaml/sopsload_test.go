package sopsyaml

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/getsops/sops/v3/age"
	sopsconfig "github.com/getsops/sops/v3/config"
)

// sopsKeys loads src with sops' own config package (the code the sops
// binary runs, not this package's mirror of it) and returns the key groups
// of the rule sops picks for a path chosen to reach rule i first, each key
// as "TYPE:VALUE", each group sorted. ok is false when no such path is
// known or sops cannot load the file (fuzzed keys are mostly invalid).
func sopsKeys(dir string, src []byte, c *Config, i int) (groups [][]string, ok bool) {
	p := "zz-no-rule-matches-this-path-first"
	if rx := c.Rules[i].PathRegex; rx != "" {
		if p, ok = regexExample(rx); !ok {
			return nil, false
		}
	}
	if m, ok := c.Match(p); !ok || m.Index != i {
		return nil, false
	}
	conf := filepath.Join(dir, ".sops.yaml")
	if os.WriteFile(conf, src, 0o644) != nil {
		return nil, false
	}
	cfg, err := sopsconfig.LoadCreationRuleForFile(conf, p, nil)
	if err != nil || cfg == nil {
		return nil, false
	}
	for _, g := range cfg.KeyGroups {
		ks := []string{}
		for _, k := range g {
			if a, isAge := k.(*age.MasterKey); isAge {
				ks = append(ks, "age:"+a.Recipient)
			} else {
				ks = append(ks, fmt.Sprintf("%T:%s", k, k.ToString()))
			}
		}
		sort.Strings(ks)
		groups = append(groups, slices.Compact(ks))
	}
	return groups, true
}

// gainedOnly reports whether after is before with tok added to exactly
// one group (want) or to none (!want), nothing else changed.
func gainedOnly(before, after [][]string, tok string, want bool) bool {
	if len(before) != len(after) {
		return false
	}
	gained := 0
	for g := range before {
		if slices.Equal(before[g], after[g]) {
			continue
		}
		plus := append(slices.Clone(before[g]), tok)
		sort.Strings(plus)
		if slices.Contains(before[g], tok) || !slices.Equal(plus, after[g]) {
			return false
		}
		gained++
	}
	if want {
		return gained == 1
	}
	return gained == 0
}

// lostOnly reports whether after is before without tok, nothing else
// changed (shared: tok may also stay where another name grants it).
func lostOnly(before, after [][]string, tok string, shared bool) bool {
	if len(before) != len(after) {
		return false
	}
	for g := range before {
		minus := slices.DeleteFunc(slices.Clone(before[g]), func(s string) bool { return s == tok })
		if !slices.Equal(minus, after[g]) && !(shared && slices.Equal(before[g], after[g])) {
			return false
		}
	}
	return true
}
