package nixedit

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/nfrekey/nfrekey/internal/textedit"
	sn "github.com/nfrekey/nfrekey/secretsnix"
)

// finish turns the planned splices into Edits and proves them: each
// edited file is the old one with exactly its splices (textedit.Check),
// re-parses, and the rules evaluated over the edits pass check.
func finish(rulesFile string, opts sn.Options, fs *files, res *Result, check func(before, after map[string]keyset) error) (*Result, error) {
	for _, s := range fs.order {
		if len(s.edits) == 0 {
			continue
		}
		if generated(s.src) {
			return nil, s.errorf(0, "this file is generated (it says so in its first lines); change what generates it, not the file")
		}
		old := []byte(s.src)
		edited, err := textedit.Apply(old, s.edits)
		if err != nil {
			return nil, fmt.Errorf("%s: internal error planning the edit: %w", s.name, err)
		}
		if err := textedit.Check(old, edited, s.edits); err != nil {
			return nil, fmt.Errorf("%s: the edit would change other bytes: %w", s.name, err)
		}
		res.Edits = append(res.Edits, Edit{Path: s.path, Old: old, New: edited})
	}
	for _, p := range sortedKeys(fs.create) {
		res.Edits = append(res.Edits, Edit{Path: p, New: fs.create[p]})
	}
	for _, p := range sortedKeys(fs.remove) {
		res.Edits = append(res.Edits, Edit{Path: p, Old: fs.remove[p]})
	}
	for _, p := range sortedKeys(fs.rewrite) {
		res.Edits = append(res.Edits, Edit{Path: p, Old: fs.rewrite[p][0], New: fs.rewrite[p][1]})
	}
	if len(res.Edits) == 0 {
		res.Unchanged, res.After = true, res.Before
		return res, nil
	}
	aopts := opts
	aopts.UseNix = false
	aopts.Overlay = Overlay(opts, res.Edits)
	// Every edited file was found through the evaluation, so evaluating
	// again re-parses each of them; a parse error is named as such.
	after, err := sn.LoadRules(rulesFile, aopts)
	if err != nil {
		for _, e := range res.Edits {
			if e.Old != nil && e.New != nil && strings.HasSuffix(e.Path, ".nix") {
				if _, perr := sn.Parse(e.Path, string(e.New)); perr != nil {
					return nil, fmt.Errorf("%s: the edited file does not parse (not written): %w", e.Path, perr)
				}
			}
		}
		return nil, evalRefusal(fs, res.Edits, err)
	}
	b, a := keySets(res.Before), keySets(after)
	if err := check(b, a); err != nil {
		if len(fs.orphans) > 0 {
			// The likeliest cause: a rule reads that file as another
			// host's key.
			err = fmt.Errorf("%w (%s holds another key, which a rule reads: move it away, or give the host another name)", err, strings.Join(fs.orphans, ", "))
		}
		return nil, fmt.Errorf("%s: refusing the edit (nothing written): %w", rulesFile, err)
	}
	res.After = after
	for name, bk := range b {
		if add, rm := diff(bk, a[name]); len(add)+len(rm) > 0 {
			res.Affected = append(res.Affected, name)
		}
	}
	sort.Strings(res.Affected)
	return res, nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// generated reports the marks of a generated file in its first lines:
// "DO NOT EDIT" (the Go convention) or "@generated".
func generated(src string) bool {
	head := src
	for i, n := 0, 0; i < len(src); i++ {
		if src[i] == '\n' {
			if n++; n == 10 {
				head = src[:i]
				break
			}
		}
	}
	head = strings.ToLower(head)
	return strings.Contains(head, "do not edit") || strings.Contains(head, "@generated")
}

// evalRefusal reports a planned edit that does not evaluate (a name the
// edit uses is not in scope where it put it, say). The evaluator's
// position is in edited text nobody sees, and the CLI prints a positioned
// error bare: so the error is placed where the file on disk was to
// change, and says it is about the planned edit.
func evalRefusal(fs *files, edits []Edit, err error) error {
	var se *sn.Error
	if errors.As(err, &se) {
		for _, s := range fs.order {
			if len(s.edits) == 0 || filepath.Clean(se.File) != s.path && se.File != s.name {
				continue
			}
			for _, e := range edits {
				if e.Path != s.path || e.New == nil {
					continue
				}
				off := oldOffset(s.edits, offsetAt(string(e.New), se.Line, se.Col))
				return s.errorf(off, "the edit planned here does not evaluate (%s), so nothing is written: make this change by hand", se.Msg)
			}
		}
	}
	return fmt.Errorf("the edited rules do not evaluate (not written): %w", err)
}

// offsetAt is the byte offset of 1-based line and column in text.
func offsetAt(text string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	return min(off+max(col-1, 0), len(text))
}

// oldOffset maps an offset of the edited text back to the original: an
// offset inside inserted text maps to where it was inserted.
func oldOffset(edits []textedit.Edit, off int) int {
	es := slices.Clone(edits)
	slices.SortStableFunc(es, func(a, b textedit.Edit) int { return a.Off - b.Off })
	delta := 0
	for _, e := range es {
		start := e.Off + delta
		if off < start {
			break
		}
		if off < start+len(e.New) {
			return e.Off
		}
		delta += len(e.New) - (e.End - e.Off)
	}
	return off - delta
}
