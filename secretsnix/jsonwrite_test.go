package secretsnix

import (
	"bytes"
	"encoding/json"
	"math"
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
