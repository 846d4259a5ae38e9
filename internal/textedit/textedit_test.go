package textedit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestApply(t *testing.T) {
	tests := []struct {
		name, src string
		edits     []Edit
		want      string
		err       string
	}{
		{"none", "abc", nil, "abc", ""},
		{"insert", "abc", []Edit{{1, 1, "X"}}, "aXbc", ""},
		{"replace and delete, unsorted", "abcdef", []Edit{{4, 6, ""}, {0, 1, "AA"}}, "AAbcd", ""},
		{"two inserts at one offset keep their order", "ab", []Edit{{1, 1, "1"}, {1, 1, "2"}}, "a12b", ""},
		{"adjacent", "abc", []Edit{{0, 1, "x"}, {1, 2, "y"}}, "xyc", ""},
		{"at the end", "ab", []Edit{{2, 2, "\n"}}, "ab\n", ""},
		{"overlap", "abcdef", []Edit{{0, 3, ""}, {2, 4, ""}}, "", "overlap"},
		{"insert inside a replacement", "abcdef", []Edit{{0, 3, ""}, {1, 1, "x"}}, "", "overlap"},
		{"past the end", "ab", []Edit{{1, 3, ""}}, "", "out of range"},
		{"negative", "ab", []Edit{{-1, 0, ""}}, "", "out of range"},
		{"reversed", "ab", []Edit{{2, 1, ""}}, "", "out of range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			got, err := Apply(src, tc.edits)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			if string(src) != tc.src {
				t.Fatalf("src modified: %q", src)
			}
			if err := Check(src, got, tc.edits); err != nil {
				t.Fatalf("Check of Apply's own output: %v", err)
			}
		})
	}
}

func TestCheckCatches(t *testing.T) {
	old := []byte("let\n  a = 1;\nin a\n")
	edits := []Edit{{12, 12, "\n  b = 2;"}}
	good, err := Apply(old, edits)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, edited, err string }{
		{"a byte before the edit", strings.Replace(string(good), "a = 1", "a = 3", 1), "changed outside"},
		{"a byte after the edit", strings.Replace(string(good), "in a", "in b", 1), "changed outside"},
		{"the new text differs", strings.Replace(string(good), "b = 2", "b = 5", 1), "does not hold"},
		{"appended", string(good) + "x", "added at the end"},
		{"truncated", string(good[:len(good)-1]), "changed outside"},
		{"the edit missing", string(old), "does not hold"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Check(old, []byte(tc.edited), edits)
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("err %v, want %q", err, tc.err)
			}
		})
	}
}

func TestUnified(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new []byte
	}{
		{"modified", []byte("let\n  a = 1;\nin {\n  x = [ a ];\n}\n"), []byte("let\n  a = 1;\n  b = 2;\nin {\n  x = [ a b ];\n}\n")},
		{"created", nil, []byte("ssh-ed25519 AAAA\n")},
		{"deleted", []byte("ssh-ed25519 AAAA\n"), nil},
		{"crlf", []byte("a\r\nb\r\n"), []byte("a\r\nb\r\nc\r\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Unified("secrets.nix", tc.old, tc.new)
			golden := filepath.Join("testdata", tc.name+".diff")
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Fatalf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
	if d := Unified("x", []byte("same"), []byte("same")); d != "" {
		t.Fatalf("equal contents: %q", d)
	}
}

// FuzzApplyCheck: any edits Apply accepts pass Check, and flipping any one
// byte of the output that lies outside the splices fails it.
func FuzzApplyCheck(f *testing.F) {
	f.Add([]byte("let a = 1; in a"), uint16(4), uint16(4), "b = 2; ", uint16(10), uint16(11), "", uint16(3))
	f.Add([]byte("x"), uint16(0), uint16(1), "y", uint16(1), uint16(1), "z", uint16(0))
	f.Fuzz(func(t *testing.T, src []byte, o1, e1 uint16, n1 string, o2, e2 uint16, n2 string, flip uint16) {
		edits := []Edit{{int(o1), int(e1), n1}, {int(o2), int(e2), n2}}
		out, err := Apply(src, edits)
		if err != nil {
			return
		}
		if err := Check(src, out, edits); err != nil {
			t.Fatalf("Check rejects Apply's output: %v", err)
		}
		if len(out) == 0 {
			return
		}
		// Find which output bytes come from src (outside the splices).
		es, _ := sorted(len(src), edits)
		var kept []int
		o, n := 0, 0
		for _, e := range es {
			for ; o < e.Off; o, n = o+1, n+1 {
				kept = append(kept, n)
			}
			o, n = e.End, n+len(e.New)
		}
		for ; o < len(src); o, n = o+1, n+1 {
			kept = append(kept, n)
		}
		if len(kept) == 0 {
			return
		}
		bad := append([]byte(nil), out...)
		bad[kept[int(flip)%len(kept)]] ^= 0x20
		if err := Check(src, bad, edits); err == nil {
			t.Fatalf("Check accepts a changed byte outside the edits")
		}
	})
}
