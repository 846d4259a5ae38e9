package secretsnix

import (
	"fmt"
	"sort"
)

func loadRules(path string, opts Options, eo evalOptions) (*Rules, error) {
	ev, v, err := evalRoot(path, opts, eo)
	if err != nil {
		return nil, err
	}
	top, ok := v.(*attrsV)
	if !ok {
		return nil, ev.errorf(ev.files[0].base, "the rules file must evaluate to an attribute set of secrets, not %s", typeName(v))
	}
	rules := &Rules{File: path, Secrets: make([]Secret, 0, len(top.attrs))}
	var keys []Key
	for _, a := range top.attrs {
		s, err := ev.secret(a, &keys)
		if err != nil {
			return nil, err
		}
		rules.Secrets = append(rules.Secrets, s)
	}
	rules.Bindings = ev.bindings(false)
	placeKeys(rules)
	return rules, nil
}

// keyBlock is how many keys secret allocates at a time for the
// PublicKeys of successive secrets.
const keyBlock = 1024

// secret evaluates one entry. Its PublicKeys are carved from *keys, refilled
// a block at a time, so that a big fleet costs a few allocations rather
// than one per secret; each gets cap == len, so appending to one copies.
func (ev *evaluator) secret(a attr, keys *[]Key) (Secret, error) {
	s := Secret{Name: a.name}
	if f := ev.fileAt(a.pos); f != nil {
		s.File, s.Offset = f.Name, a.pos-f.base
		s.Line, s.Col = f.lineCol(s.Offset)
	}
	v, err := ev.force(a.t, a.pos)
	if err != nil {
		return s, err
	}
	entry, ok := v.(*attrsV)
	if !ok {
		return s, ev.errorf(a.pos, "secret '%s' is %s, not an attribute set", a.name, typeName(v))
	}
	pk, ok := entry.get("publicKeys")
	if !ok {
		return s, ev.errorf(a.pos, "secret '%s' has no publicKeys", a.name)
	}
	pkPos := pk.pos
	if pkPos == 0 {
		pkPos = a.pos
	}
	// A list literal, still unevaluated, says where each element is.
	var elems []Node
	var kf *File
	if pk.t.state == thunkPending && pk.t.expr != nil {
		if kf = ev.fileAt(pk.t.expr.base().Pos); kf != nil {
			s.KeysFile = kf.Name
			s.Keys.Start, s.Keys.End = kf.Offsets(pk.t.expr)
		}
		if ll, ok := unparen(pk.t.expr).(*ListLit); ok && kf != nil {
			elems = ll.Elems
			s.List = true
			s.ListOpen = int(kf.Tokens[ll.First].Start)
			s.ListClose = int(kf.Tokens[ll.Last].Start)
		}
	}
	lv, err := ev.force(pk.t, pkPos)
	if err != nil {
		return s, err
	}
	l, ok := lv.(*listV)
	if !ok {
		return s, ev.errorf(a.pos, "publicKeys of secret '%s' is %s, not a list of strings", a.name, typeName(lv))
	}
	n := len(l.items)
	if len(elems) != n {
		elems = nil
	}
	if len(*keys) < n {
		*keys = make([]Key, max(n, keyBlock))
	}
	s.PublicKeys = (*keys)[:0:n]
	*keys = (*keys)[n:]
	if n == 0 {
		s.PublicKeys = []Key{} // empty, not nil, as before
	}
	for i, t := range l.items {
		kv, err := ev.force(t, pkPos)
		if err != nil {
			return s, err
		}
		ks, ok := kv.(*strV)
		if !ok {
			return s, ev.errorf(a.pos, "publicKeys of secret '%s': element %d is %s, not a string", a.name, i, typeName(kv))
		}
		// Filled in place: appending a 64-byte Key is a typed copy with
		// write barriers, measurable over 100,000 keys.
		s.PublicKeys = s.PublicKeys[:len(s.PublicKeys)+1]
		k := &s.PublicKeys[len(s.PublicKeys)-1]
		k.Text, k.Name = ks.s, ks.name
		if elems != nil {
			k.Elem.Start, k.Elem.End = kf.Offsets(elems[i])
			if k.Name == "" {
				// A key written in the list itself: its element. Named keys
				// get their binding's place once the bindings are known.
				k.File, k.Offset = kf.Name, k.Elem.Start
				k.Line, k.Col = kf.lineCol(k.Offset)
			}
		}
	}
	if ar, ok := entry.get("armor"); ok {
		av, err := ev.force(ar.t, a.pos)
		if err != nil {
			return s, err
		}
		b, ok := av.(bool)
		if !ok {
			return s, ev.errorf(a.pos, "armor of secret '%s' is %s, not a Boolean", a.name, typeName(av))
		}
		s.Armor = b
	}
	return s, nil
}

// rulesFromJSON builds Rules from nix-instantiate's JSON output.
func rulesFromJSON(path string, v any) (*Rules, error) {
	top, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: the rules file must evaluate to an attribute set of secrets", path)
	}
	rules := &Rules{File: path}
	for name, e := range top {
		entry, ok := e.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: secret '%s' is not an attribute set", path, name)
		}
		s := Secret{Name: name, PublicKeys: []Key{}}
		pk, ok := entry["publicKeys"]
		if !ok {
			return nil, fmt.Errorf("%s: secret '%s' has no publicKeys", path, name)
		}
		l, ok := pk.([]any)
		if !ok {
			return nil, fmt.Errorf("%s: publicKeys of secret '%s' is not a list of strings", path, name)
		}
		for i, k := range l {
			ks, ok := k.(string)
			if !ok {
				return nil, fmt.Errorf("%s: publicKeys of secret '%s': element %d is not a string", path, name, i)
			}
			s.PublicKeys = append(s.PublicKeys, Key{Text: ks})
		}
		if ar, ok := entry["armor"]; ok {
			b, ok := ar.(bool)
			if !ok {
				return nil, fmt.Errorf("%s: armor of secret '%s' is not a Boolean", path, name)
			}
			s.Armor = b
		}
		rules.Secrets = append(rules.Secrets, s)
	}
	sort.Slice(rules.Secrets, func(i, j int) bool { return rules.Secrets[i].Name < rules.Secrets[j].Name })
	return rules, nil
}
