package secretsnix

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestOverlay(t *testing.T) {
	tests := []struct {
		name    string
		disk    map[string]string
		overlay map[string]string // relative to the tree
		want    any
	}{
		{
			name:    "replaces the rules file",
			disk:    map[string]string{"secrets.nix": `{ a = 1; }`},
			overlay: map[string]string{"secrets.nix": `{ a = 2; }`},
			want:    map[string]any{"a": int64(2)},
		},
		{
			name:    "creates an imported file",
			disk:    map[string]string{"secrets.nix": `import ./keys.nix`},
			overlay: map[string]string{"keys.nix": `{ web = "k"; }`},
			want:    map[string]any{"web": "k"},
		},
		{
			name:    "replaces an imported file",
			disk:    map[string]string{"secrets.nix": `import ./keys.nix`, "keys.nix": `1`},
			overlay: map[string]string{"keys.nix": `2`},
			want:    int64(2),
		},
		{
			name:    "readFile of a created file",
			disk:    map[string]string{"secrets.nix": `builtins.readFile ./host-keys/web3.pub`, "host-keys/web1.pub": "x\n"},
			overlay: map[string]string{"host-keys/web3.pub": "ssh-ed25519 AAAA\n"},
			want:    "ssh-ed25519 AAAA\n",
		},
		{
			name:    "pathExists sees a created file",
			disk:    map[string]string{"secrets.nix": `builtins.pathExists ./new.pub`},
			overlay: map[string]string{"new.pub": "k"},
			want:    true,
		},
		{
			name:    "a deleted file",
			disk:    map[string]string{"secrets.nix": `builtins.pathExists ./old.pub`, "old.pub": "k"},
			overlay: map[string]string{"old.pub": "\x00deleted"},
			want:    false,
		},
		{
			name:    "a created file in a directory that does not exist",
			disk:    map[string]string{"secrets.nix": `import ./sub/k.nix`},
			overlay: map[string]string{"sub/k.nix": `"s"`},
			want:    "s",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeTree(t, tc.disk)
			ov := map[string][]byte{}
			for k, v := range tc.overlay {
				ov[filepath.Join(dir, k)] = []byte(v)
				if v == "\x00deleted" {
					ov[filepath.Join(dir, k)] = nil
				}
			}
			got, err := EvalFile(filepath.Join(dir, "secrets.nix"), Options{Overlay: ov})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %#v, want %#v", got, tc.want)
			}
			// The disk is never written.
			for k := range tc.overlay {
				if data, err := os.ReadFile(filepath.Join(dir, k)); err == nil && string(data) == tc.overlay[k] || err != nil && tc.disk[k] != "" {
					t.Fatalf("%s written to disk", k)
				}
			}
		})
	}
}

func TestOverlayReadDir(t *testing.T) {
	dir := writeTree(t, map[string]string{"keys/a.pub": "a", "keys/sub/x": ""})
	fs := newFiles(map[string][]byte{filepath.Join(dir, "keys/b.pub"): []byte("b")})
	types, names, err := fs.readDir(filepath.Join(dir, "keys"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.pub", "b.pub", "sub"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("names %v, want %v", names, want)
	}
	if types["b.pub"] != "regular" || types["sub"] != "directory" {
		t.Fatalf("types %v", types)
	}
	// The evaluator's hook (builtins.readDir's) sees the same listing.
	ev := newEvaluator(dir, 0)
	ev.fs = fs
	if _, n2, err := ev.readDirEntries(filepath.Join(dir, "keys")); err != nil || !reflect.DeepEqual(n2, names) {
		t.Fatalf("readDirEntries: %v %v", n2, err)
	}
	// A deleted file is gone from the listing.
	gone := newFiles(map[string][]byte{filepath.Join(dir, "keys/a.pub"): nil})
	if _, n3, _ := gone.readDir(filepath.Join(dir, "keys")); !reflect.DeepEqual(n3, []string{"sub"}) {
		t.Fatalf("deleted file listed: %v", n3)
	}
	// A directory that exists only through the overlay.
	fs = newFiles(map[string][]byte{filepath.Join(dir, "new/c.pub"): []byte("c")})
	if _, names, err := fs.readDir(filepath.Join(dir, "new")); err != nil || !reflect.DeepEqual(names, []string{"c.pub"}) {
		t.Fatalf("overlay-only dir: %v %v", names, err)
	}
}

// TestInputSafety: a rules file, import or readFile that is not a small
// regular file is one clear error, never a hang or an unbounded read.
func TestInputSafety(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.nix")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	big := filepath.Join(dir, "big.nix")
	if err := os.WriteFile(big, []byte(`"`+strings.Repeat("a", MaxInputFile)+`"`), 0o644); err != nil {
		t.Fatal(err)
	}
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, file, want string
		opts             Options
	}{
		{"fifo rules", fifo, "fifo.nix:1:1: not a regular file", Options{}},
		{"device rules", "/dev/zero", "/dev/zero:1:1: not a regular file", Options{Root: "/"}},
		{"big rules", big, "big.nix:1:1: too large", Options{}},
		{"import fifo", write("imp.nix", `import ./fifo.nix`), "not a regular file", Options{}},
		{"readFile fifo", write("rf.nix", `builtins.readFile ./fifo.nix`), "not a regular file", Options{}},
		{"readFile big", write("rfb.nix", `builtins.readFile ./big.nix`), "larger than", Options{}},
		{"nix fifo", fifo, "not a regular file", Options{UseNix: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := EvalFile(tc.file, tc.opts)
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestOverlaySymlinkedDir: an overlay entry named through a symlinked
// directory replaces the file the evaluator reads by its real name.
func TestOverlaySymlinkedDir(t *testing.T) {
	dir := writeTree(t, map[string]string{"real/k.nix": `1`, "secrets.nix": `import ./real/k.nix`})
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link")); err != nil {
		t.Skip(err)
	}
	got, err := EvalFile(filepath.Join(dir, "secrets.nix"), Options{Overlay: map[string][]byte{filepath.Join(dir, "link/k.nix"): []byte(`2`)}})
	if err != nil || got != int64(2) {
		t.Fatalf("got %v, %v; want 2", got, err)
	}
}
