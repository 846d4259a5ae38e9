package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nfrekey/nfrekey/secretsnix"
)

func newRulesCmd(io *IO, g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules [--json]",
		Short: "Evaluate the agenix rules file natively and print it",
		Long: `Evaluates secrets.nix without a nix binary. --json prints the value
nix-instantiate --eval --strict --json would print; --eval=nix delegates to it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRules(io, g)
		},
	}
	return cmd
}

func runRules(io *IO, g *globalOptions) error {
	repo, rulesFiles, err := repoAndRules(g)
	if err != nil {
		return err
	}
	opts := secretsnix.Options{Root: repo, UseNix: g.useNix()}
	if g.JSON {
		// The document is what nix-instantiate prints for one file: with
		// several, which one is the caller's choice.
		if len(rulesFiles) > 1 {
			return usageErrorf("%d rules files (%s): rules --json prints one; choose it with --rules", len(rulesFiles), strings.Join(relPaths(repo, rulesFiles), ", "))
		}
		if err := secretsnix.EvalFileJSON(rulesFiles[0], opts, io.Out); err != nil {
			return inputError(err)
		}
		return nil
	}
	// Every file evaluated before the first line is printed: an exit 2
	// leaves no partial table on stdout.
	all := make([]*secretsnix.Rules, len(rulesFiles))
	for i, rf := range rulesFiles {
		if all[i], err = secretsnix.LoadRules(rf, opts); err != nil {
			return inputError(err)
		}
	}
	out := bufio.NewWriter(io.Out)
	defer out.Flush()
	for i, rf := range rulesFiles {
		rules := all[i]
		if len(rulesFiles) > 1 {
			if i > 0 {
				fmt.Fprintln(out)
			}
			fmt.Fprintf(out, "# %s\n", relPaths(repo, []string{rf})[0])
		}
		for _, s := range rules.Secrets {
			armor := ""
			if s.Armor {
				armor = "  (armor)"
			}
			fmt.Fprintf(out, "%s%s\n", s.Name, armor)
			for _, k := range s.PublicKeys {
				name := k.Name
				if name == "" {
					name = "-"
				}
				// readFile'd keys end in a newline; the JSON output keeps it, the table does not.
				fmt.Fprintf(out, "  %-16s %s\n", name, strings.TrimSpace(k.Text))
			}
		}
	}
	return nil
}
