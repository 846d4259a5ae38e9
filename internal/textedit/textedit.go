// Package textedit applies byte splices to a file's contents and checks
// that nothing else changed: the mechanism behind every edit nfrekey makes
// to a file people also edit by hand (secrets.nix, .sops.yaml), where
// re-encoding the document would change bytes nobody asked to change.
package textedit

import (
	"bytes"
	"fmt"
	"sort"
)

// Edit replaces src[Off:End] with New. Off == End inserts.
type Edit struct {
	Off, End int
	New      string
}

// sorted returns edits ordered by offset, insertions at one offset kept in
// the order given, after checking that they lie inside a file of n bytes
// and do not overlap.
func sorted(n int, edits []Edit) ([]Edit, error) {
	es := append([]Edit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Off < es[j].Off })
	for i, e := range es {
		if e.Off < 0 || e.End < e.Off || e.End > n {
			return nil, fmt.Errorf("edit [%d,%d) out of range for %d bytes", e.Off, e.End, n)
		}
		if i > 0 && es[i-1].End > e.Off {
			return nil, fmt.Errorf("edits [%d,%d) and [%d,%d) overlap", es[i-1].Off, es[i-1].End, e.Off, e.End)
		}
	}
	return es, nil
}

// Apply returns src with edits applied. Edits may come in any order; they
// must not overlap (two insertions at one offset are applied in the order
// given). src is not modified.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	es, err := sorted(len(src), edits)
	if err != nil {
		return nil, err
	}
	size := len(src)
	for _, e := range es {
		size += len(e.New) - (e.End - e.Off)
	}
	out := make([]byte, 0, size)
	last := 0
	for _, e := range es {
		out = append(out, src[last:e.Off]...)
		out = append(out, e.New...)
		last = e.End
	}
	return append(out, src[last:]...), nil
}

// Check verifies that edited is old with exactly edits applied: every byte
// outside the splices is unchanged and in place, and each splice holds its
// new text. It is the independent check of an editor's output, so it
// walks both files rather than calling Apply.
func Check(old, edited []byte, edits []Edit) error {
	es, err := sorted(len(old), edits)
	if err != nil {
		return err
	}
	o, n := 0, 0 // offsets in old and edited
	keep := func(to int) error {
		k := to - o
		if n+k > len(edited) || !bytes.Equal(old[o:to], edited[n:n+k]) {
			return fmt.Errorf("byte %d changed outside the edits", diffAt(old[o:to], edited[n:min(n+k, len(edited))])+o)
		}
		o, n = to, n+k
		return nil
	}
	for _, e := range es {
		if err := keep(e.Off); err != nil {
			return err
		}
		if n+len(e.New) > len(edited) || string(edited[n:n+len(e.New)]) != e.New {
			return fmt.Errorf("the edit at byte %d does not hold its new text", e.Off)
		}
		o, n = e.End, n+len(e.New)
	}
	if err := keep(len(old)); err != nil {
		return err
	}
	if n != len(edited) {
		return fmt.Errorf("%d bytes added at the end, outside the edits", len(edited)-n)
	}
	return nil
}

// diffAt is the first offset where a and b differ (len of the shorter if
// one is a prefix of the other).
func diffAt(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}
