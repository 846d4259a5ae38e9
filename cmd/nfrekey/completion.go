package main

import (
	"context"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nfrekey/nfrekey/reencrypt"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// Completions read the repo the way the command would (--repo, --rules,
// $RULES), and fail silently: a shell completing a word must never see an
// error, only fewer candidates.

type completeFunc = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)

// registerCompletions wires the completions of flags and arguments that
// the commands' own files do not declare. A command or flag not present
// (yet) is skipped.
func registerCompletions(root *cobra.Command, io *IO, g *globalOptions) {
	fixed := func(vals ...string) completeFunc {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return vals, cobra.ShellCompDirectiveNoFileComp
		}
	}
	_ = root.RegisterFlagCompletionFunc("eval", fixed("native\tbuilt-in evaluator", "nix\tnix-instantiate --eval"))
	// cobra's completion command, left alone, answers an unknown shell
	// (`completion pwsh`) with its help and exit 0: bad usage is exit 2.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = cobra.ArbitraryArgs
			c.RunE = func(_ *cobra.Command, args []string) error {
				if len(args) == 0 {
					return usageErrorf("completion needs a shell: give bash, zsh or fish")
				}
				return usageErrorf("completion: no shell %q: give bash, zsh or fish", args[0])
			}
		}
	}
	for _, c := range root.Commands() {
		switch c.Name() {
		case "audit":
			_ = c.RegisterFlagCompletionFunc("format", fixed("text", "json", "github\tGitHub Actions annotations", "gitlab\tGitLab code-quality report"))
		case "add-host":
			_ = c.RegisterFlagCompletionFunc("group", completeGroups(g))
			_ = c.RegisterFlagCompletionFunc("secret", completeSecretPaths(io, g))
		case "remove-host":
			if c.ValidArgsFunction == nil {
				c.ValidArgsFunction = completeHosts(g, 1)
			}
		case "rekey":
			if c.ValidArgsFunction == nil {
				c.ValidArgsFunction = completeSecretPaths(io, g)
			}
		}
	}
}

// completeSecretPaths offers the declared secrets, relative to the repo
// root, not yet given on the command line.
func completeSecretPaths(_ *IO, g *globalOptions) completeFunc {
	return func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		repo, rules, err := repoAndRules(g)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		inv, err := reencrypt.Audit(context.Background(), reencrypt.AuditOptions{RepoRoot: repo, RulesFiles: rules, UseNix: g.useNix()})
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		given := map[string]bool{}
		for _, a := range args {
			given[a] = true
		}
		var out []string
		for _, s := range inv.Secrets {
			if s.Status == reencrypt.StatusUndeclared || given[s.Path] || !strings.HasPrefix(s.Path, prefix) {
				continue
			}
			out = append(out, s.Path+"\t"+string(s.Status))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeHosts offers the names bound to a key in the rules, for the
// first n arguments.
func completeHosts(g *globalOptions, n int) completeFunc {
	return func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		if len(args) >= n {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		repo, rules, err := repoAndRules(g)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		seen := map[string]bool{}
		var out []string
		for _, rf := range rules {
			r, err := secretsnix.LoadRules(rf, secretsnix.Options{Root: repo})
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			for _, b := range r.Bindings {
				if seen[b.Name] || !strings.HasPrefix(b.Name, prefix) {
					continue
				}
				seen[b.Name] = true
				out = append(out, b.Name)
			}
		}
		sort.Strings(out)
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeGroups offers the lists of keys a host can join.
func completeGroups(g *globalOptions) completeFunc {
	return func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		repo, rules, err := repoAndRules(g)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		groups, err := reencrypt.HostGroups(repo, rules)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		seen := map[string]bool{}
		var out []string
		for _, gr := range groups {
			if seen[gr.Name] || !strings.HasPrefix(gr.Name, prefix) {
				continue
			}
			seen[gr.Name] = true
			out = append(out, gr.Name)
		}
		sort.Strings(out)
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
