package secretsnix

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestWriteJSONMatchesEncodingJSON(t *testing.T) {
	cases := []any{
		nil, true, false, int64(0), int64(-9223372036854775808), 1.5, 1e-05, 0.333333,
		"", "plain", "quote\" back\\slash", "ctl\x00\x01\x1f\n\r\t", "é✓ ünïcode", "bad\xffutf8", "<&>",
		[]any{}, []any{int64(1), "a", nil, []any{true}},
		map[string]any{}, map[string]any{"b": int64(1), "a": map[string]any{"z": []any{"x"}, "": nil}},
	}
	for _, c := range cases {
		var got bytes.Buffer
		if err := WriteJSON(&got, c); err != nil {
			t.Fatalf("%#v: %v", c, err)
		}
		var back any
		if err := json.Unmarshal(got.Bytes(), &back); err != nil {
			t.Fatalf("%#v: invalid JSON %q: %v", c, got.String(), err)
		}
		want, _ := json.Marshal(c)
		var wantBack any
		json.Unmarshal(want, &wantBack)
		if !reflect.DeepEqual(back, wantBack) {
			t.Errorf("%#v: wrote %s, encoding/json %s", c, got.String(), want)
		}
	}
}

func TestWriteJSONRefusesWhatJSONCannotHold(t *testing.T) {
	for _, v := range []any{math.Inf(1), math.NaN(), func() {}, []any{struct{}{}}} {
		if err := WriteJSON(&bytes.Buffer{}, v); err == nil {
			t.Errorf("%T: no error", v)
		}
	}
}

// TestEvalFileJSONMatches checks the streaming path against EvalFile and
// WriteJSON: the same bytes, or the same error, for the evaluation table,
// the corpus and the rules files.
func TestEvalFileJSONMatches(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i, c := range evalCases {
		p := filepath.Join(dir, fmt.Sprintf("e%d.nix", i))
		if err := os.WriteFile(p, []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	for _, pat := range []string{"testdata/corpus/*/*.nix", "testdata/rules/*/*.nix"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("only %d files", len(files))
	}
	for _, p := range files {
		var want bytes.Buffer
		v, werr := EvalFile(p, Options{})
		if werr == nil {
			werr = WriteJSON(&want, v)
		}
		var got bytes.Buffer
		gerr := EvalFileJSON(p, Options{}, &got)
		if fmt.Sprint(gerr) != fmt.Sprint(werr) || reflect.TypeOf(gerr) != reflect.TypeOf(werr) {
			t.Errorf("%s: error %v, want %v", p, gerr, werr)
			continue
		}
		if werr != nil {
			if got.Len() != 0 {
				t.Errorf("%s: wrote %q despite the error", p, got.String())
			}
			continue
		}
		if got.String() != want.String() {
			t.Errorf("%s:\n got  %s\n want %s", p, got.String(), want.String())
		}
	}
}
