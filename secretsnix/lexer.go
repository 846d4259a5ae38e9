package secretsnix

import "strings"

// The lexer tokenizes a whole file up front. Nix's lexical grammar depends
// on context (inside a string "${" starts code, "}" may end it), which a
// stack of modes tracks without help from the parser, the way Nix's flex
// start conditions do.

type lexMode uint8

const (
	modeCode lexMode = iota
	modeStr
	modeInd
	modePath
)

type lexer struct {
	src     string
	toks    []Token
	modes   []lexMode
	lines   []int          // byte offset of the start of each line
	illegal map[int]string // token index -> why it is illegal
	pathSl  bool           // the last path piece ended in '/'
}

func lex(src string) (toks []Token, lines []int, illegal map[int]string) {
	lx := &lexer{src: src, modes: make([]lexMode, 1, 8)}
	lx.toks = make([]Token, 0, len(src)/4+4)
	lx.lines = append(make([]int, 0, len(src)/32+2), 0)
	for i := 0; ; {
		j := strings.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		lx.lines = append(lx.lines, i)
	}
	lx.run()
	return lx.toks, lx.lines, lx.illegal
}

// emit appends a token. Its trivia need not be recorded: tokens tile the
// source, so the trivia before a token starts where the previous one ends
// (see tokLead). parse checks that offsets fit in an int32.
func (lx *lexer) emit(k TokKind, start, end int) {
	lx.toks = append(lx.toks, Token{Start: int32(start), End: int32(end), Kind: k})
}

func (lx *lexer) bad(start, end int, msg string) {
	if lx.illegal == nil {
		lx.illegal = map[int]string{}
	}
	lx.illegal[len(lx.toks)] = msg
	lx.emit(TIllegal, start, end)
}

func (lx *lexer) push(m lexMode) { lx.modes = append(lx.modes, m) }
func (lx *lexer) pop() {
	if len(lx.modes) > 1 {
		lx.modes = lx.modes[:len(lx.modes)-1]
	}
}

func (lx *lexer) run() {
	pos := 0
	for {
		if pos >= len(lx.src) && lx.modes[len(lx.modes)-1] != modePath {
			lx.emit(TEOF, len(lx.src), len(lx.src))
			return
		}
		var next int
		switch lx.modes[len(lx.modes)-1] {
		case modeStr:
			next = lx.str(pos)
		case modeInd:
			next = lx.ind(pos)
		case modePath:
			next = lx.path(pos)
		default:
			next = lx.code(pos)
		}
		if next < 0 {
			// Done: either EOF was reached in code or the input cannot be
			// lexed further (unterminated comment, trailing slash).
			if n := len(lx.toks); n == 0 || lx.toks[n-1].Kind != TEOF {
				end := len(lx.src)
				lx.emit(TEOF, end, end)
			}
			return
		}
		pos = next
	}
}

// skipTrivia returns the end of the whitespace and comments at i, or -1 for
// an unterminated block comment.
func (lx *lexer) skipTrivia(i int) int {
	s := lx.src
	for i < len(s) {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			j := i + 2
			for {
				if j+1 >= len(s) {
					// Unterminated: like Nix, lex "/" as an operator.
					return i
				}
				if s[j] == '*' && s[j+1] == '/' {
					break
				}
				j++
			}
			i = j + 2
		default:
			return i
		}
	}
	return i
}

func isIDStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isDigit(c byte) bool   { return c >= '0' && c <= '9' }
func isIDChar(c byte) bool  { return isIDStart(c) || isDigit(c) || c == '\'' || c == '-' }
func isPathChar(c byte) bool {
	return isIDStart(c) || isDigit(c) || c == '.' || c == '-' || c == '+'
}
func isURIChar(c byte) bool {
	if isIDStart(c) || isDigit(c) {
		return true
	}
	switch c {
	case '%', '/', '?', ':', '@', '&', '=', '+', '$', ',', '-', '.', '!', '~', '*', '\'':
		return true
	}
	return false
}

func (lx *lexer) at(i int) byte {
	if i < len(lx.src) {
		return lx.src[i]
	}
	return 0
}

func (lx *lexer) hasPrefix(i int, p string) bool {
	return len(lx.src)-i >= len(p) && lx.src[i:i+len(p)] == p
}

// pathLen matches PATH = {PATH_CHAR}*(\/{PATH_CHAR}+)+\/? at i, or
// PATH_SEG = {PATH_CHAR}*\/ when "${" follows it.
func (lx *lexer) pathLen(i int) int {
	j := i
	for isPathChar(lx.at(j)) {
		j++
	}
	seg := j
	groups := 0
	for lx.at(j) == '/' && isPathChar(lx.at(j+1)) {
		j++
		for isPathChar(lx.at(j)) {
			j++
		}
		groups++
	}
	if groups == 0 {
		if lx.at(seg) == '/' && lx.hasPrefix(seg+1, "${") {
			return seg + 1 - i
		}
		return 0
	}
	if lx.at(j) == '/' {
		j++
	}
	return j - i
}

func (lx *lexer) hpathLen(i int) int {
	if lx.at(i) != '~' || lx.at(i+1) != '/' {
		return 0
	}
	j := i + 1
	groups := 0
	for lx.at(j) == '/' && isPathChar(lx.at(j+1)) {
		j++
		for isPathChar(lx.at(j)) {
			j++
		}
		groups++
	}
	if groups == 0 {
		if lx.hasPrefix(i+2, "${") {
			return 2
		}
		return 0
	}
	if lx.at(j) == '/' {
		j++
	}
	return j - i
}

func (lx *lexer) spathLen(i int) int {
	if lx.at(i) != '<' || !isPathChar(lx.at(i+1)) {
		return 0
	}
	j := i + 1
	for isPathChar(lx.at(j)) {
		j++
	}
	for lx.at(j) == '/' && isPathChar(lx.at(j+1)) {
		j++
		for isPathChar(lx.at(j)) {
			j++
		}
	}
	if lx.at(j) != '>' {
		return 0
	}
	return j + 1 - i
}

func (lx *lexer) uriLen(i int) int {
	c := lx.at(i)
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		return 0
	}
	j := i + 1
	for c := lx.at(j); c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '+' || c == '-' || c == '.'; c = lx.at(j) {
		j++
	}
	if lx.at(j) != ':' || !isURIChar(lx.at(j+1)) {
		return 0
	}
	j++
	for isURIChar(lx.at(j)) {
		j++
	}
	return j - i
}

// numLen matches INT and FLOAT; isFloat tells which.
func (lx *lexer) numLen(i int) (n int, isFloat bool) {
	j := i
	for isDigit(lx.at(j)) {
		j++
	}
	intEnd := j
	// FLOAT: ([1-9][0-9]*\.[0-9]*) | (0?\.[0-9]+), then an optional exponent.
	fEnd := 0
	switch {
	case intEnd > i && lx.at(i) != '0' && lx.at(intEnd) == '.':
		j = intEnd + 1
		for isDigit(lx.at(j)) {
			j++
		}
		fEnd = j
	case (intEnd == i || intEnd == i+1 && lx.at(i) == '0') && lx.at(intEnd) == '.' && isDigit(lx.at(intEnd+1)):
		j = intEnd + 1
		for isDigit(lx.at(j)) {
			j++
		}
		fEnd = j
	}
	if fEnd > 0 {
		if c := lx.at(fEnd); c == 'e' || c == 'E' {
			k := fEnd + 1
			if c := lx.at(k); c == '+' || c == '-' {
				k++
			}
			if isDigit(lx.at(k)) {
				for isDigit(lx.at(k)) {
					k++
				}
				fEnd = k
			}
		}
		if fEnd > intEnd {
			return fEnd - i, true
		}
	}
	return intEnd - i, false
}

// op2 returns the two-character operator at s[i:], if any.
func op2(a, b byte) (TokKind, bool) {
	switch {
	case b == '=':
		switch a {
		case '=':
			return TEq, true
		case '!':
			return TNeq, true
		case '<':
			return TLeq, true
		case '>':
			return TGeq, true
		}
	case a == '&' && b == '&':
		return TAnd, true
	case a == '|' && b == '|':
		return TOrOr, true
	case a == '-' && b == '>':
		return TImpl, true
	case a == '/' && b == '/':
		return TUpdate, true
	case a == '+' && b == '+':
		return TConcat, true
	case a == '|' && b == '>':
		return TPipeInto, true
	case a == '<' && b == '|':
		return TPipeFrom, true
	case a == '$' && b == '{':
		return TDollarCurly, true
	}
	return 0, false
}

// op1 returns the one-character operator or punctuation c, if any.
func op1(c byte) (TokKind, bool) {
	switch c {
	case '{':
		return TLBrace, true
	case '}':
		return TRBrace, true
	case '[':
		return TLBrack, true
	case ']':
		return TRBrack, true
	case '(':
		return TLParen, true
	case ')':
		return TRParen, true
	case ';':
		return TSemi, true
	case ':':
		return TColon, true
	case '.':
		return TDot, true
	case ',':
		return TComma, true
	case '?':
		return TQuestion, true
	case '@':
		return TAt, true
	case '=':
		return TAssign, true
	case '<':
		return TLt, true
	case '>':
		return TGt, true
	case '+':
		return TPlus, true
	case '-':
		return TMinus, true
	case '*':
		return TStar, true
	case '/':
		return TSlash, true
	case '!':
		return TNot, true
	}
	return 0, false
}

// keyword returns the kind of an identifier: a keyword's or TID. A switch
// rather than a map: this runs for every identifier and hashing costs more
// than comparing against the few keywords of the same length.
func keyword(id string) TokKind {
	switch len(id) {
	case 2:
		switch id {
		case "if":
			return TIf
		case "in":
			return TIn
		case "or":
			return TOr
		}
	case 3:
		switch id {
		case "let":
			return TLet
		case "rec":
			return TRec
		}
	case 4:
		switch id {
		case "then":
			return TThen
		case "else":
			return TElse
		case "with":
			return TWith
		}
	case 6:
		if id == "assert" {
			return TAssert
		}
	case 7:
		if id == "inherit" {
			return TInherit
		}
	}
	return TID
}

// longest records a candidate match; longest match wins, the earlier rule
// on ties, as in flex.
type longest struct {
	n    int
	kind TokKind
}

func (m *longest) try(n int, k TokKind) {
	if n > m.n {
		m.n, m.kind = n, k
	}
}

func (lx *lexer) code(lead int) int {
	i := lx.skipTrivia(lead)
	if i < 0 {
		lx.bad(lead, len(lx.src), "unterminated comment")
		return -1
	}
	if i >= len(lx.src) {
		lx.emit(TEOF, i, i)
		return -1
	}
	s := lx.src
	c := s[i]
	switch c {
	case '[', ']', '(', ')', '{', '}', ';', ',', '@', '?':
		// No longer token starts with these (no operator, number, path
		// or URI does): skip the candidates below.
		k, _ := op1(c)
		return lx.emitCode(i, longest{n: 1, kind: k})
	case '"':
		return lx.emitCode(i, longest{n: 1, kind: TStrOpen})
	case '=':
		if lx.at(i+1) != '=' {
			return lx.emitCode(i, longest{n: 1, kind: TAssign})
		}
	}
	m := longest{kind: TIllegal}
	if isIDStart(c) {
		j := i + 1
		for j < len(s) && isIDChar(s[j]) {
			j++
		}
		m.try(j-i, keyword(s[i:j]))
		// An identifier not followed by a character that could continue
		// a path or URI is the longest match already (the common case).
		if n := lx.at(j); n != '/' && n != ':' && n != '.' && n != '+' {
			return lx.emitCode(i, m)
		}
	}
	if isDigit(c) || c == '.' {
		if n, f := lx.numLen(i); n > 0 {
			if f {
				m.try(n, TFloat)
			} else {
				m.try(n, TInt)
			}
		}
	}
	if lx.hasPrefix(i, "...") {
		m.try(3, TEllipsis)
	}
	if i+1 < len(s) {
		if k, ok := op2(c, s[i+1]); ok {
			m.try(2, k)
		}
	}
	if k, ok := op1(c); ok {
		m.try(1, k)
	}
	if c == '"' {
		m.try(1, TStrOpen)
	}
	if c == '\'' && lx.at(i+1) == '\'' {
		// Like Nix, the opening '' swallows the rest of its line when
		// that is only spaces.
		j := i + 2
		for lx.at(j) == ' ' {
			j++
		}
		if lx.at(j) == '\n' {
			m.try(j+1-i, TIndOpen)
		} else {
			m.try(2, TIndOpen)
		}
	}
	if isPathChar(c) || c == '/' {
		m.try(lx.pathLen(i), TPath)
	}
	if c == '~' {
		m.try(lx.hpathLen(i), THPath)
	}
	if c == '<' {
		m.try(lx.spathLen(i), TSPath)
	}
	m.try(lx.uriLen(i), TURI)
	if m.n == 0 {
		n := 1
		lx.bad(i, i+n, "unexpected invalid token")
		return i + n
	}
	return lx.emitCode(i, m)
}

// emitCode emits the token m found at i and tracks the modes it opens or
// closes.
func (lx *lexer) emitCode(i int, m longest) int {
	s := lx.src
	kind := m.kind
	end := i + m.n
	lx.emit(kind, i, end)
	switch kind {
	case TLBrace, TDollarCurly:
		lx.push(modeCode)
	case TRBrace:
		lx.pop()
	case TStrOpen:
		lx.push(modeStr)
	case TIndOpen:
		lx.push(modeInd)
	case TPath, THPath:
		lx.pathSl = s[end-1] == '/'
		lx.push(modePath)
	}
	return end
}

func (lx *lexer) str(i int) int {
	s := lx.src
	if s[i] == '"' {
		lx.emit(TStrClose, i, i+1)
		lx.pop()
		return i + 1
	}
	if lx.hasPrefix(i, "${") {
		lx.emit(TDollarCurly, i, i+2)
		lx.push(modeCode)
		return i + 2
	}
	j := i
scan:
	for j < len(s) {
		switch s[j] {
		case '"':
			break scan
		case '\\':
			j += 2
		case '$':
			switch lx.at(j + 1) {
			case '{':
				break scan
			case '"':
				j++
				break scan
			case '\\':
				j += 3
			default:
				j += 2
			}
		default:
			j++
		}
	}
	if j > len(s) {
		j = len(s)
	}
	lx.emit(TStrPart, i, j)
	return j
}

// indRunLen matches ([^\$\']|\$[^\{\']|\'[^\'\$])+ at i.
func (lx *lexer) indRunLen(i int) int {
	s := lx.src
	j := i
	for j < len(s) {
		c := s[j]
		if c != '$' && c != '\'' {
			j++
			continue
		}
		if j+1 >= len(s) {
			break
		}
		n := s[j+1]
		if c == '$' && n != '{' && n != '\'' || c == '\'' && n != '\'' && n != '$' {
			j += 2
			continue
		}
		break
	}
	return j - i
}

func (lx *lexer) ind(i int) int {
	s := lx.src
	best, kind := lx.indRunLen(i), TIndPart
	try := func(n int, k TokKind) {
		if n > best {
			best, kind = n, k
		}
	}
	switch {
	case lx.hasPrefix(i, "''$"), lx.hasPrefix(i, "'''"):
		try(3, TIndEsc)
	case lx.hasPrefix(i, "''\\") && i+3 < len(s):
		try(4, TIndEsc)
	case lx.hasPrefix(i, "''"):
		try(2, TIndClose)
	case lx.hasPrefix(i, "${"):
		try(2, TDollarCurly)
	case s[i] == '$' || s[i] == '\'':
		try(1, TIndEsc)
	}
	if best == 0 {
		best, kind = len(s)-i, TIndPart
	}
	lx.emit(kind, i, i+best)
	switch kind {
	case TIndClose:
		lx.pop()
	case TDollarCurly:
		lx.push(modeCode)
	}
	return i + best
}

// path lexes what follows a path literal: "${" continues it with an
// interpolation, path characters continue it literally, anything else
// ends it with a zero-width TPathEnd.
func (lx *lexer) path(i int) int {
	if lx.hasPrefix(i, "${") {
		lx.emit(TDollarCurly, i, i+2)
		lx.push(modeCode)
		lx.pathSl = false
		return i + 2
	}
	j := i
	for isPathChar(lx.at(j)) {
		j++
	}
	for lx.at(j) == '/' && isPathChar(lx.at(j+1)) {
		j++
		for isPathChar(lx.at(j)) {
			j++
		}
	}
	if lx.at(j) == '/' {
		j++
	}
	if j > i {
		lx.emit(TPathPart, i, j)
		lx.pathSl = lx.src[j-1] == '/'
		return j
	}
	lx.pop()
	if lx.pathSl {
		lx.bad(i, i, "path has a trailing slash")
		return -1
	}
	lx.emit(TPathEnd, i, i)
	return i
}
