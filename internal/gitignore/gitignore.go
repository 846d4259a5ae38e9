// Package gitignore matches paths against the .gitignore files of a git work
// tree natively, so that walks over a repo skip what git ignores without
// running git.
package gitignore

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Matcher is a native matcher for the .gitignore files of a git work
// tree (the root's and nested ones), so that the walk for undeclared
// files skips what git ignores, without running git. Supported: blank
// lines and # comments, \ escapes (\#, \!, trailing "\ "), ! negation, a
// leading or inner / anchoring the pattern to its .gitignore's
// directory, a trailing / matching directories only, *, ?, [...] and **
// (leading **/, trailing /**, inner /**/). Not read: .git/info/exclude
// and core.excludesFile.
type Matcher struct {
	root  string
	files map[string][]ignoreRule // directory (absolute) -> its .gitignore's rules
}

type ignoreRule struct {
	re      *regexp.Regexp // matches the path relative to the .gitignore's directory
	negate  bool
	dirOnly bool
}

// New is a matcher for the work tree at root, with no .gitignore read yet.
func New(root string) *Matcher {
	return &Matcher{root: root, files: map[string][]ignoreRule{}}
}

// Enter reads dir's .gitignore, if any; the walk calls it for every
// directory it enters, parents first.
func (g *Matcher) Enter(dir string) {
	f, err := os.Open(filepath.Join(dir, ".gitignore"))
	if err != nil {
		return
	}
	defer f.Close()
	var rules []ignoreRule
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if r, ok := parseIgnoreLine(sc.Text()); ok {
			rules = append(rules, r)
		}
	}
	if len(rules) > 0 {
		g.files[dir] = rules
	}
}

// Ignored reports whether the file or directory p (absolute, under root)
// is ignored. As git does, each directory on the way to p is matched
// first: one that is ignored excludes everything under it, and no rule
// can re-include a path inside it. For p itself (and each such
// directory) the last rule that matches it, from the root's .gitignore
// down to that of its own directory, decides; a rule matches the path
// exactly, so `/*` ignores top-level entries and `!/nix/` re-includes
// the directory nix and, with it, what lies in it.
func (g *Matcher) Ignored(p string, isDir bool) bool {
	if len(g.files) == 0 {
		return false
	}
	rel, err := filepath.Rel(g.root, p)
	if err != nil || rel == "." {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for k := 1; k <= len(parts); k++ {
		dir := k < len(parts) || isDir
		if g.matches(parts[:k], dir) {
			return true
		}
	}
	return false
}

// matches is the verdict of the rules on the path parts (relative to the
// root), without regard to its parent directories.
func (g *Matcher) matches(parts []string, isDir bool) bool {
	ignored := false
	dir := g.root
	for i := 0; i < len(parts); i++ {
		if rules := g.files[dir]; rules != nil {
			sub := strings.Join(parts[i:], "/")
			for _, r := range rules {
				if r.dirOnly && !isDir {
					continue
				}
				if r.re.MatchString(sub) {
					ignored = !r.negate
				}
			}
		}
		dir = filepath.Join(dir, parts[i])
	}
	return ignored
}

// parseIgnoreLine turns one .gitignore line into a rule.
func parseIgnoreLine(line string) (ignoreRule, bool) {
	line = strings.TrimSuffix(line, "\r")
	// Trailing spaces are dropped unless escaped.
	for strings.HasSuffix(line, " ") && !strings.HasSuffix(line, "\\ ") {
		line = line[:len(line)-1]
	}
	if line == "" || strings.HasPrefix(line, "#") {
		return ignoreRule{}, false
	}
	var r ignoreRule
	if strings.HasPrefix(line, "!") {
		r.negate = true
		line = line[1:]
	} else if strings.HasPrefix(line, "\\!") || strings.HasPrefix(line, "\\#") {
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		r.dirOnly = true
		line = strings.TrimRight(line, "/")
	}
	if line == "" {
		return ignoreRule{}, false
	}
	anchored := strings.Contains(line, "/")
	line = strings.TrimPrefix(line, "/")
	var b strings.Builder
	b.WriteString("^")
	if !anchored {
		b.WriteString("(?:.*/)?")
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '*' && strings.HasPrefix(line[i:], "**/") && (i == 0 || line[i-1] == '/'):
			b.WriteString("(?:.*/)?")
			i += 2
		case c == '*' && line[i:] == "**" && (i == 0 || line[i-1] == '/'):
			b.WriteString(".*")
			i++
		case c == '*':
			for i+1 < len(line) && line[i+1] == '*' {
				i++
			}
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			j := i + 1
			if j < len(line) && (line[j] == '!' || line[j] == '^') {
				j++
			}
			if j < len(line) && line[j] == ']' {
				j++
			}
			for j < len(line) && line[j] != ']' {
				j++
			}
			if j >= len(line) {
				b.WriteString(regexp.QuoteMeta("["))
				continue
			}
			class := line[i+1 : j]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, "\\", "\\\\") + "]")
			i = j
		case c == '\\' && i+1 < len(line):
			i++
			b.WriteString(regexp.QuoteMeta(string(line[i])))
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	// A pattern matching a directory ignores everything in it too; that
	// is Ignored's walk down the path, not the pattern's.
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return ignoreRule{}, false
	}
	r.re = re
	return r, true
}

// IsWorkTree reports whether root is a git work tree: it holds a .git
// directory, or a .git file naming the git dir elsewhere (a linked work
// tree made by git worktree add, a submodule).
func IsWorkTree(root string) bool {
	fi, err := os.Stat(filepath.Join(root, ".git"))
	return err == nil && (fi.IsDir() || fi.Mode().IsRegular())
}

// Walk calls visit for every file under root that git does not ignore
// (when root is a git work tree, see IsWorkTree), in lexical
// order, never descending into .git. Directories are not visited. An
// error reading root itself is returned; unreadable corners below it are
// skipped. visit's error stops the walk and is returned.
func Walk(root string, visit func(path string, d fs.DirEntry) error) error {
	var ign *Matcher
	if IsWorkTree(root) {
		ign = New(root)
	}
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			return nil
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			if ign != nil {
				if path != root && ign.Ignored(path, true) {
					return filepath.SkipDir
				}
				ign.Enter(path)
			}
			return nil
		}
		if ign != nil && ign.Ignored(path, false) {
			return nil
		}
		return visit(path, d)
	})
}
