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
