package textedit

import (
	"github.com/rogpeppe/go-internal/diff"
)

// Unified renders the change from old to new as a unified diff (the
// --dry-run view) with paths a/NAME and b/NAME, as git prints them; a nil
// old is a created file, a nil new a deleted one (shown against
// /dev/null). Equal contents give "". The diff itself is go-internal's
// (the anchored diff the Go command uses), maintained and O(n log n).
func Unified(name string, old, new []byte) string {
	if old != nil && new != nil && string(old) == string(new) {
		return ""
	}
	from, to := "a/"+name, "b/"+name
	if old == nil {
		from = "/dev/null"
	}
	if new == nil {
		to = "/dev/null"
	}
	out := diff.Diff(from, old, to, new)
	// go-internal starts with a "diff FROM TO" line; a patch needs only
	// the ---/+++ header.
	for i, c := range out {
		if c == '\n' {
			if string(out[:5]) == "diff " {
				out = out[i+1:]
			}
			break
		}
	}
	return string(out)
}
