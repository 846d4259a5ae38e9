// Package globpath matches slash-separated paths against --secret globs:
// path.Match, whose * and ? never cross a '/', plus a segment that is
// exactly ** matching any number of whole segments (none included; a
// trailing one at least one), as in .gitignore and shell globstar.
// Without it 'org/**' meant 'org/*' and silently left out the secrets of
// org's subdirectories.
package globpath

import (
	"path"
	"strings"
)

// Match reports whether name matches pattern. The error is path.Match's
// ErrBadPattern, for any malformed segment, whatever name is.
func Match(pattern, name string) (bool, error) {
	pats := strings.Split(pattern, "/")
	for _, p := range pats {
		if p == "**" {
			continue
		}
		if _, err := path.Match(p, ""); err != nil {
			return false, err
		}
	}
	return match(pats, strings.Split(name, "/")), nil
}

func match(pats, segs []string) bool {
	for len(pats) > 0 {
		if pats[0] == "**" {
			for len(pats) > 0 && pats[0] == "**" {
				pats = pats[1:]
			}
			if len(pats) == 0 {
				return len(segs) > 0 // a trailing ** is what is inside, as in .gitignore
			}
			for i := range segs {
				if match(pats, segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pats[0], segs[0]); !ok {
			return false
		}
		pats, segs = pats[1:], segs[1:]
	}
	return len(segs) == 0
}
