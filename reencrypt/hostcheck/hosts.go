package hostcheck

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nfrekey/nfrekey/recipients"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// Host is a name the repo binds to an ssh-ed25519 key (or, in
// .sops.yaml, to its age form): a machine whose current host key can be
// checked.
type Host struct {
	Name string
	// Key is the declared key: ssh-ed25519, or age X25519 for a host only
	// a .sops.yaml declares in the ssh-to-age form.
	Key recipients.Recipient
	// Binding is the name the key itself is bound to: Name, or the
	// record's key attribute (pubkey) when the host is a record.
	Binding string
	// DeclaredIn is FILE:LINE of the binding, FILE relative to the repo root.
	DeclaredIn string
	// Address is the address the rules keep beside the key (a record
	// { pubkey = "..."; address = "..."; }), "" when none.
	Address string
	// Secrets are the secrets encrypted to Key, relative to the repo root.
	Secrets []string
	// Warnings are said on every run that checks this host (not under
	// -v only): NAME bound to two keys, of which only one is checked.
	Warnings []Note
	// Declared is every place the key is written, in the order merged:
	// the rules' binding, .sops.yaml anchors (Merge joins them).
	Declared []Declaration
}

// The backends a declaration belongs to, as ls --json names them.
const (
	BackendAge  = "age"
	BackendSops = "sops"
)

// Declaration is one place a host's key is written.
type Declaration struct {
	In      string               // FILE:LINE, FILE relative to the repo root
	Key     recipients.Recipient // as written there (ssh-ed25519, or its age form in .sops.yaml)
	Backend string               // BackendAge (secrets.nix) or BackendSops (.sops.yaml)
	Secrets []string             // the secrets this declaration grants, relative to the repo root
}

// SameHostKey reports whether a and b are one host key: equal, or an
// ssh-ed25519 key and its ssh-to-age X25519 form (what sops-nix uses).
func SameHostKey(a, b recipients.Recipient) bool {
	if a.Equal(b) {
		return true
	}
	if a.Kind == recipients.X25519 && b.Kind == recipients.SSHEd25519 {
		a, b = b, a
	}
	if a.Kind != recipients.SSHEd25519 || b.Kind != recipients.X25519 {
		return false
	}
	x, err := a.ToAgeX25519()
	return err == nil && x.Equal(b)
}

// AgenixOptions say where the agenix rules are.
type AgenixOptions struct {
	RepoRoot   string
	RulesFiles []string // absolute
	UseNix     bool     // evaluate with nix-instantiate (record addresses still come from the source)
}

// Note is something skipped that a verbose run should mention, or, with
// the warning prefix, something every run should (see Warning).
type Note string

const warningPrefix = "warning: "

// Warning reports whether the note is worth saying without -v: one name
// bound to two keys, of which only one is checked (and fixed).
func (n Note) Warning() bool { return strings.HasPrefix(string(n), warningPrefix) }

// AgenixHosts lists, sorted by name, the names the rules files bind to ssh-ed25519 keys,
// with the secrets each key opens. A record { pubkey = K; address = A; }
// bound to NAME gives host NAME with address A (the binding itself is
// named after its attribute, pubkey). Names bound to other kinds of key
// (age1..., ssh-rsa) cannot be compared with a scanned ed25519 host key
// and are left out with a note.
func AgenixHosts(opts AgenixOptions) ([]Host, []Note, error) {
	var lists [][]Host
	var notes []Note
	for _, rf := range opts.RulesFiles {
		rules, err := secretsnix.LoadRules(rf, secretsnix.Options{Root: opts.RepoRoot, UseNix: opts.UseNix})
		if err != nil {
			return nil, nil, err
		}
		recs, err := findRecords(rules.Bindings)
		if err != nil {
			return nil, nil, err
		}
		hosts, n := hostsFromRules(opts.RepoRoot, rules, recs)
		lists = append(lists, hosts)
		notes = append(notes, n...)
	}
	hosts, n := Merge(lists...)
	sort.SliceStable(hosts, func(i, j int) bool { return hosts[i].Name < hosts[j].Name })
	return hosts, append(notes, n...), nil
}

func hostsFromRules(root string, rules *secretsnix.Rules, recs map[recordKey]record) ([]Host, []Note) {
	var out []Host
	var notes []Note
	index := map[string]int{}
	for _, b := range rules.Bindings {
		text := strings.TrimSpace(b.Text)
		if !strings.HasPrefix(text, "ssh-") && !strings.HasPrefix(text, "age1") {
			continue // an address, a comment, any other string
		}
		name, addr := b.Name, ""
		if r, ok := recs[recordKey{b.File, b.Offset}]; ok {
			name, addr = r.name, r.address
		}
		key, err := recipients.Parse(text)
		if err != nil {
			notes = append(notes, Note(fmt.Sprintf("%s:%d: %s: %v (audit reports it)", rel(root, b.File), b.Line, name, err)))
			continue
		}
		if key.Kind != recipients.SSHEd25519 {
			notes = append(notes, Note(fmt.Sprintf("%s:%d: %s: a %s key, not an ssh-ed25519 host key: not checked", rel(root, b.File), b.Line, name, key.Kind)))
			continue
		}
		if i, dup := index[name]; dup {
			if !out[i].Key.Equal(key) {
				out[i].Warnings = append(out[i].Warnings, Note(fmt.Sprintf(warningPrefix+"%s:%d: %s is bound again to another key; only %s is checked (and fixed by --fix)", rel(root, b.File), b.Line, name, out[i].DeclaredIn)))
			}
			continue
		}
		index[name] = len(out)
		out = append(out, Host{Name: name, Key: key, Binding: b.Name, DeclaredIn: fmt.Sprintf("%s:%d", rel(root, b.File), b.Line), Address: addr})
	}
	dir := filepath.Dir(rules.File)
	for i := range out {
		for _, s := range rules.Secrets {
			for _, k := range s.PublicKeys {
				// Compared as keys, not text: a readFile'd .pub carries
				// ssh-keygen's comment and newline, which Key.String drops.
				if pk, err := recipients.Parse(strings.TrimSpace(k.Text)); err == nil && pk.Equal(out[i].Key) {
					out[i].Secrets = append(out[i].Secrets, rel(root, filepath.Join(dir, s.Name)))
					break
				}
			}
		}
		out[i].Declared = []Declaration{{In: out[i].DeclaredIn, Key: out[i].Key, Backend: BackendAge, Secrets: out[i].Secrets}}
	}
	return out, notes
}

// Merge joins host lists from several sources (rules files, sops configs)
// by name: one name with one host key (the ssh-ed25519 key in one, its age
// form in another counts as one) is one host, whose secrets are the union
// and whose declarations are all of them; its Key is the ssh-ed25519 form
// when any source has it (it has a fingerprint). A name with a different
// key in a later list is noted and the first kept (audit reports the
// conflict itself).
func Merge(lists ...[]Host) ([]Host, []Note) {
	var out []Host
	var notes []Note
	index := map[string]int{}
	for _, l := range lists {
		for _, h := range l {
			i, seen := index[h.Name]
			if !seen {
				index[h.Name] = len(out)
				h.Secrets = append([]string(nil), h.Secrets...)
				h.Declared = append([]Declaration(nil), h.Declared...)
				h.Warnings = append([]Note(nil), h.Warnings...)
				out = append(out, h)
				continue
			}
			if !SameHostKey(out[i].Key, h.Key) {
				out[i].Warnings = append(out[i].Warnings, Note(fmt.Sprintf(warningPrefix+"%s: %s is bound to another key than at %s; only %s is checked (and fixed by --fix)", h.DeclaredIn, h.Name, out[i].DeclaredIn, out[i].DeclaredIn)))
				continue
			}
			if out[i].Address == "" {
				out[i].Address = h.Address
			}
			if out[i].Key.Kind != recipients.SSHEd25519 && h.Key.Kind == recipients.SSHEd25519 {
				out[i].Key = h.Key
			}
			out[i].Secrets = union(out[i].Secrets, h.Secrets)
			out[i].Declared = append(out[i].Declared, h.Declared...)
			out[i].Warnings = append(out[i].Warnings, h.Warnings...)
		}
	}
	return out, notes
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	for _, s := range a {
		seen[s] = true
	}
	for _, s := range b {
		if !seen[s] {
			seen[s] = true
			a = append(a, s)
		}
	}
	sort.Strings(a)
	return a
}

func rel(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return p
}
