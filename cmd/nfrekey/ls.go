package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/nfrekey/nfrekey/reencrypt"
)

func newLsCmd(io *IO, g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "ls [--json]",
		Short: "List every secret with its recipients' status",
		Long: `Lists every secret of the repo: declared ones with their status (ok, stale,
missing, unverified) and encrypted files no rule covers (undeclared).
--json prints the document of docs/cli.md.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			inv, err := auditRepo(cmd.Context(), g)
			if err != nil {
				return err
			}
			if g.JSON {
				err = writeLsJSON(io.Out, inv)
			} else {
				err = writeLsTable(io.Out, inv)
			}
			if err != nil {
				return err
			}
			sopsAboveRootNote(io, g, inv)
			return invalidFiles(io, inv)
		},
	}
}

// auditRepo finds the repo and its rules and audits them.
func auditRepo(ctx context.Context, g *globalOptions) (*reencrypt.Inventory, error) {
	repo, rules, err := repoAndBackends(g)
	if err != nil {
		return nil, err
	}
	inv, err := reencrypt.Audit(ctx, reencrypt.AuditOptions{RepoRoot: repo, RulesFiles: rules, Jobs: g.Jobs,
		UseNix: g.useNix(), SopsConfig: g.SopsConfig})
	if err != nil {
		// Exit 1 means drift for ls and audit: an error that stopped the
		// audit is never that.
		return nil, inputError(err)
	}
	return inv, nil
}

// invalidFiles reports files whose header cannot be read: exit 2.
func invalidFiles(io *IO, inv *reencrypt.Inventory) error {
	n := 0
	for _, s := range inv.Secrets {
		if s.Status == reencrypt.StatusInvalid {
			fmt.Fprintf(io.Err, "nfrekey: %s: %v\n", s.Path, s.Err)
			n++
		}
	}
	if n > 0 {
		return &exitError{code: exitInput, silent: true}
	}
	return nil
}

type lsDocument struct {
	Secrets []lsSecret `json:"secrets"`
	// Findings (extension, docs/cli.md): warnings about the rules.
	Findings []lsFinding `json:"findings"`
}

type lsFinding struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
	File    string `json:"file"`
	Line    int    `json:"line"`
}

type lsSecret struct {
	Path     string       `json:"path"`
	Backend  string       `json:"backend"`
	Exists   bool         `json:"exists"`
	Armor    bool         `json:"armor"`
	Declared []lsDeclared `json:"declared"`
	Status   string       `json:"status"`
	Add      []string     `json:"add"`
	Remove   []string     `json:"remove"`
	Error    string       `json:"error,omitempty"`
	// Rules (extension, docs/cli.md): the secrets.nix or .sops.yaml
	// governing the secret, relative to the repo root; absent when none.
	Rules string `json:"rules,omitempty"`
	// ShamirThreshold (extension): a sops file whose threshold is not its
	// rule's.
	ShamirThreshold *lsThreshold `json:"shamir_threshold,omitempty"`
}

type lsThreshold struct {
	File int `json:"file"`
	Rule int `json:"rule"`
}

type lsDeclared struct {
	Name      string `json:"name"`
	Recipient string `json:"recipient"`
}

func lsDoc(inv *reencrypt.Inventory) lsDocument {
	doc := lsDocument{Secrets: []lsSecret{}, Findings: []lsFinding{}}
	for _, f := range inv.Findings {
		doc.Findings = append(doc.Findings, lsFinding{Kind: f.Kind, Message: f.Message, File: f.File, Line: f.Line})
	}
	for _, s := range inv.Secrets {
		e := lsSecret{
			Path: s.Path, Backend: s.Backend, Exists: s.Exists, Armor: s.Armor,
			Declared: []lsDeclared{}, Status: string(s.Status),
			Add: nonNil(s.Add), Remove: nonNil(s.Remove), Rules: s.Rules,
		}
		for _, d := range s.Keys {
			e.Declared = append(e.Declared, lsDeclared{Name: d.Name, Recipient: d.Recipient})
		}
		if s.Err != nil {
			e.Error = s.Err.Error()
		}
		if t := s.Threshold; t != nil {
			e.ShamirThreshold = &lsThreshold{File: t.File, Rule: t.Rule}
		}
		doc.Secrets = append(doc.Secrets, e)
	}
	return doc
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeLsJSON(w io.Writer, inv *reencrypt.Inventory) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(lsDoc(inv))
}

func writeLsTable(w io.Writer, inv *reencrypt.Inventory) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PATH\tBACKEND\tSTATUS\tADD\tREMOVE")
	for _, s := range inv.Secrets {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Path, s.Backend, s.Status, joinOrDash(s.Add), joinOrDash(s.Remove))
	}
	return tw.Flush()
}

func joinOrDash(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, ",")
}
