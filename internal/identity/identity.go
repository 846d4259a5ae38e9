// Package identity holds the private keys of one run: the -i files, the
// default locations, and each passphrase asked at most once. Both backends
// use the same Set: the age backend and the sops key service take its
// plain []age.Identity (Age).
package identity

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rsa"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"filippo.io/age/plugin"

	"github.com/nfrekey/nfrekey/internal/readlimit"
	"github.com/nfrekey/nfrekey/internal/sshage"
	"github.com/nfrekey/nfrekey/recipients"
)

// MaxFileSize bounds an identity file: keys are a few KiB, and an age
// identity file of thousands of keys stays far below it. Past it (or for
// anything but a regular file: -i /dev/zero, a FIFO) loading fails with
// one line instead of exhausting memory or blocking.
const MaxFileSize = 1 << 20

// Options say where private keys come from.
type Options struct {
	// Files are explicit identity files (-i): SSH private keys or age
	// identity files. Any error reading one is fatal.
	Files []string
	// Defaults adds the default locations of docs/cli.md; a default that is
	// missing, unreadable or unsupported is skipped with a Note.
	Defaults bool
	// Home is the home directory for the defaults ("" means os.UserHomeDir).
	Home string
	// Env looks environment variables up (nil means os.Getenv).
	Env func(string) string
	// Passphrase is asked for the passphrase of an encrypted SSH key, at
	// most once per key and run, and only when a file needs that key. nil
	// means encrypted keys cannot be used.
	Passphrase func(path string) ([]byte, error)
	// Note receives what was skipped and why (shown under -v).
	Note func(string)
	// Plugin is how age plugins (AGE-PLUGIN-... identities, plugin
	// recipients) reach the user; the zero value cannot ask anything.
	Plugin PluginUI
}

// Set is the private keys of one run. It is safe for concurrent use; a
// passphrase is asked at most once per key.
type Set struct {
	list []*identity
	ui   *pluginUI
}

// identity is one age.Identity with where it came from.
type identity struct {
	age.Identity
	desc string // "PATH (ssh-ed25519 SHA256:...)" for messages
	// lazy is true for identities of passphrase-protected keys, tried last.
	lazy bool
	// pub identifies the key (its public key text), so that the same key
	// found twice (-i and a default, or two default paths) is used, and
	// its passphrase asked, once. "" for identities that cannot tell.
	pub string
}

// Load reads the identities opts names.
func Load(opts Options) (*Set, error) {
	env := opts.Env
	if env == nil {
		env = os.Getenv
	}
	note := opts.Note
	if note == nil {
		note = func(string) {}
	}
	ids := &Set{ui: newPluginUI(opts.Plugin)}
	for _, f := range opts.Files {
		data, err := readlimit.ReadFile(f, MaxFileSize)
		if err != nil {
			return nil, fmt.Errorf("identity %w", err)
		}
		list, err := parseIdentityFile(f, data, opts.Passphrase, ids.ui)
		if err != nil {
			return nil, fmt.Errorf("identity %s: %w", f, err)
		}
		ids.list = append(ids.list, list...)
	}
	if opts.Defaults {
		home := opts.Home
		if home == "" {
			home, _ = os.UserHomeDir()
		}
		var paths []string
		paths = append(paths, "/etc/ssh/ssh_host_ed25519_key")
		if home != "" {
			paths = append(paths,
				filepath.Join(home, ".keys", "id_ed25519"),
				filepath.Join(home, ".ssh", "id_ed25519"),
				filepath.Join(home, ".ssh", "id_rsa"))
		}
		if p := env("SOPS_AGE_KEY_FILE"); p != "" {
			paths = append(paths, p)
		}
		try := func(name string, data []byte) {
			list, err := parseIdentityFile(name, data, opts.Passphrase, ids.ui)
			if err != nil {
				note(fmt.Sprintf("identity %s skipped: %v", name, err))
				return
			}
			ids.list = append(ids.list, list...)
		}
		for _, p := range paths {
			data, err := readlimit.ReadFile(p, MaxFileSize)
			if err != nil {
				note(fmt.Sprintf("identity %s skipped: %s", p, skipReason(p, err)))
				continue
			}
			try(p, data)
		}
		if k := env("SOPS_AGE_KEY"); k != "" {
			try("$SOPS_AGE_KEY", []byte(k))
		}
		cfg := env("XDG_CONFIG_HOME")
		if cfg == "" && home != "" {
			cfg = filepath.Join(home, ".config")
		}
		if cfg != "" {
			p := filepath.Join(cfg, "sops", "age", "keys.txt")
			if data, err := readlimit.ReadFile(p, MaxFileSize); err != nil {
				note(fmt.Sprintf("identity %s skipped: %s", p, skipReason(p, err)))
			} else {
				try(p, data)
			}
		}
	}
	// Keys that need a passphrase go last, so that a file another key
	// opens never asks for one. The same key found twice is kept once,
	// preferring a copy that needs no passphrase.
	var eager, lazy []*identity
	for _, id := range ids.list {
		if id.lazy {
			lazy = append(lazy, id)
		} else {
			eager = append(eager, id)
		}
	}
	ids.list = nil
	seen := map[string]bool{}
	for _, id := range append(eager, lazy...) {
		if id.pub != "" {
			if seen[id.pub] {
				continue
			}
			seen[id.pub] = true
		}
		ids.list = append(ids.list, id)
	}
	return ids, nil
}

// New wraps age identities (tests, callers with keys in memory).
func New(list ...age.Identity) *Set {
	ids := &Set{ui: newPluginUI(PluginUI{})}
	for i, id := range list {
		ids.list = append(ids.list, &identity{Identity: id, desc: fmt.Sprintf("identity #%d (%T)", i+1, id)})
	}
	return ids
}

// Len is the number of identities.
func (ids *Set) Len() int {
	if ids == nil {
		return 0
	}
	return len(ids.list)
}

// Describe lists the identities, one "PATH (kind)" each, for messages.
func (ids *Set) Describe() []string {
	if ids == nil {
		return nil
	}
	out := make([]string, len(ids.list))
	for i, id := range ids.list {
		out[i] = id.desc
	}
	return out
}

// Age is the identities as age takes them, in the order to try them
// (keys needing a passphrase last).
func (ids *Set) Age() []age.Identity {
	if ids == nil {
		return nil
	}
	out := make([]age.Identity, len(ids.list))
	for i, id := range ids.list {
		out[i] = id.Identity
	}
	return out
}

// parseIdentityFile turns one file's content into identities: an SSH
// private key (plus, for ssh-ed25519, its ssh-to-age X25519 identity) or an
// age identity file.
func parseIdentityFile(name string, data []byte, passphrase func(string) ([]byte, error), ui *pluginUI) ([]*identity, error) {
	if bytes.Contains(data, []byte("PRIVATE KEY-----")) {
		return parseSSHIdentity(name, data, passphrase)
	}
	lines, rest := splitPluginLines(data)
	out, err := parsePluginIdentities(name, lines, ui)
	if err != nil {
		return nil, err
	}
	if len(lines) > 0 && !hasIdentityLine(rest) {
		return out, nil
	}
	list, err := age.ParseIdentities(bytes.NewReader(rest))
	if err != nil {
		return nil, fmt.Errorf("neither an SSH private key nor an age identity file: %v", err)
	}
	for _, id := range list {
		desc, pub := name+" (age identity)", ""
		switch x := id.(type) {
		case *age.X25519Identity:
			pub = x.Recipient().String()
			desc = name + " (" + pub + ")"
		case *age.HybridIdentity:
			pub = x.Recipient().String()
			desc = name + " (" + pub + ")"
		}
		out = append(out, &identity{Identity: id, desc: desc, pub: pub})
	}
	return out, nil
}

func parseSSHIdentity(name string, pem []byte, passphrase func(string) ([]byte, error)) ([]*identity, error) {
	// No passphrase callback here: an encrypted key gives its public key
	// (when the file has it) and is decrypted only when a file needs it.
	pk, err := recipients.ParsePrivateKey(pem, nil)
	switch {
	case errors.Is(err, recipients.ErrPassphraseNeeded):
		pub := pk.Public
		if pub.String() == "" {
			pub, err = recipients.ReadHostKeyFile(name + ".pub")
			if err != nil {
				return nil, fmt.Errorf("passphrase-protected key without its public key in the file or in %s.pub", filepath.Base(name))
			}
		}
		return newLazySSH(name, pem, pub, passphrase)
	case err != nil:
		return nil, fmt.Errorf("SSH private key: %v", err)
	}
	return sshIdentities(name, pk)
}

// sshIdentities builds the identities of a decrypted SSH key: the SSH
// identity and, for ed25519, its ssh-to-age X25519 twin.
func sshIdentities(name string, pk recipients.PrivateKey) ([]*identity, error) {
	pub := pk.Public.String()
	switch k := pk.Key.(type) {
	case ed25519.PrivateKey:
		// sshage rather than agessh: the same semantics with half the X25519
		// multiplications per stanza (see its package doc).
		id, err := sshage.NewIdentity(k)
		if err != nil {
			return nil, err
		}
		x, err := recipients.AgeIdentityFromEd25519(k)
		if err != nil {
			return nil, err
		}
		return []*identity{
			{Identity: id, desc: name + " (ssh-ed25519 " + pk.Public.Fingerprint() + ")", pub: pub},
			// Keyed like the twin of a passphrase-protected key, which has no
			// X25519 public key until decrypted.
			{Identity: x, desc: name + " (as age " + x.Recipient().String() + ")", pub: "x25519-of " + pub},
		}, nil
	case *rsa.PrivateKey:
		id, err := agessh.NewRSAIdentity(k)
		if err != nil {
			return nil, err
		}
		return []*identity{{Identity: id, desc: name + " (ssh-rsa " + pk.Public.Fingerprint() + ")", pub: pub}}, nil
	default:
		return nil, fmt.Errorf("unsupported SSH key type %T (age uses ssh-ed25519 and ssh-rsa)", pk.Key)
	}
}

// lazySSH is a passphrase-protected SSH key, decrypted on first need.
type lazySSH struct {
	name       string
	pem        []byte
	pub        recipients.Recipient
	tag        string
	passphrase func(string) ([]byte, error)

	once sync.Once
	ids  []*identity // decrypted: the SSH identity, then the X25519 one for ed25519
	err  error
}

func newLazySSH(name string, pem []byte, pub recipients.Recipient, passphrase func(string) ([]byte, error)) ([]*identity, error) {
	if !pub.IsSSH() {
		return nil, fmt.Errorf("unsupported SSH key type (age uses ssh-ed25519 and ssh-rsa)")
	}
	l := &lazySSH{name: name, pem: pem, pub: pub, tag: pub.Tag(), passphrase: passphrase}
	kind := pub.Kind.String()
	out := []*identity{{Identity: lazyIdentity{l, 0}, desc: name + " (" + kind + " " + pub.Fingerprint() + ", passphrase-protected)", lazy: true, pub: pub.String()}}
	if pub.Kind == recipients.SSHEd25519 {
		// Its X25519 twin's public key is unknown until decrypted: keyed
		// by the SSH key, so that the same key met twice is kept once.
		out = append(out, &identity{Identity: lazyIdentity{l, 1}, desc: name + " (as age X25519, passphrase-protected)", lazy: true, pub: "x25519-of " + pub.String()})
	}
	return out, nil
}

func (l *lazySSH) decrypt() ([]*identity, error) {
	l.once.Do(func() {
		if l.passphrase == nil {
			l.err = fmt.Errorf("%s is passphrase-protected and no passphrase can be asked", l.name)
			return
		}
		pk, err := recipients.ParsePrivateKey(l.pem, func() ([]byte, error) { return l.passphrase(l.name) })
		if err != nil {
			l.err = fmt.Errorf("%s: %w", l.name, err)
			return
		}
		l.ids, l.err = sshIdentities(l.name, pk)
	})
	return l.ids, l.err
}

// lazyIdentity is the which-th identity of a lazySSH key.
type lazyIdentity struct {
	l     *lazySSH
	which int
}

func (li lazyIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	need := false
	for _, s := range stanzas {
		if li.which == 0 && s.Type == li.l.pub.Kind.String() && len(s.Args) > 0 && s.Args[0] == li.l.tag {
			need = true
		}
		if li.which == 1 && s.Type == "X25519" {
			need = true
		}
	}
	if !need {
		return nil, age.ErrIncorrectIdentity
	}
	ids, err := li.l.decrypt()
	if err != nil {
		return nil, err
	}
	if li.which >= len(ids) {
		return nil, age.ErrIncorrectIdentity
	}
	return ids[li.which].Unwrap(stanzas)
}

// Summary lists the identities tried, on one line, for error messages.
func (ids *Set) Summary() string {
	d := ids.Describe()
	if len(d) == 0 {
		return "no identity (give one with -i)"
	}
	return strings.Join(d, ", ")
}

// Join is the identities of sets, in order, as one Set (with the plugin
// UI of the first that has one).
func Join(sets ...*Set) *Set {
	out := &Set{}
	for _, s := range sets {
		if s != nil {
			out.list = append(out.list, s.list...)
			if out.ui == nil {
				out.ui = s.ui
			}
		}
	}
	return out
}

// PluginUI is the run's channel for age plugins, for plugin recipients
// to share with the identities (one cache of answers per run). Never nil.
func (ids *Set) PluginUI() *plugin.ClientUI {
	if ids == nil || ids.ui == nil {
		return newPluginUI(PluginUI{}).client
	}
	return ids.ui.client
}

// skipReason is why a default identity file was skipped, without the path
// the note already names (readlimit's errors start with it; fs errors
// wrap it).
func skipReason(path string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return strings.TrimPrefix(err.Error(), path+": ")
}
