package secretsnix

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
)

// WriteJSON writes a value returned by EvalFile as compact JSON followed by
// a newline. It does the job of encoding/json for the few shapes EvalFile
// returns, without reflection: on a 10,000-secret rules file that is most
// of the cost of `nfrekey rules --json`.
func WriteJSON(w io.Writer, v any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := writeJSONValue(bw, v); err != nil {
		return err
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

func writeJSONValue(w *bufio.Writer, v any) error {
	switch x := v.(type) {
	case nil:
		w.WriteString("null")
	case bool:
		w.WriteString(strconv.FormatBool(x))
	case int64:
		w.WriteString(strconv.FormatInt(x, 10))
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return fmt.Errorf("cannot write %v as JSON", x)
		}
		w.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case string:
		writeJSONString(w, x)
	case []any:
		w.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.WriteByte(',')
			}
			if err := writeJSONValue(w, e); err != nil {
				return err
			}
		}
		w.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		w.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				w.WriteByte(',')
			}
			writeJSONString(w, k)
			w.WriteByte(':')
			if err := writeJSONValue(w, x[k]); err != nil {
				return err
			}
		}
		w.WriteByte('}')
	default:
		return fmt.Errorf("cannot write %T as JSON", v)
	}
	return nil
}

// EvalFileJSON evaluates path as EvalFile does and writes the result as
// WriteJSON would, byte for byte, with the same errors. It writes straight
// from the evaluator's attribute sets, which are sorted already, instead
// of building a map[string]any per set and sorting its keys again: on a
// 10,000-secret rules file the maps and boxed strings were the larger part
// of `nfrekey rules --json`.
//
// It walks the value twice: once writing nothing, which forces everything
// and finds any error, then once writing, when nothing is left to fail. So
// an error leaves w untouched, as it did when EvalFile failed before
// WriteJSON ran, without holding the output (10 MB for that file, of keys
// repeated per secret) in memory.
func EvalFileJSON(path string, opts Options, w io.Writer) error {
	if opts.UseNix {
		v, err := nixEval(path)
		if err != nil {
			return err
		}
		return WriteJSON(w, v)
	}
	ev, v, err := evalRoot(path, opts, evalOptions{})
	if err != nil {
		return err
	}
	if err := ev.streamJSON(nil, v, 0, 0); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := ev.streamJSON(&jsonStream{w: bw}, v, 0, 0); err != nil {
		return err
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

// jsonStream is where streamJSON writes; nil for the checking walk.
type jsonStream struct {
	w *bufio.Writer
	// clean remembers strings found to need no escaping. A list of keys
	// repeats the same few string values (the same *strV, shared through
	// the variable's thunk) over thousands of secrets, and comparing a
	// pointer is cheaper than scanning a hundred-byte key again.
	clean [16]*strV
	next  int
}

func (js *jsonStream) str(x *strV) {
	clean := false
	for _, c := range js.clean {
		if c == x {
			clean = true
			break
		}
	}
	if !clean && !needsEscape(x.s) {
		clean = true
		js.clean[js.next] = x
		js.next = (js.next + 1) % len(js.clean)
	}
	if !clean {
		writeJSONString(js.w, x.s)
		return
	}
	js.w.WriteByte('"')
	js.w.WriteString(x.s)
	js.w.WriteByte('"')
}

// needsEscape reports whether writeJSONString would escape a byte of s.
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			return true
		}
	}
	return false
}

// streamJSON is toJSONValue followed by writeJSONValue in one pass: the
// same values forced in the same order with the same positions, steps and
// errors; it writes what writeJSONValue writes for what toJSONValue
// returns. With js nil it writes nothing: the checking walk.
func (ev *evaluator) streamJSON(js *jsonStream, v value, pos, depth int) error {
	if depth > maxEvalDepth {
		return ev.errorf(pos, "stack overflow (possible infinite recursion)")
	}
	if err := ev.step(1); err != nil {
		return err
	}
	switch x := v.(type) {
	case nullV:
		if js != nil {
			js.w.WriteString("null")
		}
	case bool:
		if js != nil {
			js.w.WriteString(strconv.FormatBool(x))
		}
	case int64:
		if js != nil {
			js.w.WriteString(strconv.FormatInt(x, 10))
		}
	case float64:
		f := nixFloat(x)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return fmt.Errorf("cannot write %v as JSON", f)
		}
		if js != nil {
			js.w.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
		}
	case *strV:
		if js != nil {
			js.str(x)
		}
	case pathV:
		if js != nil {
			writeJSONString(js.w, string(x))
		}
	case *listV:
		if js != nil {
			js.w.WriteByte('[')
		}
		for i, t := range x.items {
			if i > 0 && js != nil {
				js.w.WriteByte(',')
			}
			iv, err := ev.force(t, pos)
			if err != nil {
				return err
			}
			if err := ev.streamJSON(js, iv, pos, depth+1); err != nil {
				return err
			}
		}
		if js != nil {
			js.w.WriteByte(']')
		}
	case *attrsV:
		if _, ok := x.get("__toString"); ok {
			s, err := ev.coerceToString(x, pos, false, false)
			if err != nil {
				return err
			}
			if js != nil {
				writeJSONString(js.w, s)
			}
			return nil
		}
		if a, ok := x.get("outPath"); ok {
			ov, err := ev.force(a.t, pos)
			if err != nil {
				return err
			}
			return ev.streamJSON(js, ov, pos, depth+1)
		}
		// x.attrs is sorted by name and has no duplicates: the order
		// WriteJSON's sort.Strings gives the keys of the map.
		if js != nil {
			js.w.WriteByte('{')
		}
		for i, a := range x.attrs {
			if js != nil {
				if i > 0 {
					js.w.WriteByte(',')
				}
				writeJSONString(js.w, a.name)
				js.w.WriteByte(':')
			}
			p := a.pos
			if p == 0 {
				p = pos
			}
			iv, err := ev.force(a.t, p)
			if err != nil {
				return err
			}
			if err := ev.streamJSON(js, iv, p, depth+1); err != nil {
				return err
			}
		}
		if js != nil {
			js.w.WriteByte('}')
		}
	case *lambdaV:
		return ev.errorf(x.fn.Pos, "cannot convert a function to JSON")
	case *primopV:
		return ev.errorf(pos, "cannot convert the built-in function '%s' to JSON", x.op.name)
	default:
		return ev.errorf(pos, "cannot convert %s to JSON", typeName(v))
	}
	return nil
}
