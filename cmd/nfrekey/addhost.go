package main

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/reencrypt"
)

type addHostOptions struct {
	keys          keySourceFlags
	Groups        []string
	Secrets       []string
	NoRekey       bool
	DryRun        bool
	Replace       bool
	SopsRecipient string
}

func newAddHostCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &addHostOptions{}
	cmd := &cobra.Command{
		Use:   "add-host NAME <--key K | --pubkey FILE|- | --from-private-key FILE | --scan HOST[:PORT] | --known-hosts FILE | --generate --extra-files DIR> [--group G]... [--secret GLOB]...",
		Short: "Bind a host's key in the rules, add it to groups or secrets, and rekey exactly what it may now read",
		Long: `Binds NAME to the host's key where the other keys are written (secrets.nix, the file it
imports, host-keys/NAME.pub), adds NAME to every list named by --group and to the publicKeys
of every secret matching --secret, verifies that the edit adds exactly that key to exactly
those secrets, then rekeys them (a header rewrap: payloads are unchanged). Nothing is written
unless every affected file opens with your identities. Running it again with the same key
changes nothing; a different key for NAME needs --replace.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAddHost(cmd.Context(), io, g, o, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.keys.Key, "key", "", "the host's public key, e.g. 'ssh-ed25519 AAAA...'")
	f.StringVar(&o.keys.Pubkey, "pubkey", "", "read the public key from FILE (- for stdin)")
	f.StringVar(&o.keys.FromPrivateKey, "from-private-key", "", "derive the public key from this private key file")
	f.StringVar(&o.keys.Scan, "scan", "", "fetch the ssh-ed25519 host key from HOST[:PORT] with a native SSH handshake")
	f.StringVar(&o.keys.KnownHosts, "known-hosts", "", "look NAME up in this known_hosts file (with --scan: it vouches for the scanned key)")
	f.BoolVar(&o.keys.Generate, "generate", false, "generate the host key pair (bootstrap; needs --extra-files DIR)")
	f.StringVar(&o.keys.ExtraFiles, "extra-files", "", "with --generate: write DIR/etc/ssh/ssh_host_ed25519_key{,.pub} for nixos-anywhere --extra-files DIR")
	f.StringVar(&o.keys.ExpectFingerprint, "expect-fingerprint", "", "with --scan: accept the key only if its fingerprint is SHA256:...")
	f.DurationVar(&o.keys.Timeout, "timeout", recipients.DefaultScanTimeout, "with --scan: connect and handshake timeout")
	f.BoolVarP(&o.keys.Yes, "yes", "y", false, "accept the scanned key and skip confirmations")
	f.StringArrayVar(&o.Groups, "group", nil, "add NAME to this list of keys (a let binding, a dotted attribute, or a .sops.yaml rule or anchor); repeatable")
	f.StringArrayVar(&o.Secrets, "secret", nil, "add NAME to the secrets matching GLOB; repeatable")
	f.BoolVar(&o.NoRekey, "no-rekey", false, "edit the rules only; rekey later")
	f.BoolVar(&o.DryRun, "dry-run", false, "show the edit as a diff and the rekey plan; write nothing")
	f.BoolVar(&o.Replace, "replace", false, "NAME is bound to another key (host reinstalled): swap it everywhere and re-encrypt under fresh keys")
	f.StringVar(&o.SopsRecipient, "sops-recipient", "age", "how the key goes into .sops.yaml: age (ssh-to-age form) or ssh")
	return cmd
}

func runAddHost(ctx context.Context, io *IO, g *globalOptions, o *addHostOptions, name string) error {
	if err := o.keys.check(); err != nil {
		return err
	}
	if o.SopsRecipient != "age" && o.SopsRecipient != "ssh" {
		return usageErrorf("--sops-recipient must be age or ssh, not %q", o.SopsRecipient)
	}
	if g.useNix() {
		return usageErrorf("add-host edits the rules with the native evaluator; --eval=nix cannot verify an edit before it is written")
	}
	repo, rules, err := repoAndBackends(g)
	if err != nil {
		return err
	}
	opts := reencrypt.AddHostOptions{
		RepoRoot: repo, RulesFiles: rules, Name: name,
		Groups: o.Groups, Secrets: o.Secrets,
		NoRekey: o.NoRekey, DryRun: o.DryRun, Replace: o.Replace,
		SopsSSH: o.SopsRecipient == "ssh", SopsConfig: g.SopsConfig, Jobs: g.Jobs,
	}
	if len(o.Groups) == 0 && len(o.Secrets) == 0 && !o.Replace {
		groups, err := chooseGroups(ctx, io, g, repo, rules)
		if err != nil {
			return err
		}
		opts.Groups = groups
	}
	if o.keys.Generate {
		dir, err := filepath.Abs(o.keys.ExtraFiles)
		if err != nil {
			return inputError(fmt.Errorf("--extra-files: %w", err))
		}
		opts.GenerateIn = dir
	} else {
		key, err := o.keys.resolve(ctx, io, name)
		if err != nil {
			return err
		}
		opts.Key = key
	}
	if !o.DryRun && !o.NoRekey {
		if opts.Identities, err = loadIdentities(io, g); err != nil {
			return err
		}
	}
	opts.Progress = commitWatcher(io)
	res, err := reencrypt.AddHost(ctx, opts)
	return finishInterrupted(io, renderHostChange(io, g, "add-host", res, err, o.DryRun))
}

// chooseGroups asks which groups NAME joins when neither --group nor
// --secret is given: on a terminal from the list of groups found, else
// it fails naming the flags.
func chooseGroups(ctx context.Context, io *IO, g *globalOptions, repo string, rules []string) ([]string, error) {
	groups, err := reencrypt.HostGroups(repo, rules)
	if err != nil {
		return nil, reencryptError(err)
	}
	var names []string
	for _, gr := range groups {
		names = append(names, gr.Name)
	}
	sopsGroups, err := reencrypt.SopsGroups(ctx, repo, g.SopsConfig)
	if err != nil {
		return nil, reencryptError(err)
	}
	names = append(names, sopsGroups...)
	sort.Strings(names)
	list := strings.Join(names, ", ")
	if list == "" {
		list = "none found"
	}
	if !io.StdinTTY {
		return nil, usageErrorf("which secrets may the host read? give --group G (groups: %s) or --secret GLOB", list)
	}
	fmt.Fprintf(io.Err, "groups: %s\n", list)
	ok, err := confirmLine(io, "group(s) to join, comma-separated: ")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range strings.Split(ok, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, usageErrorf("no group chosen; nothing changed")
	}
	return out, nil
}
