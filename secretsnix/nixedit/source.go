package nixedit

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nfrekey/nfrekey/internal/textedit"
	sn "github.com/nfrekey/nfrekey/secretsnix"
)

// source is one file being edited: its text as the evaluator sees it (the
// overlay's, else the disk's), its parse, and the splices planned for it.
type source struct {
	path  string // absolute, cleaned
	name  string // as messages name it
	src   string
	f     *sn.File
	edits []textedit.Edit
	defs  map[sn.Span]defAt // see defsByValue
	with  int8              // 0 unknown, 1 no with, 2 a with somewhere
}

// files holds the sources of one request, loaded once each.
type files struct {
	opts    sn.Options
	byPath  map[string]*source
	order   []*source
	create  map[string][]byte    // files to create (host-key .pub files)
	remove  map[string][]byte    // files to delete, with their old contents
	rewrite map[string][2][]byte // files whose whole contents change (old, new): a replaced .pub
	orphans []string             // rewritten .pub files of NAME that held another key (named when the edit is refused)
}

func newFiles(opts sn.Options) *files {
	return &files{opts: opts, byPath: map[string]*source{}, create: map[string][]byte{}, remove: map[string][]byte{}, rewrite: map[string][2][]byte{}}
}

// read returns a file's bytes through the overlay; ok false if it does not exist.
func (fs *files) read(path string) ([]byte, bool, error) {
	if b, ok := fs.opts.Overlay[path]; ok {
		return b, b != nil, nil
	}
	st, err := os.Stat(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, false, nil
		}
		return nil, false, err
	}
	if !st.Mode().IsRegular() {
		return nil, false, fmt.Errorf("%s: not a regular file", path)
	}
	if st.Size() > sn.MaxInputFile {
		return nil, false, fmt.Errorf("%s: too large", path)
	}
	b, err := os.ReadFile(path)
	return b, err == nil, err
}

func (fs *files) load(name string) (*source, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, err
	}
	abs = filepath.Clean(abs)
	if s, ok := fs.byPath[abs]; ok {
		return s, nil
	}
	data, ok, err := fs.read(abs)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%s: file does not exist", name)
	}
	f, perr := sn.Parse(name, string(data))
	if perr != nil {
		return nil, perr
	}
	s := &source{path: abs, name: name, src: string(data), f: f}
	fs.byPath[abs] = s
	fs.order = append(fs.order, s)
	return s, nil
}

// span is a node's byte range.
func (s *source) span(n sn.Node) (int, int) { return s.f.Offsets(n) }

func (s *source) text(n sn.Node) string {
	a, b := s.span(n)
	return s.src[a:b]
}

// lineCol is the 1-based position of a byte offset.
func (s *source) lineCol(off int) (int, int) {
	line := 1 + strings.Count(s.src[:off], "\n")
	return line, off - (strings.LastIndexByte(s.src[:off], '\n') + 1) + 1
}

func (s *source) errorf(off int, format string, args ...any) *sn.Error {
	l, c := s.lineCol(off)
	return &sn.Error{File: s.name, Line: l, Col: c, Msg: fmt.Sprintf(format, args...)}
}

func (s *source) edit(off, end int, text string) {
	s.edits = append(s.edits, textedit.Edit{Off: off, End: end, New: text})
}

// newline is the file's line ending: CRLF when its first line ends so.
func (s *source) newline() string {
	if i := strings.IndexByte(s.src, '\n'); i > 0 && s.src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// indentAt is the leading whitespace of the line holding off.
func (s *source) indentAt(off int) string {
	start := strings.LastIndexByte(s.src[:off], '\n') + 1
	end := start
	for end < len(s.src) && (s.src[end] == ' ' || s.src[end] == '\t') {
		end++
	}
	return s.src[start:end]
}

// lineEnd is where the line holding off ends: the offset of its "\n"
// (or "\r\n"), or len(src).
func (s *source) lineEnd(off int) int {
	i := strings.IndexByte(s.src[off:], '\n')
	if i < 0 {
		return len(s.src)
	}
	e := off + i
	if e > 0 && s.src[e-1] == '\r' {
		e--
	}
	return e
}

// tokenIn reports whether a token (not the end of file) starts in [from, to).
func (s *source) tokenIn(from, to int) bool {
	i := s.tokenAfter(from)
	t := s.f.Tokens[i]
	return int(t.Start) >= from && int(t.Start) < to && t.Kind != sn.TEOF
}

// tokenAfter is the index of the first token starting at or after off
// (the end-of-file token if none).
func (s *source) tokenAfter(off int) int {
	toks := s.f.Tokens
	i := sort.Search(len(toks), func(i int) bool { return int(toks[i].Start) >= off })
	if i == len(toks) {
		i--
	}
	return i
}
