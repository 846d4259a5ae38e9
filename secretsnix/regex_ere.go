package secretsnix

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// nixRegex is a POSIX extended regular expression compiled the way Nix 2.8
// runs it: std::regex::extended over bytes, leftmost-longest. The Go
// patterns work on a Latin-1 view of the bytes so that '.' and classes
// consume one byte, as std::regex<char> does.
type nixRegex struct {
	whole *regexp.Regexp // \A(?:re)\z, for match
	first *regexp.Regexp // re, searching from the start of the string
	mid   *regexp.Regexp // re with '^' unable to match: searching after a match
	at    *regexp.Regexp // \A(?:re) with '^' unable to match: continuing at a position
}

// errRegexSyntax is a pattern std::regex rejects; Nix reports it as
// "invalid regular expression".
type errRegexSyntax struct{}

func (errRegexSyntax) Error() string { return "invalid regular expression" }

// errRegexUnsupported is a pattern std::regex accepts that Go's RE2 cannot
// run; what names the construct.
type errRegexUnsupported struct{ what string }

func (e errRegexUnsupported) Error() string { return e.what }

// posixClasses are the [:name:] classes of the C locale; Go's ASCII
// classes of the same names mean the same bytes.
var posixClasses = map[string]bool{"alnum": true, "alpha": true, "blank": true, "cntrl": true, "digit": true, "graph": true, "lower": true, "print": true, "punct": true, "space": true, "upper": true, "xdigit": true}

func compileNixRegex(pat string) (*nixRegex, error) {
	first, err := translateERE(pat, "^")
	if err != nil {
		return nil, err
	}
	// No Go class matches nothing, but a class and its complement
	// together do: '^' after the start of the string.
	mid, _ := translateERE(pat, `[^\x00-\x{10FFFF}]`)
	r := &nixRegex{}
	for _, c := range []struct {
		dst **regexp.Regexp
		src string
	}{{&r.whole, `\A(?:` + first + `)\z`}, {&r.first, first}, {&r.mid, mid}, {&r.at, `\A(?:` + mid + `)`}} {
		re, err := regexp.Compile(`(?s)` + c.src)
		if err != nil {
			// The translation is valid Go syntax by construction; what
			// remains are RE2's limits (repeat counts over 1000, size).
			return nil, errRegexUnsupported{what: "a regular expression beyond RE2's limits (" + strings.TrimPrefix(err.Error(), "error parsing regexp: ") + ")"}
		}
		re.Longest()
		*c.dst = re
	}
	return r, nil
}

// translateERE rewrites an ERE (libstdc++'s dialect: no escapes but of
// special characters, no backreferences) as Go syntax over Latin-1 runes;
// caret is what '^' becomes.
func translateERE(pat, caret string) (string, error) {
	var b strings.Builder
	atomStart := -1     // where the last quantifiable atom begins in b
	quantified := false // the last atom already carries a quantifier
	depth := 0
	for i := 0; i < len(pat); i++ {
		c := pat[i]
		switch c {
		case '\\':
			// libstdc++ takes '\}' and '\]' for errors too.
			if i+1 >= len(pat) || !strings.ContainsRune(`.[{()\*+?^$|`, rune(pat[i+1])) {
				return "", errRegexSyntax{}
			}
			i++
			atomStart, quantified = b.Len(), false
			b.WriteString(lit(pat[i]))
		case '[':
			end, cls, err := translateBracket(pat, i)
			if err != nil {
				return "", err
			}
			atomStart, quantified = b.Len(), false
			b.WriteString(cls)
			i = end
		case '(':
			if i+1 < len(pat) && (pat[i+1] == '?' || pat[i+1] == '*' || pat[i+1] == '+' || pat[i+1] == '{') {
				return "", errRegexSyntax{}
			}
			depth++
			b.WriteByte('(')
			atomStart = -1
		case ')':
			if depth == 0 {
				return "", errRegexSyntax{}
			}
			depth--
			// The group is the atom: find its '(' by matching parens in b.
			s := b.String()
			open, d := -1, 0
			for j := len(s) - 1; j >= 0; j-- {
				if s[j] == ')' && !escapedAt(s, j) {
					d++
				} else if s[j] == '(' && !escapedAt(s, j) {
					if d == 0 {
						open = j
						break
					}
					d--
				}
			}
			b.WriteByte(')')
			atomStart, quantified = open, false
		case '|':
			if i+1 < len(pat) && (pat[i+1] == '*' || pat[i+1] == '+' || pat[i+1] == '?' || pat[i+1] == '{') {
				return "", errRegexSyntax{}
			}
			b.WriteByte('|')
			atomStart = -1
		case '*', '+', '?', '{':
			q := string(c)
			if c == '{' {
				end, iv, ok := interval(pat, i)
				if !ok {
					return "", errRegexSyntax{}
				}
				q, i = iv, end
			}
			if atomStart < 0 {
				return "", errRegexSyntax{}
			}
			if quantified {
				// std::regex applies a second quantifier to the first
				// one's result; RE2 wants a group for that.
				s := b.String()
				b.Reset()
				b.WriteString(s[:atomStart] + "(?:" + s[atomStart:] + ")")
			}
			b.WriteString(q)
			quantified = true
		case '^':
			b.WriteString(caret)
			atomStart = -1
		case '$':
			b.WriteByte('$')
			atomStart = -1
		case '.':
			atomStart, quantified = b.Len(), false
			b.WriteByte('.')
		case '}', ']':
			atomStart, quantified = b.Len(), false
			b.WriteString(lit(c))
		default:
			atomStart, quantified = b.Len(), false
			b.WriteString(lit(c))
		}
	}
	if depth != 0 {
		return "", errRegexSyntax{}
	}
	return b.String(), nil
}

// escapedAt reports whether s[j] is preceded by an odd run of backslashes.
func escapedAt(s string, j int) bool {
	n := 0
	for k := j - 1; k >= 0 && s[k] == '\\'; k-- {
		n++
	}
	return n%2 == 1
}

// lit is byte c as a Go literal: letters and digits as themselves, every
// other byte as a Latin-1 escape, so nothing is special.
func lit(c byte) string {
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
		return string(c)
	}
	return fmt.Sprintf(`\x{%02x}`, c)
}

// interval parses {n}, {n,} or {n,m} at pat[i] and returns the index of
// its '}' and its Go spelling.
func interval(pat string, i int) (int, string, bool) {
	end := strings.IndexByte(pat[i:], '}')
	if end < 0 {
		return 0, "", false
	}
	body := pat[i+1 : i+end]
	lo, hi, comma := strings.Cut(body, ",")
	n, err := strconv.Atoi(lo)
	if err != nil || n < 0 || lo == "" || strings.TrimLeft(lo, "0123456789") != "" {
		return 0, "", false
	}
	if comma && hi != "" {
		m, err := strconv.Atoi(hi)
		if err != nil || m < n || strings.TrimLeft(hi, "0123456789") != "" {
			return 0, "", false
		}
	}
	return i + end, "{" + body + "}", true
}

// translateBracket translates the bracket expression starting at pat[i];
// it returns the index of the closing ']'.
func translateBracket(pat string, i int) (int, string, error) {
	var b strings.Builder
	b.WriteByte('[')
	j := i + 1
	if j < len(pat) && pat[j] == '^' {
		b.WriteByte('^')
		j++
	}
	start := j
	prevIsClass := false
	for ; j < len(pat); j++ {
		c := pat[j]
		if c == ']' && j > start {
			if b.Len() == 1 || b.String() == "[^" {
				return 0, "", errRegexSyntax{}
			}
			b.WriteByte(']')
			return j, b.String(), nil
		}
		if c == '[' && j+1 < len(pat) && (pat[j+1] == ':' || pat[j+1] == '=' || pat[j+1] == '.') {
			kind := pat[j+1]
			close := strings.Index(pat[j+2:], string(kind)+"]")
			if close < 0 {
				return 0, "", errRegexSyntax{}
			}
			name := pat[j+2 : j+2+close]
			j += 2 + close + 1
			switch kind {
			case ':':
				if !posixClasses[name] {
					return 0, "", errRegexSyntax{}
				}
				b.WriteString("[:" + name + ":]")
				prevIsClass = true
				continue
			default:
				// A collating element or equivalence class of one letter
				// or digit is that byte in the C locale; std::regex knows
				// other bytes by names RE2 does not.
				if len(name) != 1 {
					return 0, "", errRegexUnsupported{what: "the bracket construct [" + string(kind) + name + string(kind) + "]"}
				}
				if !isAlpha(name[0]) && !isDigit(name[0]) {
					return 0, "", errRegexSyntax{}
				}
				c = name[0]
			}
		} else if c == '-' && j > start && j+1 < len(pat) && pat[j+1] != ']' {
			if prevIsClass {
				return 0, "", errRegexSyntax{}
			}
			// std::regex rejects a range that ends before it starts.
			if hi := pat[j+1]; hi != '[' && j-1 >= start && hi < pat[j-1] {
				return 0, "", errRegexSyntax{}
			}
			b.WriteByte('-')
			continue
		}
		prevIsClass = false
		b.WriteString(lit(c))
	}
	return 0, "", errRegexSyntax{}
}
