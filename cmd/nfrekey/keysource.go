package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/nfrekey/nfrekey/recipients"
)

// keySourceFlags are add-host's ways of naming the new host's key; exactly
// one of them is given (CONTRACT.md, add-host).
type keySourceFlags struct {
	Key               string
	Pubkey            string
	FromPrivateKey    string
	Scan              string
	KnownHosts        string
	Generate          bool
	ExtraFiles        string
	ExpectFingerprint string
	Timeout           time.Duration
	Yes               bool
}

// chosen names the key source flags given, for the "exactly one" check.
func (k *keySourceFlags) chosen() []string {
	var out []string
	for _, c := range []struct {
		set  bool
		flag string
	}{
		{k.Key != "", "--key"},
		{k.Pubkey != "", "--pubkey"},
		{k.FromPrivateKey != "", "--from-private-key"},
		{k.Scan != "", "--scan"},
		// --known-hosts is a source of its own only without --scan; with
		// it, it vouches for the scanned key.
		{k.KnownHosts != "" && k.Scan == "", "--known-hosts"},
		{k.Generate, "--generate"},
	} {
		if c.set {
			out = append(out, c.flag)
		}
	}
	return out
}

// check validates the combination before anything is read or dialled.
func (k *keySourceFlags) check() error {
	switch ch := k.chosen(); len(ch) {
	case 0:
		return usageErrorf("add-host needs a key source: one of --key, --pubkey, --from-private-key, --scan, --known-hosts, --generate --extra-files DIR")
	case 1:
	default:
		return usageErrorf("add-host takes one key source, not %s", strings.Join(ch, " and "))
	}
	if k.Generate != (k.ExtraFiles != "") {
		return usageErrorf("--generate and --extra-files DIR go together: the new host key is written under DIR for nixos-anywhere --extra-files DIR")
	}
	if k.ExpectFingerprint != "" && k.Scan == "" {
		return usageErrorf("--expect-fingerprint checks a scanned key: use it with --scan")
	}
	if k.Timeout <= 0 {
		return usageErrorf("--timeout must be positive, not %v", k.Timeout)
	}
	return nil
}

// resolve reads the key the flags name. For a scan, it prints the
// fingerprint on stderr and needs --expect-fingerprint, --known-hosts
// agreeing, --yes, or a yes typed on a terminal before the key is trusted.
// --generate is not resolved here: the key pair is made by the transaction
// that writes it.
func (k *keySourceFlags) resolve(ctx context.Context, io *IO, name string) (recipients.Recipient, error) {
	switch {
	case k.Key != "":
		r, err := recipients.Parse(strings.TrimSpace(k.Key))
		if err != nil {
			return r, inputError(fmt.Errorf("--key: %w", err))
		}
		return r, nil
	case k.Pubkey == "-":
		r, err := recipients.ReadHostKey(io.In)
		if err != nil {
			return r, inputError(fmt.Errorf("--pubkey -: %w", err))
		}
		return r, nil
	case k.Pubkey != "":
		r, err := recipients.ReadHostKeyFile(k.Pubkey)
		if err != nil {
			return r, inputError(err)
		}
		return r, nil
	case k.FromPrivateKey != "":
		ask := passphrasePrompt(io)
		r, err := recipients.ReadPrivateKeyFile(k.FromPrivateKey, func() ([]byte, error) { return ask(k.FromPrivateKey) })
		if err != nil {
			return r, inputError(err)
		}
		return r, nil
	case k.Scan != "":
		return k.scan(ctx, io)
	case k.KnownHosts != "":
		kh, err := recipients.ReadKnownHostsFile(k.KnownHosts)
		if err != nil {
			return recipients.Recipient{}, inputError(err)
		}
		found, err := kh.Lookup(name, 22)
		if err != nil {
			return recipients.Recipient{}, inputError(err)
		}
		for _, r := range found {
			if r.Kind == recipients.SSHEd25519 {
				return r, nil
			}
		}
		return recipients.Recipient{}, inputError(fmt.Errorf("%s: no ssh-ed25519 key for %s", k.KnownHosts, name))
	}
	return recipients.Recipient{}, usageErrorf("no key source")
}

func (k *keySourceFlags) scan(ctx context.Context, io *IO) (recipients.Recipient, error) {
	host, port, err := recipients.SplitHostPort(k.Scan)
	if err != nil {
		return recipients.Recipient{}, usageErrorf("--scan: %v", err)
	}
	opts := recipients.ScanOptions{Timeout: k.Timeout}
	if k.ExpectFingerprint != "" {
		fp, err := recipients.ParseFingerprint(k.ExpectFingerprint)
		if err != nil {
			return recipients.Recipient{}, usageErrorf("--expect-fingerprint: %v", err)
		}
		opts.ExpectFingerprint = fp
	}
	vouched := false
	if k.KnownHosts != "" {
		kh, err := recipients.ReadKnownHostsFile(k.KnownHosts)
		if err != nil {
			return recipients.Recipient{}, inputError(err)
		}
		opts.KnownHosts = kh
	}
	res, err := recipients.Scan(ctx, k.Scan, opts)
	if err != nil {
		return recipients.Recipient{}, inputError(err)
	}
	if opts.KnownHosts != nil {
		// Scan has refused a key the file contradicts; it vouches only
		// when it lists this very key.
		known, err := opts.KnownHosts.Check(host, port, res.Recipient)
		if err != nil {
			return recipients.Recipient{}, inputError(err)
		}
		vouched = known
	}
	fmt.Fprintf(io.Err, "nfrekey: %s has host key %s\n", res.Name(), res.Recipient.Fingerprint())
	if opts.ExpectFingerprint != "" || vouched || k.Yes {
		return res.Recipient, nil
	}
	ok, err := confirm(io, "Is this the host's key?", "--expect-fingerprint "+res.Recipient.Fingerprint()+" or --yes")
	if err != nil {
		return recipients.Recipient{}, err
	}
	if !ok {
		return recipients.Recipient{}, inputError(fmt.Errorf("%s: host key not accepted; nothing changed", res.Name()))
	}
	return res.Recipient, nil
}

// confirm asks a yes/no question on a terminal. Without one it never
// waits: it fails, naming the flag that answers the question.
func confirm(io *IO, question, answerFlag string) (bool, error) {
	if !io.StdinTTY {
		return false, usageErrorf("%s stdin is not a terminal: answer with %s", question, answerFlag)
	}
	line, err := confirmLine(io, question+" [y/N] ")
	if err != nil {
		return false, err
	}
	switch strings.ToLower(line) {
	case "y", "yes":
		return true, nil
	}
	return false, nil
}

// confirmLine prompts on stderr and reads one line of the terminal.
func confirmLine(io *IO, prompt string) (string, error) {
	if _, isFile := io.In.(*os.File); !io.StdinTTY || !isFile {
		return "", usageErrorf("stdin is not a terminal: cannot ask %q", strings.TrimSpace(prompt))
	}
	fmt.Fprint(io.Err, prompt)
	line, err := bufio.NewReader(io.In).ReadString('\n')
	if err != nil && line == "" {
		return "", inputError(fmt.Errorf("reading the answer: %w", err))
	}
	return strings.TrimSpace(line), nil
}
