package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nfrekey/nfrekey/reencrypt"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// repoMarkers are the files whose presence makes a directory the repo root.
var repoMarkers = []string{"secrets.nix", ".sops.yaml", "flake.nix", ".git"}

// findRepo returns --repo, else the nearest parent of the working directory
// holding one of repoMarkers.
func findRepo(g *globalOptions) (string, error) {
	if g.Repo != "" {
		abs, err := filepath.Abs(g.Repo)
		if err != nil {
			return "", err
		}
		st, err := os.Stat(abs)
		if err != nil {
			return "", fmt.Errorf("--repo: %w", err)
		}
		if !st.IsDir() {
			return "", fmt.Errorf("--repo %s: not a directory", g.Repo)
		}
		return abs, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; {
		for _, m := range repoMarkers {
			if _, err := os.Lstat(filepath.Join(dir, m)); err == nil {
				if m == "secrets.nix" || m == ".sops.yaml" {
					g.rootFound, g.outerTop = m, outerTop(dir)
				}
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no repo found: no parent of %s holds %v (use --repo)", wd, repoMarkers)
		}
		dir = parent
	}
}

// findRules returns every --rules, else $RULES, else the first of
// secrets.nix and secrets/secrets.nix under the repo root, else every
// secrets.nix under it that declares secrets (sub-flakes, one per host
// group: each governs the .age paths it names). Relative --rules and
// $RULES are taken from the working directory, as agenix does.
func findRules(g *globalOptions, repo string) ([]string, error) {
	explicit := g.Rules
	if len(explicit) == 0 && os.Getenv("RULES") != "" {
		explicit = []string{os.Getenv("RULES")}
	}
	if len(explicit) > 0 {
		var out []string
		seen := map[string]bool{}
		for _, e := range explicit {
			abs, err := filepath.Abs(e)
			if err != nil {
				return nil, err
			}
			if _, err := os.Stat(abs); err != nil {
				return nil, fmt.Errorf("rules file: %w", err)
			}
			// The same file through a symlinked directory is still once.
			key := abs
			if real, err := filepath.EvalSymlinks(abs); err == nil {
				key = real
			}
			if !seen[key] {
				seen[key] = true
				out = append(out, abs)
			}
		}
		return out, nil
	}
	for _, rel := range []string{"secrets.nix", filepath.Join("secrets", "secrets.nix")} {
		p := filepath.Join(repo, rel)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			if reencrypt.IsModule(p) {
				// A NixOS configuration named secrets.nix (sops-nix or
				// agenix settings), not the rules: look further.
				g.note("%s is a function (a NixOS module?), not an agenix rules file: skipped", p)
				continue
			}
			return []string{p}, nil
		}
	}
	found, skipped, err := reencrypt.FindRulesFiles(repo, g.useNix())
	if err != nil {
		return nil, err
	}
	var broken []reencrypt.SkippedRules
	for _, s := range skipped {
		switch {
		case s.Broken:
			broken = append(broken, s)
		case s.Symlink:
			g.note("%s is %s", s.Path, s.Reason)
		default:
			g.note("%s is not an agenix rules file, skipped: %s", s.Path, oneLine(s.Reason))
		}
	}
	if len(found) == 0 && len(broken) > 0 && broken[0].Err != nil {
		// The rules file the user has, with a mistake in it: its own
		// error, at its position, as for a broken secrets.nix at the root.
		warnBroken(g, repo, broken[1:])
		return nil, broken[0].Err
	}
	warnBroken(g, repo, broken)
	if len(found) == 0 {
		return nil, fmt.Errorf("no rules file: neither secrets.nix nor secrets/secrets.nix in %s, and no other secrets.nix under it declares secrets (use --rules or RULES)", repo)
	}
	if len(found) == 1 {
		g.note("rules file %s found under the repo", found[0])
	} else {
		g.note("%d rules files found under the repo: %s", len(found), strings.Join(relPaths(repo, found), ", "))
	}
	return found, nil
}

// warnBroken says, without -v, which secrets.nix files were skipped for not
// evaluating: the secrets they declare would otherwise go unseen by a run
// that exits 0.
func warnBroken(g *globalOptions, repo string, broken []reencrypt.SkippedRules) {
	if g.io == nil {
		return
	}
	for _, s := range broken {
		fmt.Fprintf(g.io.Err, "nfrekey: warning: %s does not evaluate, skipped: %s\n", relPaths(repo, []string{s.Path})[0], oneLine(s.Reason))
	}
}

func relPaths(root string, paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = p
		if rel, err := filepath.Rel(root, p); err == nil {
			out[i] = rel
		}
	}
	return out
}

// outerTop is the nearest directory above dir holding .git or flake.nix,
// "" if none, or if dir holds one itself: it is then the top of its own
// repo, and a directory above (a home directory kept in git) is no
// better guess.
func outerTop(dir string) string {
	if isTop(dir) {
		return ""
	}
	for d := filepath.Dir(dir); d != filepath.Dir(d); d = filepath.Dir(d) {
		if isTop(d) {
			return d
		}
	}
	return ""
}

func isTop(dir string) bool {
	for _, m := range []string{".git", "flake.nix"} {
		if _, err := os.Lstat(filepath.Join(dir, m)); err == nil {
			return true
		}
	}
	return false
}

// hintRepoTop adds to a rules file's "outside the root" error, when the
// root was found by a secrets.nix below the repo's top (run from a host
// directory of a multi-rules repo), where the top seems to be.
func hintRepoTop(g *globalOptions, err error) {
	var se *secretsnix.Error
	if g.outerTop == "" || !errors.As(err, &se) || !se.OutsideRoot {
		return
	}
	se.Msg += fmt.Sprintf(" (the repo root was taken to be the nearest directory holding %s; the repo's top seems to be %s: run nfrekey there, or give --repo)", g.rootFound, g.outerTop)
}

// secretPath is a secret argument as decrypt, edit and rekey take it:
// relative to the working directory, as a shell completes it, unless from
// there it names a place outside the repo root (--repo given, run beside
// the repo): then it is taken from the repo root, as ls prints paths,
// since outside the root it could only be refused.
func secretPath(repo, arg string) string {
	if filepath.IsAbs(arg) {
		return arg
	}
	wd, err := os.Getwd()
	if err != nil {
		return arg
	}
	if within(realPath(repo), filepath.Join(realPath(wd), arg)) {
		return arg
	}
	return filepath.Join(repo, arg)
}

func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, filepath.Clean(p))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
