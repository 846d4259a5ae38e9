package secretsnix

import (
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// addData registers the builtins that read data: directory listings,
// TOML, file hashes.
func addData(add addFn) {
	add("readDir", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		p, err := ev.forcePath(a[0], pos)
		if err != nil {
			return nil, err
		}
		ents, err := ev.readDirIn(p, pos)
		if err != nil {
			return nil, err
		}
		if err := ev.step(len(ents)); err != nil {
			return nil, err
		}
		out := &attrsV{attrs: make([]attr, len(ents))}
		for i, e := range ents {
			out.attrs[i] = attr{name: e.name, t: done(&strV{s: e.typ})}
		}
		sort.Slice(out.attrs, func(i, j int) bool { return out.attrs[i].name < out.attrs[j].name })
		return out, nil
	})
	add("fromTOML", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		s, err := ev.forceStrValue(a[0], pos)
		if err != nil {
			return nil, err
		}
		if err := ev.step(len(s) / 64); err != nil {
			return nil, err
		}
		var m map[string]any
		if _, err := toml.Decode(s, &m); err != nil {
			msg, _, _ := strings.Cut(err.Error(), "\n")
			return nil, ev.errorf(pos, "while parsing a TOML string: %s", msg)
		}
		v, err := tomlValue(m)
		if err != nil {
			return nil, ev.errorf(pos, "while parsing a TOML string: %v", err)
		}
		return v, nil
	})
	add("hashFile", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		h, err := ev.forceHash(a[0], pos)
		if err != nil {
			return nil, err
		}
		p, err := ev.forcePath(a[1], pos)
		if err != nil {
			return nil, err
		}
		real, err := ev.checkInRoot(p, pos)
		if err != nil {
			return nil, err
		}
		st, err := os.Stat(real)
		if err != nil {
			return nil, ev.errorf(pos, "cannot read '%s': %s", p, errnoText(err))
		}
		if st.IsDir() {
			return nil, ev.errorf(pos, "reading from file: Is a directory")
		}
		if !st.Mode().IsRegular() {
			return nil, ev.errorf(pos, "cannot read '%s': not a regular file", p)
		}
		data, err := os.ReadFile(real)
		if err != nil {
			return nil, ev.errorf(pos, "cannot read '%s': %s", p, errnoText(err))
		}
		if err := ev.step(len(data) / 64); err != nil {
			return nil, err
		}
		h.Write(data)
		return &strV{s: hex.EncodeToString(h.Sum(nil))}, nil
	})
}

// tomlValue maps decoded TOML to Nix values as Nix 2.8 does: tables are
// sets, arrays lists, and dates and times an error.
func tomlValue(x any) (value, error) {
	switch x := x.(type) {
	case map[string]any:
		out := &attrsV{attrs: make([]attr, 0, len(x))}
		for k, e := range x {
			v, err := tomlValue(e)
			if err != nil {
				return nil, err
			}
			out.attrs = append(out.attrs, attr{name: k, t: done(v)})
		}
		sort.Slice(out.attrs, func(i, j int) bool { return out.attrs[i].name < out.attrs[j].name })
		return out, nil
	case []map[string]any:
		return tomlList(x)
	case []any:
		return tomlList(x)
	case string:
		return &strV{s: x}, nil
	case int64:
		return x, nil
	case float64:
		if math.IsNaN(x) {
			return math.NaN(), nil
		}
		return x, nil
	case bool:
		return x, nil
	case time.Time:
		return nil, fmt.Errorf("Dates and times are not supported")
	}
	return nil, fmt.Errorf("unsupported TOML value %T", x)
}

// tomlList converts an array of tables or of values alike.
func tomlList[T any](xs []T) (value, error) {
	items := make([]*thunk, len(xs))
	for i, e := range xs {
		v, err := tomlValue(e)
		if err != nil {
			return nil, err
		}
		items[i] = done(v)
	}
	return &listV{items: items}, nil
}

// forceHash forces a hash algorithm name (hashString, hashFile) and
// returns a new hash of it.
func (ev *evaluator) forceHash(t *thunk, pos int) (hash.Hash, error) {
	algo, err := ev.forceStr(t, pos)
	if err != nil {
		return nil, err
	}
	h := newHash(algo.s)
	if h == nil {
		return nil, ev.errorf(pos, "unknown hash algorithm '%s'", algo.s)
	}
	return h, nil
}
