package secretsnix

import "sort"

// lineCol converts a byte offset in f to a 1-based line and column.
func (f *File) lineCol(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(f.Src) {
		off = len(f.Src)
	}
	i := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, off - f.lines[i] + 1
}

// Position returns the 1-based line and column of a node of f.
func (f *File) Position(n Node) (line, col int) {
	return f.lineCol(n.base().Pos - f.base)
}

// Offsets returns the byte range of a node (its tokens, without the trivia
// before the first one).
func (f *File) Offsets(n Node) (start, end int) {
	b := n.base()
	return int(f.Tokens[b.First].Start), int(f.Tokens[b.Last].End)
}
