package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nfrekey/nfrekey/reencrypt"
)

type auditOptions struct {
	Format string
	Strict bool
}

func newAuditCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &auditOptions{}
	cmd := &cobra.Command{
		Use:   "audit [--format text|json|github|gitlab] [--strict]",
		Short: "Check that every secret is encrypted to exactly its declared recipients (CI)",
		Long: `Read-only check for CI; needs no private key. Exit 0 in sync, 1 drift, 2 error.
Drift is a stale, missing or undeclared secret (and, with --strict, an unverified one:
X25519 recipients without a matching .nfrekey.lock entry).
--format github prints ::error/::warning annotations; json prints the ls document;
gitlab prints a GitLab code-quality report. A broken rules file is reported in each.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if g.JSON && cmd.Flags().Changed("format") && o.Format != "json" {
				return usageErrorf("--json and --format %s disagree", o.Format)
			}
			if g.JSON {
				o.Format = "json"
			}
			switch o.Format {
			case "text", "json", "github", "gitlab":
			default:
				return usageErrorf("--format must be text, json, github or gitlab, not %q", o.Format)
			}
			inv, err := auditRepo(cmd.Context(), g)
			if err != nil {
				return auditStopped(io, g, o.Format, err)
			}
			switch o.Format {
			case "json":
				err = writeLsJSON(io.Out, inv)
			case "github":
				writeAuditGithub(io.Out, inv, o.Strict)
			case "gitlab":
				err = writeAuditGitlab(io.Out, inv, o.Strict)
			default:
				// -q: errors only; the exit code says in sync or drift.
				if !g.Quiet {
					writeAuditText(io.Out, inv, o.Strict)
				}
			}
			if err != nil {
				return err
			}
			if err := invalidFiles(io, inv); err != nil {
				return err
			}
			unreadRulesNotes(io, g, inv)
			sopsAboveRootNote(io, g, inv)
			if !inv.InSync(o.Strict) {
				return &exitError{code: exitDrift, silent: true}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "text", "output: text, json, github (annotations) or gitlab (code quality)")
	cmd.Flags().BoolVar(&o.Strict, "strict", false, "count unverified secrets as drift")
	return cmd
}

func changes(s *reencrypt.Secret) string {
	var parts []string
	for _, a := range s.Add {
		parts = append(parts, "+"+a)
	}
	for _, r := range s.Remove {
		parts = append(parts, "-"+r)
	}
	if t := s.Threshold; t != nil {
		parts = append(parts, fmt.Sprintf("shamir_threshold %d->%d", t.File, t.Rule))
	}
	return strings.Join(parts, " ")
}

func writeAuditText(w io.Writer, inv *reencrypt.Inventory, strict bool) {
	counts := map[reencrypt.Status]int{}
	for _, s := range inv.Secrets {
		counts[s.Status]++
		if s.Status == reencrypt.StatusOK {
			continue
		}
		line := fmt.Sprintf("%-10s %s", s.Status, s.Path)
		if c := changes(s); c != "" {
			line += "  " + c
		}
		fmt.Fprintln(w, line)
	}
	for _, f := range inv.Findings {
		fmt.Fprintf(w, "warning    %s: %s\n", findingPlace(inv, f), f.Message)
	}
	var parts []string
	for _, st := range []reencrypt.Status{reencrypt.StatusOK, reencrypt.StatusStale, reencrypt.StatusMissing,
		reencrypt.StatusUndeclared, reencrypt.StatusUnverified, reencrypt.StatusInvalid} {
		if counts[st] > 0 || st == reencrypt.StatusOK {
			parts = append(parts, fmt.Sprintf("%d %s", counts[st], st))
		}
	}
	verdict := "in sync"
	if !inv.InSync(strict) {
		verdict = "drift"
	}
	fmt.Fprintf(w, "%s: %s: %s\n", plural(len(inv.Secrets), "secret", "secrets"), strings.Join(parts, ", "), verdict)
}

// undeclaredMsg says why no rule covers an encrypted file.
func undeclaredMsg(inv *reencrypt.Inventory, s *reencrypt.Secret) string {
	if s.Backend == reencrypt.BackendSops {
		return fmt.Sprintf("%s is a sops file but %v", s.Path, s.Err)
	}
	if len(inv.RulesFiles) == 0 {
		return fmt.Sprintf("%s is encrypted but the repo has no agenix rules file", s.Path)
	}
	return fmt.Sprintf("%s is encrypted but no rule in %s covers it", s.Path, strings.Join(inv.RulesFiles, " or "))
}

func writeAuditGithub(w io.Writer, inv *reencrypt.Inventory, strict bool) {
	// A secret's annotation points at the rule that governs it: the
	// secrets.nix entry or the .sops.yaml creation rule.
	at := func(s *reencrypt.Secret) string {
		if s.Rules == "" {
			return "file=" + ghProp(s.Path)
		}
		if s.Line > 0 {
			return fmt.Sprintf("file=%s,line=%d", ghProp(s.Rules), s.Line)
		}
		return "file=" + ghProp(s.Rules)
	}
	for _, s := range inv.Secrets {
		switch s.Status {
		case reencrypt.StatusStale:
			fmt.Fprintf(w, "::error %s::%s\n", at(s), ghMsg(fmt.Sprintf("%s is stale: %s (run nfrekey rekey)", s.Path, changes(s))))
		case reencrypt.StatusMissing:
			fmt.Fprintf(w, "::error %s::%s\n", at(s), ghMsg(fmt.Sprintf("%s is declared but missing", s.Path)))
		case reencrypt.StatusUndeclared:
			fmt.Fprintf(w, "::error file=%s::%s\n", ghProp(s.Path), ghMsg(undeclaredMsg(inv, s)))
		case reencrypt.StatusInvalid:
			fmt.Fprintf(w, "::error file=%s::%s\n", ghProp(s.Path), ghMsg(fmt.Sprintf("%s: %v", s.Path, s.Err)))
		case reencrypt.StatusUnverified:
			level := "warning"
			if strict {
				level = "error"
			}
			fmt.Fprintf(w, "::%s %s::%s\n", level, at(s), ghMsg(fmt.Sprintf("%s: its X25519 recipients cannot be proven without a matching %s entry (run nfrekey rekey --force %s)", s.Path, reencrypt.LockFileName, s.Path)))
		}
	}
	for _, f := range inv.Findings {
		at := "file=" + ghProp(f.File)
		if f.Line > 0 {
			at += fmt.Sprintf(",line=%d", f.Line)
		}
		fmt.Fprintf(w, "::warning %s::%s\n", at, ghMsg(f.Message))
	}
}

// findingPlace is FILE[:LINE] of a finding, the rules file when it names none.
func findingPlace(inv *reencrypt.Inventory, f reencrypt.Finding) string {
	file := f.File
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d", file, f.Line)
	}
	return file
}

// ghMsg and ghProp escape workflow-command data and properties.
func ghMsg(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// sopsAboveRootNote says, when sops files are undeclared for want of a
// .sops.yaml and the repo root was found by a secrets.nix or .sops.yaml
// below the repo's top, which .sops.yaml above the root would govern them.
func sopsAboveRootNote(io *IO, g *globalOptions, inv *reencrypt.Inventory) {
	if g.Quiet || g.SopsConfig != "" || g.outerTop == "" {
		return
	}
	var files []string
	cfg := ""
	for _, s := range inv.Secrets {
		if s.Backend != reencrypt.BackendSops || s.Status != reencrypt.StatusUndeclared || !errors.Is(s.Err, reencrypt.ErrNoSopsConfig) {
			continue
		}
		if c := reencrypt.SopsConfigAbove(inv.RepoRoot, g.outerTop, s.Path); c != "" {
			files = append(files, s.Path)
			if cfg == "" {
				cfg = c
			}
		}
	}
	if len(files) == 0 {
		return
	}
	fmt.Fprintf(io.Err, "nfrekey: note: no .sops.yaml governs %s under the repo root %s (the nearest directory holding %s); %s is above it: run nfrekey in %s, or give --repo %s\n",
		strings.Join(files, ", "), inv.RepoRoot, g.rootFound, cfg, g.outerTop, g.outerTop)
}

// unreadRulesNotes says, when .age files are undeclared and the rules were
// the default ones, which other secrets.nix of the repo declares them: with
// a secrets.nix at the root the others are not read (the contract's order),
// which is easily mistaken for missing rules.
func unreadRulesNotes(io *IO, g *globalOptions, inv *reencrypt.Inventory) {
	if g.Quiet || len(g.Rules) > 0 || os.Getenv("RULES") != "" || len(inv.RulesFiles) != 1 {
		return
	}
	var undeclared []string
	for _, s := range inv.Secrets {
		if s.Backend == reencrypt.BackendAge && s.Status == reencrypt.StatusUndeclared {
			undeclared = append(undeclared, s.Path)
		}
	}
	unread, err := reencrypt.UnreadRulesFor(inv.RepoRoot, []string{filepath.Join(inv.RepoRoot, inv.RulesFiles[0])}, undeclared)
	if err != nil || len(unread) == 0 {
		return
	}
	var flags []string
	for _, u := range unread {
		fmt.Fprintf(io.Err, "nfrekey: note: %s declares %s but is not read (%s is the rules file)\n",
			u.Path, strings.Join(u.Secrets, ", "), inv.RulesFiles[0])
		flags = append(flags, "--rules "+u.Path)
	}
	fmt.Fprintf(io.Err, "nfrekey: note: to read them all: nfrekey --rules %s %s audit\n", inv.RulesFiles[0], strings.Join(flags, " "))
}
