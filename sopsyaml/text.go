package sopsyaml

import (
	"bytes"
	"unicode/utf8"
)

// text maps yaml.v3's 1-based (line, rune column) positions to byte
// offsets in the original source.
type text struct {
	src   []byte
	lines []int // byte offset of each line's start
}

func newText(src []byte) text {
	t := text{src: src, lines: []int{0}}
	for i, b := range src {
		if b == '\n' {
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

func (t text) off(line, col int) int {
	if line < 1 || line > len(t.lines) {
		return len(t.src)
	}
	o := t.lines[line-1]
	for c := 1; c < col && o < len(t.src) && t.src[o] != '\n'; c++ {
		_, n := utf8.DecodeRune(t.src[o:])
		o += n
	}
	return o
}

// pos is the 1-based line and rune column of a byte offset, for errors.
func (t text) pos(off int) (line, col int) {
	ls := t.lineStart(off)
	return bytes.Count(t.src[:ls], []byte("\n")) + 1, utf8.RuneCount(t.src[ls:off]) + 1
}

func (t text) lineStart(off int) int {
	return bytes.LastIndexByte(t.src[:off], '\n') + 1
}

// lineEnd is the offset of the line's '\n' (or '\r' of "\r\n"), or len.
func (t text) lineEnd(off int) int {
	i := bytes.IndexByte(t.src[off:], '\n')
	if i < 0 {
		return len(t.src)
	}
	e := off + i
	if e > 0 && t.src[e-1] == '\r' {
		e--
	}
	return e
}

// nextLine is the offset just past the line's newline, or len.
func (t text) nextLine(off int) int {
	i := bytes.IndexByte(t.src[off:], '\n')
	if i < 0 {
		return len(t.src)
	}
	return off + i + 1
}

// newline is the line ending used by the line at off ("\n" at EOF).
func (t text) newline(off int) string {
	e := t.lineEnd(off)
	if e < len(t.src) && t.src[e] == '\r' {
		return "\r\n"
	}
	if e == len(t.src) && bytes.Contains(t.src, []byte("\r\n")) {
		return "\r\n"
	}
	return "\n"
}

func isBlank(b []byte) bool {
	return len(bytes.Trim(b, " \t")) == 0
}
