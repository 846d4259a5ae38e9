package secretsnix

import (
	"sort"
	"strconv"
	"strings"
)

func addXML(add addFn) {
	add("toXML", 1, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		v, err := ev.force(a[0], pos)
		if err != nil {
			return nil, err
		}
		x := &xmlWriter{}
		x.b.WriteString("<?xml version='1.0' encoding='utf-8'?>\n")
		x.open("expr", nil)
		if err := ev.toXML(x, v, pos); err != nil {
			return nil, err
		}
		x.close("expr")
		return &strV{s: x.b.String()}, nil
	})
}

// xmlWriter writes XML as Nix's XMLWriter does: two spaces an element
// level, attributes sorted by name, empty elements as <e />.
type xmlWriter struct {
	b     strings.Builder
	depth int
}

func (x *xmlWriter) tag(name string, attrs [][2]string, end string) {
	x.b.WriteString(strings.Repeat("  ", x.depth))
	x.b.WriteString("<" + name)
	sort.Slice(attrs, func(i, j int) bool { return attrs[i][0] < attrs[j][0] })
	for _, at := range attrs {
		x.b.WriteString(" " + at[0] + `="`)
		for i := 0; i < len(at[1]); i++ {
			switch c := at[1][i]; c {
			case '"':
				x.b.WriteString("&quot;")
			case '<':
				x.b.WriteString("&lt;")
			case '>':
				x.b.WriteString("&gt;")
			case '&':
				x.b.WriteString("&amp;")
			case '\n':
				x.b.WriteString("&#xA;")
			default:
				x.b.WriteByte(c)
			}
		}
		x.b.WriteByte('"')
	}
	x.b.WriteString(end + "\n")
}

func (x *xmlWriter) empty(name string, attrs ...[2]string) { x.tag(name, attrs, " />") }

func (x *xmlWriter) open(name string, attrs [][2]string) {
	x.tag(name, attrs, ">")
	x.depth++
}

func (x *xmlWriter) close(name string) {
	x.depth--
	x.b.WriteString(strings.Repeat("  ", x.depth) + "</" + name + ">\n")
}

const maxXMLDepth = 1000

// toXML is Nix's printValueAsXML with strict on and locations off.
func (ev *evaluator) toXML(x *xmlWriter, v value, pos int) error {
	if err := ev.step(1); err != nil {
		return err
	}
	// Indentation makes the output quadratic in the depth; a value nested
	// this deep is a cycle in practice (Nix itself would overflow its stack).
	if x.depth > maxXMLDepth {
		return ev.errorf(pos, "stack overflow (possible infinite recursion)")
	}
	switch v := v.(type) {
	case int64:
		x.empty("int", [2]string{"value", strconv.FormatInt(v, 10)})
	case bool:
		x.empty("bool", [2]string{"value", strconv.FormatBool(v)})
	case *strV:
		x.empty("string", [2]string{"value", v.s})
	case pathV:
		x.empty("path", [2]string{"value", string(v)})
	case nullV:
		x.empty("null")
	case float64:
		x.empty("float", [2]string{"value", strconv.FormatFloat(v, 'g', 6, 64)})
	case *attrsV:
		if isDerivation(v) {
			// Nix prints its drvPath and outPath, which need a store.
			return ev.unsupported(pos, "builtins.toXML of a derivation")
		}
		x.open("attrs", nil)
		for _, at := range v.attrs {
			av, err := ev.force(at.t, pos)
			if err != nil {
				return err
			}
			x.open("attr", [][2]string{{"name", at.name}})
			if err := ev.toXML(x, av, pos); err != nil {
				return err
			}
			x.close("attr")
		}
		x.close("attrs")
	case *listV:
		x.open("list", nil)
		for _, t := range v.items {
			iv, err := ev.force(t, pos)
			if err != nil {
				return err
			}
			if err := ev.toXML(x, iv, pos); err != nil {
				return err
			}
		}
		x.close("list")
	case *lambdaV:
		x.open("function", nil)
		l := v.fn
		if l.Formals != nil {
			var attrs [][2]string
			if l.Param != "" {
				attrs = append(attrs, [2]string{"name", l.Param})
			}
			if l.Formals.Ellipsis {
				attrs = append(attrs, [2]string{"ellipsis", "1"})
			}
			x.open("attrspat", attrs)
			names := make([]string, len(l.Formals.Items))
			for i, f := range l.Formals.Items {
				names[i] = f.Name
			}
			sort.Strings(names)
			for _, n := range names {
				x.empty("attr", [2]string{"name", n})
			}
			x.close("attrspat")
		} else {
			x.empty("varpat", [2]string{"name", l.Param})
		}
		x.close("function")
	default:
		// Primops and their partial applications, as Nix 2.8 prints them.
		x.empty("unevaluated")
	}
	return nil
}
