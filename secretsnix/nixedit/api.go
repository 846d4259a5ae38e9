// Package nixedit edits agenix rules files (secrets.nix and the keys files
// it imports) for add-host and remove-host: it finds where the fleet's key
// literals live, writes the new binding and references there in the
// file's own style as byte splices, and proves the edit before returning
// it: every edited file re-parses, every byte outside the splices is
// unchanged, and evaluating the old and new files (the new through an
// overlay, nothing written) differs by exactly the host's key in the
// intended secrets. A shape it cannot edit that safely is refused with
// what to add by hand, never edited wrongly. It writes nothing itself.
package nixedit

import "github.com/nfrekey/nfrekey/secretsnix"

// AddRequest asks for a host key to be bound and granted.
type AddRequest struct {
	RulesFile string             // absolute
	Options   secretsnix.Options // Root, Overlay (the request may already carry other edits)
	Name      string             // binding name, e.g. "web3"
	Key       string             // canonical key text, e.g. "ssh-ed25519 AAAA..." (no comment)
	Groups    []string           // a let-bound list name, a dotted attribute ("keys.hosts"), an attrset of keys
	Secrets   []string           // GLOBs (globpath.Match: path.Match, ** crossing directories) over secret names as written in the rules file
	Replace   bool               // NAME bound to another key: swap it everywhere (else an error)
}

// RemoveRequest asks for a host's binding and every reference to it to go.
type RemoveRequest struct {
	RulesFile string
	Options   secretsnix.Options
	Name      string
}

// Edit is one file's change. Old nil: the file is created; New nil: it is
// deleted.
type Edit struct {
	Path     string // absolute
	Old, New []byte
}

// Result is a verified edit.
type Result struct {
	Edits     []Edit   // empty: nothing to do
	Unchanged bool     // NAME already bound to Key and present where asked
	OldKey    string   // the key replaced (Replace) or removed (Remove)
	Affected  []string // secret names whose publicKeys change, sorted
	// Before is the evaluation of the files as given; After that of the
	// edited files (over the overlay of Edits).
	Before, After *secretsnix.Rules
}

// Group is a list of keys a host can be added to.
type Group struct {
	Name    string   // as --group takes it: "servers", "keys.hosts"
	File    string   // where it is written
	Line    int      // 1-based
	Members []string // the names it lists, as written ("web1", "hosts.web1"); an attrset's attribute names
}

// Overlay returns opts.Overlay with the edits on top: what After was
// evaluated over, for a caller that chains edits (add-host then a sops
// edit) before writing.
func Overlay(opts secretsnix.Options, edits []Edit) map[string][]byte {
	ov := make(map[string][]byte, len(opts.Overlay)+len(edits))
	for k, v := range opts.Overlay {
		ov[k] = v
	}
	for _, e := range edits {
		ov[e.Path] = e.New
	}
	return ov
}
