package secretsnix

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// deepForce forces v and everything inside it, as --strict does before
// printing; seen keeps shared structure from being walked twice.
func (ev *evaluator) deepForce(v value, pos int, seen map[any]bool, depth int) error {
	if depth > maxEvalDepth {
		return ev.errorf(pos, "stack overflow (possible infinite recursion)")
	}
	switch x := v.(type) {
	case *listV:
		if seen[x] {
			return nil
		}
		seen[x] = true
		for _, t := range x.items {
			ev.steps++
			iv, err := ev.force(t, pos)
			if err != nil {
				return err
			}
			if err := ev.deepForce(iv, pos, seen, depth+1); err != nil {
				return err
			}
		}
	case *attrsV:
		if seen[x] {
			return nil
		}
		seen[x] = true
		for _, a := range x.attrs {
			p := a.pos
			if p == 0 {
				p = pos
			}
			if err := ev.step(1); err != nil {
				return err
			}
			iv, err := ev.force(a.t, p)
			if err != nil {
				return err
			}
			if err := ev.deepForce(iv, p, seen, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// nixFloat rounds f the way Nix prints floats (six significant digits).
func nixFloat(f float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 6, 64), 64)
	if err != nil {
		return f
	}
	return r
}

// toJSONValue converts a deeply forced value to the JSON-shaped result.
func (ev *evaluator) toJSONValue(v value, pos, depth int) (any, error) {
	if depth > maxEvalDepth {
		return nil, ev.errorf(pos, "stack overflow (possible infinite recursion)")
	}
	if err := ev.step(1); err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case nullV:
		return nil, nil
	case bool, int64:
		return x, nil
	case float64:
		return nixFloat(x), nil
	case *strV:
		return x.s, nil
	case pathV:
		// Nix would copy the file to the store and print the store path.
		return string(x), nil
	case *listV:
		out := make([]any, len(x.items))
		for i, t := range x.items {
			iv, err := ev.force(t, pos)
			if err != nil {
				return nil, err
			}
			if out[i], err = ev.toJSONValue(iv, pos, depth+1); err != nil {
				return nil, err
			}
		}
		return out, nil
	case *attrsV:
		if _, ok := x.get("__toString"); ok {
			s, err := ev.coerceToString(x, pos, false, false)
			if err != nil {
				return nil, err
			}
			return s, nil
		}
		if a, ok := x.get("outPath"); ok {
			ov, err := ev.force(a.t, pos)
			if err != nil {
				return nil, err
			}
			return ev.toJSONValue(ov, pos, depth+1)
		}
		out := make(map[string]any, len(x.attrs))
		for _, a := range x.attrs {
			p := a.pos
			if p == 0 {
				p = pos
			}
			iv, err := ev.force(a.t, p)
			if err != nil {
				return nil, err
			}
			if out[a.name], err = ev.toJSONValue(iv, p, depth+1); err != nil {
				return nil, err
			}
		}
		return out, nil
	case *lambdaV:
		return nil, ev.errorf(x.fn.Pos, "cannot convert a function to JSON")
	case *primopV:
		return nil, ev.errorf(pos, "cannot convert the built-in function '%s' to JSON", x.op.name)
	}
	return nil, ev.errorf(pos, "cannot convert %s to JSON", typeName(v))
}

// writeJSON is builtins.toJSON.
func (ev *evaluator) writeJSON(b *strings.Builder, v value, pos, depth int) error {
	if depth > maxEvalDepth {
		return ev.errorf(pos, "stack overflow (possible infinite recursion)")
	}
	if err := ev.step(1); err != nil {
		return err
	}
	switch x := v.(type) {
	case nullV:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		b.WriteString(strconv.FormatFloat(x, 'g', 6, 64))
	case *strV:
		writeJSONString(b, x.s)
	case pathV:
		return ev.unsupported(pos, "copying the path '"+string(x)+"' to the Nix store (toJSON of a path)")
	case *listV:
		b.WriteByte('[')
		for i, t := range x.items {
			if i > 0 {
				b.WriteByte(',')
			}
			iv, err := ev.force(t, pos)
			if err != nil {
				return err
			}
			if err := ev.writeJSON(b, iv, pos, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case *attrsV:
		if _, ok := x.get("__toString"); ok {
			s, err := ev.coerceToString(x, pos, false, false)
			if err != nil {
				return err
			}
			writeJSONString(b, s)
			return nil
		}
		if a, ok := x.get("outPath"); ok {
			ov, err := ev.force(a.t, pos)
			if err != nil {
				return err
			}
			return ev.writeJSON(b, ov, pos, depth+1)
		}
		b.WriteByte('{')
		for i, a := range x.attrs {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, a.name)
			b.WriteByte(':')
			iv, err := ev.force(a.t, pos)
			if err != nil {
				return err
			}
			if err := ev.writeJSON(b, iv, pos, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case *lambdaV:
		return ev.errorf(x.fn.Pos, "cannot convert a function to JSON")
	case *primopV:
		return ev.errorf(pos, "cannot convert the built-in function '%s' to JSON", x.op.name)
	}
	return nil
}

// jsonWriter is what both builtins.toJSON (a strings.Builder) and
// WriteJSON (a bufio.Writer) write to.
type jsonWriter interface {
	io.ByteWriter
	io.StringWriter
}

// writeJSONString escapes like Nix: ", \, \n, \r, \t, \b, \f and other
// control characters as \u00XX; other bytes verbatim.
func writeJSONString(b jsonWriter, s string) {
	b.WriteByte('"')
	// Runs of bytes that need no escape go out in one call: per-byte calls
	// through the interface made this the cost of printing a large file.
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b.WriteString(s[start:i])
		start = i + 1
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[c>>4])
			b.WriteByte("0123456789abcdef"[c&15])
		}
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

func (ev *evaluator) fromJSON(s string, pos int) (value, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return nil, ev.errorf(pos, "invalid JSON: %v", err)
	}
	if dec.More() {
		return nil, ev.errorf(pos, "invalid JSON: trailing data")
	}
	return ev.fromGo(x, pos)
}

func (ev *evaluator) fromGo(x any, pos int) (value, error) {
	switch x := x.(type) {
	case nil:
		return nullV{}, nil
	case bool:
		return x, nil
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return i, nil
		}
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil {
			return nil, ev.errorf(pos, "invalid JSON number %s", x)
		}
		return f, nil
	case string:
		return &strV{s: x}, nil
	case []any:
		items := make([]*thunk, len(x))
		for i, e := range x {
			v, err := ev.fromGo(e, pos)
			if err != nil {
				return nil, err
			}
			items[i] = done(v)
		}
		return &listV{items: items}, nil
	case map[string]any:
		out := make([]attr, 0, len(x))
		for k, e := range x {
			v, err := ev.fromGo(e, pos)
			if err != nil {
				return nil, err
			}
			out = append(out, attr{name: k, t: done(v)})
		}
		sortAttrs(out)
		return &attrsV{attrs: out}, nil
	}
	return nil, ev.errorf(pos, "invalid JSON")
}
