package sopsyaml

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// Comma-separated keys in a folded block scalar (getsops/sops' own
// .sops.yaml: `age: >-` over one key per line, each but the last ending
// in a comma). Folding joins the lines with spaces, which sops trims, so a
// key is added as a line of its own and removed only when it is one.

// foldedLines returns the byte ranges [start, end) of the scalar's
// non-blank content lines, end excluding the line break.
func (c *Config) foldedLines(n *yaml.Node) ([][2]int, error) {
	if n.Style&yaml.FoldedStyle == 0 || n.Tag != "!!str" {
		return nil, c.errAt(n, "cannot edit a block or tagged scalar; edit it by hand")
	}
	s := c.txt.src
	at := c.txt.nextLine(c.nodeOff(n)) // the line after `age: >-`
	var out [][2]int
	indent := -1
	for at < len(s) {
		end := c.txt.lineEnd(at)
		line := string(s[at:end])
		trim := strings.TrimLeft(line, " ")
		if strings.TrimSpace(line) == "" {
			at = c.txt.nextLine(at)
			continue
		}
		ind := len(line) - len(trim)
		if indent < 0 {
			indent = ind
		}
		if ind < indent {
			break
		}
		if ind != indent || strings.ContainsAny(line, "\t") {
			return nil, c.errAt(n, "this folded key string has lines indented unevenly; edit it by hand")
		}
		out = append(out, [2]int{at, end})
		at = c.txt.nextLine(at)
	}
	if len(out) == 0 || indent <= 0 {
		return nil, c.errAt(n, "cannot find this folded string's lines; edit it by hand")
	}
	return out, nil
}

// appendToFolded writes value as a new last line, after a comma.
func (c *Config) appendToFolded(n *yaml.Node, value string) (splice, error) {
	ls, err := c.foldedLines(n)
	if err != nil {
		return splice{}, err
	}
	last := ls[len(ls)-1]
	line := string(c.txt.src[last[0]:last[1]])
	indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
	body := strings.TrimRight(line, " ")
	if strings.HasSuffix(body, ",") {
		// An empty last key (sops would not read it): appending after it
		// could not be told apart from a comma of ours on removal.
		return splice{}, c.errAt(n, "this folded key string ends with a comma; edit it by hand")
	}
	// After any trailing spaces, which removal then keeps (sops trims
	// each key).
	end := last[1]
	return splice{end, end, "," + c.txt.newline(last[0]) + indent + value}, nil
}

// removeFromFolded takes out the lines that are exactly one of vals (with
// its comma); when the last lines go, the comma of the last kept one goes
// with them.
func (c *Config) removeFromFolded(n *yaml.Node, vals map[string]bool) ([]splice, error) {
	ls, err := c.foldedLines(n)
	if err != nil {
		return nil, err
	}
	drop := make([]bool, len(ls))
	lastKept := -1
	for i, l := range ls {
		body := strings.TrimSpace(string(c.txt.src[l[0]:l[1]]))
		if vals[strings.TrimSpace(strings.TrimSuffix(body, ","))] {
			drop[i] = true
			continue
		}
		for _, p := range strings.Split(body, ",") {
			if vals[strings.TrimSpace(p)] {
				line, col := c.txt.pos(l[0] + len(string(c.txt.src[l[0]:l[1]])) - len(strings.TrimLeft(string(c.txt.src[l[0]:l[1]]), " ")))
				return nil, c.errPos(line, col, "this folded key string holds the key beside others on one line; edit it by hand")
			}
		}
		lastKept = i
	}
	if lastKept < 0 {
		return nil, c.errAt(n, "this age string holds only the removed key; remove it by hand")
	}
	var sp []splice
	for i := 0; i < lastKept; i++ {
		if drop[i] {
			sp = append(sp, splice{ls[i][0], c.txt.nextLine(ls[i][0]), ""})
		}
	}
	if lastKept < len(ls)-1 {
		// `  a,` over `  b` loses `,` through `  b`: a's line keeps b's
		// line break (or b's lack of one at the end of the file).
		k := ls[lastKept]
		body := strings.TrimRight(string(c.txt.src[k[0]:k[1]]), " ")
		from := k[0] + len(body)
		if strings.HasSuffix(body, ",") {
			from--
		}
		sp = append(sp, splice{from, ls[len(ls)-1][1], ""})
	}
	return sp, nil
}
