package hostcheck

import (
	"fmt"
	"strings"

	"github.com/nfrekey/nfrekey/internal/readlimit"
	"github.com/nfrekey/nfrekey/secretsnix"
)

// A fleet's rules often keep each host as a record, such as
//
//	web1 = { pubkey = "ssh-ed25519 ..."; address = "10.0.0.5"; };
//
// Rules.Bindings names that key "pubkey", after its own attribute; the
// host is the attribute holding the record, and its address is a sibling.
// The record is found in the source (the evaluated bindings say where the
// key is written), so only literal addresses are read.

// keyAttrs and addrAttrs are the attribute names a record uses for its
// key and its address, as fleets write them.
var (
	keyAttrs  = []string{"pubkey", "publicKey", "pubKey", "key", "hostKey", "host_key", "sshKey", "ssh_key"}
	addrAttrs = []string{"address", "addr", "host", "hostname", "hostName", "ip", "targetHost", "target"}
)

type recordKey struct {
	file   string
	offset int
}

type record struct {
	name    string // the attribute holding the record
	address string // "" when the record has no literal address
}

// maxRulesSize bounds a rules file read to find records; the evaluator
// has read it already under its own bound.
const maxRulesSize = 64 << 20

// findRecords maps the place of each record's key attribute to the record.
func findRecords(bindings []secretsnix.Binding) (map[recordKey]record, error) {
	out := map[recordKey]record{}
	done := map[string]bool{}
	for _, b := range bindings {
		if done[b.File] || !contains(keyAttrs, b.Name) {
			continue
		}
		done[b.File] = true
		src, err := readlimit.ReadFile(b.File, maxRulesSize)
		if err != nil {
			return nil, err
		}
		f, err := secretsnix.Parse(b.File, string(src))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", b.File, err)
		}
		walkRecords(f, f.Root, out)
	}
	return out, nil
}

func walkRecords(f *secretsnix.File, n secretsnix.Node, out map[recordKey]record) {
	if def, ok := n.(*secretsnix.AttrDef); ok && len(def.Path) > 0 {
		if set, ok := unparen(def.Value).(*secretsnix.AttrSet); ok {
			name := def.Path[len(def.Path)-1].Name
			addRecord(f, name, set, out)
		}
	}
	switch x := n.(type) {
	case *secretsnix.AttrSet:
		addDotted(f, x.Binds, out)
	case *secretsnix.Let:
		addDotted(f, x.Binds, out)
	}
	for _, c := range secretsnix.Children(n) {
		walkRecords(f, c, out)
	}
}

func addRecord(f *secretsnix.File, name string, set *secretsnix.AttrSet, out map[recordKey]record) {
	var keyDef *secretsnix.AttrDef
	addr := ""
	for _, b := range set.Binds {
		def, ok := b.(*secretsnix.AttrDef)
		if !ok || len(def.Path) != 1 || def.Path[0].Dyn != nil {
			continue
		}
		switch attr := def.Path[0].Name; {
		case contains(keyAttrs, attr):
			keyDef = def
		case contains(addrAttrs, attr) && addr == "":
			addr = literal(def.Value)
		}
	}
	if keyDef == nil || name == "" {
		return
	}
	first, _ := keyDef.Span()
	out[recordKey{f.Name, int(f.Tokens[first].Start)}] = record{name: name, address: addr}
}

// addDotted finds records written as dotted attributes in one set of
// bindings: web1.pubkey = "..."; web1.address = "...";.
func addDotted(f *secretsnix.File, binds []secretsnix.Node, out map[recordKey]record) {
	addrs := map[string]string{}
	var keys []*secretsnix.AttrDef
	for _, b := range binds {
		def, ok := b.(*secretsnix.AttrDef)
		if !ok || len(def.Path) < 2 || !static(def.Path) {
			continue
		}
		last := def.Path[len(def.Path)-1].Name
		switch prefix := pathPrefix(def.Path); {
		case contains(keyAttrs, last):
			keys = append(keys, def)
		case contains(addrAttrs, last):
			if _, seen := addrs[prefix]; !seen {
				addrs[prefix] = literal(def.Value)
			}
		}
	}
	for _, def := range keys {
		if def.Path[len(def.Path)-2].Name == "" {
			continue
		}
		first, _ := def.Span()
		out[recordKey{f.Name, int(f.Tokens[first].Start)}] = record{name: def.Path[len(def.Path)-2].Name, address: addrs[pathPrefix(def.Path)]}
	}
}

func static(path []*secretsnix.AttrName) bool {
	for _, a := range path {
		if a.Dyn != nil {
			return false
		}
	}
	return true
}

// pathPrefix is the dotted path without its last component.
func pathPrefix(path []*secretsnix.AttrName) string {
	parts := make([]string, len(path)-1)
	for i, a := range path[:len(path)-1] {
		parts[i] = a.Name
	}
	return strings.Join(parts, ".")
}

// literal is the text of a string literal without interpolations, "" otherwise.
func literal(n secretsnix.Node) string {
	s, ok := unparen(n).(*secretsnix.StringLit)
	if !ok {
		return ""
	}
	var sb strings.Builder
	for _, p := range s.Parts {
		if p.Interp != nil {
			return ""
		}
		sb.WriteString(p.Lit)
	}
	return strings.TrimSpace(sb.String())
}

func unparen(n secretsnix.Node) secretsnix.Node {
	for {
		p, ok := n.(*secretsnix.Paren)
		if !ok {
			return n
		}
		n = p.Expr
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
