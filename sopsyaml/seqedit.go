package sopsyaml

import (
	"bytes"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The splices that add an item to a YAML list or take one out, written so
// that removing what was added restores the original bytes.

func (c *Config) nodeOff(n *yaml.Node) int { return c.txt.off(n.Line, n.Column) }

var dashPrefixRE = regexp.MustCompile(`^[ \t]*-[ \t]+$`)

// flowItemEnd is the end of the flow-list item starting at off (before any
// separator, comment or closing bracket, trailing blanks excluded).
func (c *Config) flowItemEnd(off int) int {
	s := c.txt.src
	depth, i := 0, off
scan:
	for i < len(s) {
		switch s[i] {
		case '\'':
			for i++; i < len(s); i++ {
				if s[i] == '\'' {
					if i+1 < len(s) && s[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			depth++
		case ']', '}':
			if depth == 0 {
				break scan
			}
			depth--
		case ',':
			if depth == 0 {
				break scan
			}
		case '#':
			if i > 0 && (s[i-1] == ' ' || s[i-1] == '\t') {
				break scan
			}
		case '\n', '\r':
			break scan
		}
		i++
	}
	if i > len(s) {
		i = len(s)
	}
	for i > off && (s[i-1] == ' ' || s[i-1] == '\t') {
		i--
	}
	return i
}

// blockItemLine checks that a block-list item stands alone on its line
// (`  - value  # comment`) and returns the line's start and the text
// before the value (indentation, dash, blanks).
func (c *Config) blockItemLine(seq *yaml.Node, idx int) (start int, prefix string, err error) {
	it := seq.Content[idx]
	if it.Kind != yaml.ScalarNode && it.Kind != yaml.AliasNode {
		return 0, "", c.errAt(it, "cannot edit next to a nested %s in a list", kindName(it.Kind))
	}
	if it.Kind == yaml.ScalarNode && (it.Style&(yaml.LiteralStyle|yaml.FoldedStyle)) != 0 {
		return 0, "", c.errAt(it, "cannot edit next to a block scalar")
	}
	lo := c.nodeOff(it)
	ls := c.txt.lineStart(lo)
	prefix = string(c.txt.src[ls:lo])
	if !dashPrefixRE.MatchString(prefix) {
		return 0, "", c.errAt(it, "this list item shares its line with other YAML; edit it by hand")
	}
	if idx+1 < len(seq.Content) && seq.Content[idx+1].Line == it.Line {
		return 0, "", c.errAt(it, "two list items on one line")
	}
	if !c.closesOnItsLine(it) {
		return 0, "", c.errAt(it, "this quoted list item continues on the next line; edit it by hand")
	}
	// A following line indented deeper than the dash continues this item.
	next := c.txt.nextLine(lo)
	if next < len(c.txt.src) {
		line := c.txt.src[next:c.txt.lineEnd(next)]
		trim := strings.TrimLeft(string(line), " \t")
		indent := len(line) - len(trim)
		dash := strings.IndexByte(prefix, '-')
		if trim != "" && !strings.HasPrefix(trim, "#") && indent > dash {
			return 0, "", c.errAt(it, "this list item continues on the next line; edit it by hand")
		}
	}
	return ls, prefix, nil
}

// insertIntoSeq appends item (YAML text: `*web1`, `&web1 age1...`) to seq,
// in the list's own style.
func (c *Config) insertIntoSeq(seq *yaml.Node, item string) (splice, error) {
	if seq.Style&yaml.FlowStyle != 0 {
		return c.insertFlow(seq, item)
	}
	if len(seq.Content) == 0 {
		return splice{}, c.errAt(seq, "empty block list")
	}
	// After the last string, which in keys: may precede nested lists.
	last := len(seq.Content) - 1
	for last > 0 && seq.Content[last].Kind != yaml.ScalarNode && seq.Content[last].Kind != yaml.AliasNode {
		last--
	}
	if k := seq.Content[last].Kind; k != yaml.ScalarNode && k != yaml.AliasNode {
		return c.insertAfterNested(seq, item)
	}
	ls, prefix, err := c.blockItemLine(seq, last)
	if err != nil {
		return splice{}, err
	}
	nl := c.txt.newline(ls)
	at := c.txt.nextLine(ls)
	if at == len(c.txt.src) && (at == 0 || c.txt.src[at-1] != '\n') {
		return splice{at, at, nl + prefix + item}, nil
	}
	return splice{at, at, prefix + item + nl}, nil
}

// insertAfterNested appends item to a block list holding only nested
// items (1nv0k32/nixos-config's keys: is one `- &users` list), after the
// last line of the last one, at the list's own dash column. That line must
// be a lone item of the innermost list (as blockItemLine checks).
func (c *Config) insertAfterNested(seq *yaml.Node, item string) (splice, error) {
	inner, idx := seq, len(seq.Content)-1
	for {
		it := inner.Content[idx]
		if it.Kind == yaml.MappingNode && len(it.Content) > 0 {
			it = it.Content[len(it.Content)-1]
		}
		if it.Kind != yaml.SequenceNode || it.Style&yaml.FlowStyle != 0 || len(it.Content) == 0 {
			break
		}
		inner, idx = it, len(it.Content)-1
	}
	if inner == seq || seq.Column < 1 {
		return splice{}, c.errAt(seq.Content[len(seq.Content)-1], "cannot edit next to a nested %s in a list", kindName(seq.Content[len(seq.Content)-1].Kind))
	}
	ls, _, err := c.blockItemLine(inner, idx)
	if err != nil {
		return splice{}, err
	}
	dash := c.txt.lineStart(c.nodeOff(seq))
	prefix := string(c.txt.src[dash:c.nodeOff(seq)])
	if strings.Trim(prefix, " ") != "" {
		return splice{}, c.errAt(seq, "this list does not start its line; edit it by hand")
	}
	prefix += "- "
	nl := c.txt.newline(ls)
	at := c.txt.nextLine(ls)
	if at == len(c.txt.src) && (at == 0 || c.txt.src[at-1] != '\n') {
		return splice{at, at, nl + prefix + item}, nil
	}
	return splice{at, at, prefix + item + nl}, nil
}

func (c *Config) insertFlow(seq *yaml.Node, item string) (splice, error) {
	open := c.nodeOff(seq)
	if seq.Anchor != "" {
		open = strings.IndexByte(string(c.txt.src[open:]), '[') + open
	}
	if open >= len(c.txt.src) || c.txt.src[open] != '[' {
		return splice{}, c.errAt(seq, "cannot find this flow list's '['")
	}
	if len(seq.Content) == 0 {
		return splice{open + 1, open + 1, item}, nil
	}
	last := seq.Content[len(seq.Content)-1]
	lo := c.nodeOff(last)
	end := c.flowItemEnd(lo)
	if last.Line == seq.Line {
		sep := ", "
		if n := len(seq.Content); n >= 2 && seq.Content[n-2].Line == last.Line {
			sep = string(c.txt.src[c.flowItemEnd(c.nodeOff(seq.Content[n-2])):lo])
		}
		return splice{end, end, sep + item}, nil
	}
	ls := c.txt.lineStart(lo)
	indent := string(c.txt.src[ls:lo])
	if strings.Trim(indent, " \t") != "" {
		return splice{}, c.errAt(last, "this flow list item shares its line; edit it by hand")
	}
	nl := c.txt.newline(lo)
	if end < len(c.txt.src) && c.txt.src[end] == ',' {
		return splice{end + 1, end + 1, nl + indent + item + ","}, nil
	}
	return splice{end, end, "," + nl + indent + item}, nil
}

// removeFromSeq takes item idx out of seq.
func (c *Config) removeFromSeq(seq *yaml.Node, idx int) (splice, error) {
	return c.removeItem(seq, idx, false)
}

// removeItem takes item idx out of seq; with dropKey, the list's own key
// line (`keys:`, `age:`) goes with its last item.
func (c *Config) removeItem(seq *yaml.Node, idx int, dropKey bool) (splice, error) {
	it := seq.Content[idx]
	if seq.Style&yaml.FlowStyle != 0 {
		n := len(seq.Content)
		lo := c.nodeOff(it)
		end := c.flowItemEnd(lo)
		switch {
		case n == 1:
			return splice{lo, end, ""}, nil
		case idx < n-1:
			return splice{lo, c.nodeOff(seq.Content[idx+1]), ""}, nil
		default:
			return splice{c.flowItemEnd(c.nodeOff(seq.Content[idx-1])), end, ""}, nil
		}
	}
	ls, _, err := c.blockItemLine(seq, idx)
	if err != nil {
		return splice{}, err
	}
	if len(seq.Content) == 1 && seq.Anchor != "" {
		return c.emptyAnchoredSeq(seq, ls)
	}
	next := c.txt.nextLine(ls)
	if len(seq.Content) == 1 && dropKey {
		if ks := c.ownKeyLine(ls); ks >= 0 {
			ls = ks
		}
	}
	if next == len(c.txt.src) && c.txt.src[next-1] != '\n' && ls > 0 {
		// The last line has no newline: take the previous line's instead.
		from := ls - 1
		if from > 0 && c.txt.src[from-1] == '\r' {
			from--
		}
		return splice{from, next, ""}, nil
	}
	return splice{ls, next, ""}, nil
}

var ownKeyLineRE = regexp.MustCompile(`^(keys|[ \t]+age):[ \t]*\r?$`)

// ownKeyLine is the start of the line before ls when it is only a top-level
// `keys:` or an indented `age:` (no dash, anchor, value or comment), else -1.
func (c *Config) ownKeyLine(ls int) int {
	if ls == 0 {
		return -1
	}
	prev := c.txt.lineStart(ls - 1)
	if prev == 0 && bytes.HasPrefix(c.txt.src, []byte("\ufeff")) {
		prev = len("\ufeff") // startKeys writes keys: after a byte order mark
	}
	if !ownKeyLineRE.Match(c.txt.src[prev : ls-1]) {
		return -1
	}
	return prev
}

// emptyAnchoredSeq removes the only item of an anchored block list, whose
// line starts at ls: `- &users` over `  - &tux age1...` becomes
// `- &users []`. Deleting the line alone would leave &users null, which is
// no list (0xTux/nixos-config keeps each person's keys in such a list).
// Only when nothing but the line break separates the anchor from the item.
func (c *Config) emptyAnchoredSeq(seq *yaml.Node, ls int) (splice, error) {
	s := c.txt.src
	tag := "&" + seq.Anchor
	at := bytes.LastIndex(s[:ls], []byte(tag))
	if at < 0 {
		return splice{}, c.errAt(seq, "cannot find &%s before its list; edit it by hand", seq.Anchor)
	}
	end := at + len(tag)
	if strings.TrimRight(string(s[end:ls]), " \t\r\n") != "" || bytes.Count(s[end:ls], []byte("\n")) != 1 {
		return splice{}, c.errAt(seq, "the last key of &%s is not on the line after it; empty the list by hand", seq.Anchor)
	}
	eol := c.txt.lineEnd(ls)
	return splice{end, eol, " []"}, nil
}

// scalarRaw is the byte range of a single-line scalar's value inside its
// quotes, when it is exactly the value (no escapes, no folding).
func (c *Config) scalarRaw(n *yaml.Node) (int, int, error) {
	o := c.nodeOff(n)
	s := c.txt.src
	if n.Anchor != "" {
		o += 1 + len(n.Anchor)
		for o < len(s) && (s[o] == ' ' || s[o] == '\t') {
			o++
		}
	}
	switch {
	case n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0:
		o++
	case n.Style != 0:
		return 0, 0, c.errAt(n, "cannot edit a %s scalar; edit it by hand", "block or tagged")
	}
	end := o + len(n.Value)
	if end > len(s) || string(s[o:end]) != n.Value {
		return 0, 0, c.errAt(n, "cannot locate this value's text (escapes or line folding); edit it by hand")
	}
	return o, end, nil
}

// appendToCSV adds a recipient to a comma-separated key string.
func (c *Config) appendToCSV(n *yaml.Node, value string) (splice, error) {
	_, end, err := c.scalarRaw(n)
	if err != nil {
		return splice{}, err
	}
	sep := ","
	if strings.Contains(n.Value, ", ") {
		sep = ", "
	}
	if strings.TrimSpace(n.Value) == "" {
		sep = ""
	}
	return splice{end, end, sep + value}, nil
}

// removeFromCSV drops the recipients in vals from a comma-separated string.
func (c *Config) removeFromCSV(n *yaml.Node, vals map[string]bool) (splice, error) {
	o, end, err := c.scalarRaw(n)
	if err != nil {
		return splice{}, err
	}
	pieces := strings.Split(n.Value, ",")
	var keep []string
	for _, p := range pieces {
		if !vals[strings.TrimSpace(p)] {
			keep = append(keep, p)
		}
	}
	if len(keep) == 0 {
		return splice{}, c.errAt(n, "this age string holds only the removed key; remove it by hand")
	}
	if len(keep) < len(pieces) && !vals[strings.TrimSpace(pieces[0])] {
		return splice{o, end, strings.Join(keep, ",")}, nil
	}
	keep[0] = strings.TrimLeft(keep[0], " \t")
	return splice{o, end, strings.Join(keep, ",")}, nil
}

// closesOnItsLine reports whether a quoted scalar ends on the line it
// starts on. A continuation line of a quoted string may look like a
// comment (`  #x"`), so the line after it cannot tell.
func (c *Config) closesOnItsLine(n *yaml.Node) bool {
	var q byte
	switch {
	case n.Style&yaml.SingleQuotedStyle != 0:
		q = '\''
	case n.Style&yaml.DoubleQuotedStyle != 0:
		q = '"'
	default:
		return true
	}
	s := c.txt.src
	o := c.nodeOff(n)
	if n.Anchor != "" {
		o = min(o+1+len(n.Anchor), len(s)) // an anchor name may hold quotes
	}
	end := c.txt.lineEnd(o)
	i := bytes.IndexByte(s[o:end], q)
	if i < 0 {
		return false
	}
	for i = o + i + 1; i < end; i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < end && s[i+1] == '\'':
			i++
		case s[i] == q:
			return true
		}
	}
	return false
}
