package sopsyaml

import (
	"bytes"
	"fmt"
	"sort"
)

// splice replaces src[off:end] with text. This is the minimal form of
// internal/textedit's Edit, kept here so the integrator can fold the two.
type splice struct {
	off, end int
	text     string
}

// applySplices applies non-overlapping splices to src.
func applySplices(src []byte, sp []splice) ([]byte, error) {
	sp = append([]splice(nil), sp...)
	sort.SliceStable(sp, func(i, j int) bool { return sp[i].off < sp[j].off })
	var out bytes.Buffer
	last := 0
	for _, s := range sp {
		if s.off < last || s.end < s.off || s.end > len(src) {
			return nil, fmt.Errorf("internal: overlapping or invalid splice [%d,%d)", s.off, s.end)
		}
		out.Write(src[last:s.off])
		out.WriteString(s.text)
		last = s.end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// outsideUnchanged checks, independently of applySplices, that new is old
// with exactly the spliced ranges replaced: every byte outside them is
// identical and in place.
func outsideUnchanged(old, new []byte, sp []splice) error {
	sp = append([]splice(nil), sp...)
	sort.SliceStable(sp, func(i, j int) bool { return sp[i].off < sp[j].off })
	delta := 0
	prev := 0
	for _, s := range sp {
		if !bytes.Equal(old[prev:s.off], sliceOr(new, prev+delta, s.off+delta)) {
			return fmt.Errorf("bytes %d..%d changed outside the edits", prev, s.off)
		}
		if got := sliceOr(new, s.off+delta, s.off+delta+len(s.text)); string(got) != s.text {
			return fmt.Errorf("edit at byte %d not found in the result", s.off)
		}
		delta += len(s.text) - (s.end - s.off)
		prev = s.end
	}
	if !bytes.Equal(old[prev:], sliceOr(new, prev+delta, len(new))) || len(old)+delta != len(new) {
		return fmt.Errorf("bytes after %d changed outside the edits", prev)
	}
	return nil
}

func sliceOr(b []byte, i, j int) []byte {
	if i < 0 || j > len(b) || i > j {
		return nil
	}
	return b[i:j]
}
