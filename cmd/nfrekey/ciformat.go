package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/nfrekey/nfrekey/reencrypt"
)

// auditStopped reports an error that stopped the audit (a broken rules
// file or .sops.yaml, among others) in the CI format asked for, on stdout,
// so that CI shows it where it shows drift: a GitHub annotation at the
// file, line and column; the JSON error object; a GitLab code-quality
// issue. The error itself is returned unchanged for stderr and the exit
// code (2).
func auditStopped(io *IO, g *globalOptions, format string, err error) error {
	file, line, col := "", 0, 0
	var pe positioned
	if errors.As(err, &pe) {
		file, line, col = pe.Position()
		file = repoRelative(g, file)
	}
	msg := oneLine(err.Error())
	if pe != nil {
		// The annotation carries the place; the message need not repeat it.
		if m, ok := positionedMessage(pe); ok {
			msg = m
		}
	}
	switch format {
	case "github":
		at := ""
		if file != "" {
			at = " file=" + ghProp(file)
			if line > 0 {
				at += fmt.Sprintf(",line=%d", line)
			}
			if col > 0 {
				at += fmt.Sprintf(",col=%d", col)
			}
		}
		fmt.Fprintf(io.Out, "::error%s::%s\n", at, ghMsg(msg))
	case "json":
		if !g.JSON { // with --json, execute writes the error object already
			writeJSONError(io, err)
		}
	case "gitlab":
		if file == "" {
			file = "."
		}
		_ = writeGitlab(io.Out, []gitlabIssue{newGitlabIssue("nfrekey/input-error", "blocker", msg, file, line)})
	}
	return err
}

// positionedMessage is the message of a FILE:LINE:COL: error without its
// place.
func positionedMessage(pe positioned) (string, bool) {
	file, line, col := pe.Position()
	full := pe.Error()
	for _, prefix := range []string{
		fmt.Sprintf("%s:%d:%d: ", file, line, col),
		fmt.Sprintf("%s:%d: ", file, line),
		file + ": ",
	} {
		if len(full) > len(prefix) && full[:len(prefix)] == prefix {
			return oneLine(full[len(prefix):]), true
		}
	}
	return "", false
}

// repoRelative names file relative to the repo root, as CI annotations
// want it; unchanged when it is not under the root.
func repoRelative(g *globalOptions, file string) string {
	repo, err := findRepo(g)
	if err != nil || file == "" {
		return file
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return file
	}
	if rel, err := filepath.Rel(repo, abs); err == nil && rel != ".." && !filepath.IsAbs(rel) && (len(rel) < 3 || rel[:3] != "../") {
		return filepath.ToSlash(rel)
	}
	return file
}

// gitlabIssue is one entry of a GitLab code-quality report
// (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format).
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string `json:"path"`
	Lines struct {
		Begin int `json:"begin"`
	} `json:"lines"`
}

// newGitlabIssue fingerprints an issue by what it says and where, so that
// GitLab tracks the same problem across pipelines.
func newGitlabIssue(check, severity, msg, path string, line int) gitlabIssue {
	if line < 1 {
		line = 1 // GitLab requires a line
	}
	sum := sha256.Sum256([]byte(check + "\x00" + path + "\x00" + msg))
	is := gitlabIssue{Description: msg, CheckName: check, Fingerprint: hex.EncodeToString(sum[:16]), Severity: severity}
	is.Location.Path = path
	is.Location.Lines.Begin = line
	return is
}

func writeGitlab(w io.Writer, issues []gitlabIssue) error {
	if issues == nil {
		issues = []gitlabIssue{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}

// writeAuditGitlab is audit --format gitlab: every drift and finding the
// github format annotates, as a code-quality report. Drift is "major"
// (the job fails on the exit code), findings "minor".
func writeAuditGitlab(w io.Writer, inv *reencrypt.Inventory, strict bool) error {
	// A secret's issue points at the rule governing it (its secrets.nix or
	// .sops.yaml), a rules-wide finding at the first rules file.
	rules := ""
	if len(inv.RulesFiles) > 0 {
		rules = inv.RulesFiles[0]
	}
	var out []gitlabIssue
	for _, s := range inv.Secrets {
		switch s.Status {
		case reencrypt.StatusStale:
			out = append(out, newGitlabIssue("nfrekey/stale", "major", fmt.Sprintf("%s is stale: %s (run nfrekey rekey)", s.Path, changes(s)), s.Rules, s.Line))
		case reencrypt.StatusMissing:
			out = append(out, newGitlabIssue("nfrekey/missing", "major", fmt.Sprintf("%s is declared but missing", s.Path), s.Rules, s.Line))
		case reencrypt.StatusUndeclared:
			out = append(out, newGitlabIssue("nfrekey/undeclared", "major", undeclaredMsg(inv, s), s.Path, 1))
		case reencrypt.StatusInvalid:
			out = append(out, newGitlabIssue("nfrekey/invalid", "critical", fmt.Sprintf("%s: %v", s.Path, s.Err), s.Path, 1))
		case reencrypt.StatusUnverified:
			sev := "minor"
			if strict {
				sev = "major"
			}
			out = append(out, newGitlabIssue("nfrekey/unverified", sev, fmt.Sprintf("%s: its X25519 recipients cannot be proven without a matching %s entry (run nfrekey rekey --force %s)", s.Path, reencrypt.LockFileName, s.Path), s.Rules, s.Line))
		}
	}
	for _, f := range inv.Findings {
		file := f.File
		if file == "" {
			file = rules
		}
		out = append(out, newGitlabIssue("nfrekey/"+f.Kind, "minor", f.Message, file, f.Line))
	}
	return writeGitlab(w, out)
}
