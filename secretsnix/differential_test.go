package secretsnix_test

// Differential tests: the native evaluator against the real
// `nix-instantiate --eval --strict --json` (Nix 2.8.0, the oracle).
//
// The corpus lives in testdata/corpus:
//
//	valid/NAME.nix             a case; valid/NAME.json is nix's stdout for it
//	valid/NAME/secrets.nix     a case with helper files (keys.nix, *.pub, ...);
//	                           valid/NAME/secrets.json is the golden
//	broken/NAME.nix            a file nix rejects; broken/NAME.err records where
//	broken/NAME/secrets.nix    (and in which file) nix reports the error
//
// The goldens are regenerated with
//
//	go test ./secretsnix/ -run Differential -update-oracle
//
// which needs nix-instantiate on PATH. Without -update-oracle every case is
// checked twice: the native evaluator against the golden (always), and, when
// nix-instantiate is installed, nix itself against the golden (catches a
// stale golden). With NFREKEY_REQUIRE_PEERS=1 a missing nix-instantiate is a
// failure instead of a skip.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nfrekey/nfrekey/secretsnix"
)

var updateOracle = flag.Bool("update-oracle", false, "regenerate testdata/corpus goldens by running nix-instantiate")

const (
	corpusDir = "testdata/corpus"

	// The oracle the goldens were recorded with.
	oracleVersion = "2.8.0"

	minValidCases  = 45
	minBrokenCases = 25
)

// corpusCase is one file of the corpus.
type corpusCase struct {
	Name   string // subtest name: the file name without .nix, or the directory name
	Dir    string // absolute; paths in nix's messages are made relative to it
	File   string // absolute path of the evaluated file
	Golden string // absolute path of the golden (.json or .err next to File)
}

// listCases returns the cases of testdata/corpus/<kind>, sorted by name.
func listCases(t *testing.T, kind, goldenExt string) []corpusCase {
	t.Helper()
	root, err := filepath.Abs(filepath.Join(corpusDir, kind))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatalf("reading corpus: %v", err)
	}
	var cases []corpusCase
	for _, e := range entries {
		var c corpusCase
		switch {
		case e.IsDir():
			file := filepath.Join(root, e.Name(), "secrets.nix")
			if _, err := os.Stat(file); err != nil {
				t.Fatalf("corpus directory %s/%s has no secrets.nix", kind, e.Name())
			}
			c = corpusCase{Name: e.Name(), Dir: filepath.Join(root, e.Name()), File: file}
		case strings.HasSuffix(e.Name(), ".nix"):
			c = corpusCase{Name: strings.TrimSuffix(e.Name(), ".nix"), Dir: root, File: filepath.Join(root, e.Name())}
		default:
			continue // goldens
		}
		c.Golden = strings.TrimSuffix(c.File, ".nix") + goldenExt
		cases = append(cases, c)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].Name < cases[j].Name })
	return cases
}

// requirePeer returns the path of the external program name, or skips the
// test when it is not installed (fails instead with NFREKEY_REQUIRE_PEERS=1).
func requirePeer(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("NFREKEY_REQUIRE_PEERS") == "1" {
		t.Fatalf("%s is not on PATH and NFREKEY_REQUIRE_PEERS=1: %v", name, err)
	}
	t.Skipf("%s is not on PATH; skipping the live comparison (the goldens are still checked; set NFREKEY_REQUIRE_PEERS=1 to make this a failure)", name)
	return ""
}

// oracle returns the nix-instantiate to compare with; see requirePeer.
// Regenerating the goldens without it is an error, not a skip.
func oracle(t *testing.T) string {
	t.Helper()
	if *updateOracle {
		path, err := exec.LookPath("nix-instantiate")
		if err != nil {
			t.Fatalf("-update-oracle needs nix-instantiate %s on PATH: %v", oracleVersion, err)
		}
		return path
	}
	return requirePeer(t, "nix-instantiate")
}

// nixEnv is the environment nix-instantiate runs in: nothing from the
// caller's Nix setup (no NIX_PATH, no user or system nix.conf, no daemon),
// all state in a private temporary directory, so that it works the same as
// root in CI, as an unprivileged user, and on a developer machine.
var nixEnv struct {
	once sync.Once
	env  []string
	dir  string
	err  error
}

func nixEnviron() ([]string, error) {
	nixEnv.once.Do(func() {
		dir, err := os.MkdirTemp("", "nfrekey-nix-oracle-")
		if err != nil {
			nixEnv.err = err
			return
		}
		// Shared by the tests running in parallel; TestMain removes it.
		nixEnv.dir = dir
		sub := func(name string) string {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(p, 0o755); err != nil && nixEnv.err == nil {
				nixEnv.err = err
			}
			return p
		}
		nixEnv.env = []string{
			"PATH=" + os.Getenv("PATH"),
			"HOME=" + sub("home"),
			"XDG_CACHE_HOME=" + sub("cache"),
			"XDG_CONFIG_HOME=" + sub("config"),
			"XDG_DATA_HOME=" + sub("data"),
			"XDG_STATE_HOME=" + sub("state"),
			"XDG_CONFIG_DIRS=" + sub("config-dirs"),
			"NIX_CONF_DIR=" + sub("etc-nix"), // an empty dir: built-in defaults
			"NIX_STATE_DIR=" + sub("nix-state"),
			"NIX_LOG_DIR=" + sub("nix-log"),
			"NIX_PATH=",
			"TMPDIR=" + sub("tmp"),
			"LC_ALL=C",
		}
	})
	return nixEnv.env, nixEnv.err
}

// runNix evaluates file with the oracle. `--store dummy://` means no store
// and no daemon are needed: evaluation never writes to the store as long as
// no path value is coerced to a string (the corpus avoids that).
func runNix(t *testing.T, nix, file string) (stdout, stderr string, exitErr error) {
	t.Helper()
	env, err := nixEnviron()
	if err != nil {
		t.Fatalf("preparing nix environment: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nix, "--eval", "--strict", "--json", "--store", "dummy://", file)
	cmd.Env = env
	cmd.Dir = filepath.Dir(file)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("nix-instantiate timed out on %s", file)
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("running nix-instantiate: %v", err)
	}
	return out.String(), errb.String(), err
}

var nixVersion struct {
	once sync.Once
	v    string
}

// liveNixVersion is the version of the nix-instantiate on PATH, e.g. "2.8.0".
func liveNixVersion(nix string) string {
	nixVersion.once.Do(func() {
		env, _ := nixEnviron()
		cmd := exec.Command(nix, "--version")
		cmd.Env = env
		out, err := cmd.Output()
		if err != nil {
			nixVersion.v = "unknown"
			return
		}
		f := strings.Fields(string(out)) // nix-instantiate (Nix) 2.8.0
		nixVersion.v = f[len(f)-1]
	})
	return nixVersion.v
}

// ---------------------------------------------------------------------------
// Valid files

func TestDifferentialValid(t *testing.T) {
	cases := listCases(t, "valid", ".json")
	if len(cases) < minValidCases {
		t.Errorf("corpus has %d valid cases, want at least %d", len(cases), minValidCases)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			t.Run("oracle", func(t *testing.T) { checkValidOracle(t, c) })
			if *updateOracle {
				return
			}
			t.Run("native", func(t *testing.T) { checkValidNative(t, c) })
		})
	}
}

// checkValidOracle runs nix-instantiate and compares its output with the
// golden, or writes the golden with -update-oracle.
func checkValidOracle(t *testing.T, c corpusCase) {
	nix := oracle(t)
	version := liveNixVersion(nix)
	stdout, stderr, err := runNix(t, nix, c.File)
	if err != nil {
		if version != oracleVersion && !*updateOracle {
			t.Skipf("nix-instantiate %s (not the oracle, %s) rejects this case: %v\n%s", version, oracleVersion, err, stderr)
		}
		t.Fatalf("nix-instantiate rejects a valid case: %v\n%s", err, stderr)
	}
	got, err := decodeJSON([]byte(stdout))
	if err != nil {
		t.Fatalf("nix-instantiate printed invalid JSON: %v\n%s", err, stdout)
	}
	if err := checkPortable(c, stdout); err != nil {
		t.Fatal(err)
	}
	if *updateOracle {
		if version != oracleVersion {
			t.Fatalf("the goldens are from Nix %s; refusing to regenerate them with %s", oracleVersion, version)
		}
		if err := os.WriteFile(c.Golden, []byte(strings.TrimSuffix(stdout, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readValidGolden(t, c)
	if diffs := jsonDiff("", want, got); len(diffs) > 0 {
		msg := fmt.Sprintf("nix-instantiate %s disagrees with golden %s:\n%s", version, filepath.Base(c.Golden), strings.Join(diffs, "\n"))
		if version != oracleVersion {
			t.Logf("not the oracle version (%s), not compared: %s", oracleVersion, msg)
			return
		}
		t.Errorf("stale golden? rerun with -update-oracle: %s", msg)
	}
}

// checkPortable rejects oracle output that would differ between machines.
func checkPortable(c corpusCase, stdout string) error {
	root, _ := filepath.Abs(corpusDir)
	for _, bad := range []string{"/nix/store/", root} {
		if strings.Contains(stdout, bad) {
			return fmt.Errorf("output of %s contains %q: a path value leaked into the result; change the case", c.Name, bad)
		}
	}
	return nil
}

func checkValidNative(t *testing.T, c corpusCase) {
	want := readValidGolden(t, c)
	v, err := secretsnix.EvalFile(c.File, secretsnix.Options{})
	if err != nil {
		t.Fatalf("EvalFile: %v", err)
	}
	got, err := normalizeNative(v)
	if err != nil {
		t.Fatalf("EvalFile returned a value outside the JSON shape: %v", err)
	}
	if diffs := jsonDiff("", want, got); len(diffs) > 0 {
		t.Errorf("native result differs from nix-instantiate (golden %s):\n%s", filepath.Base(c.Golden), strings.Join(diffs, "\n"))
	}
}

func readValidGolden(t *testing.T, c corpusCase) any {
	t.Helper()
	data, err := os.ReadFile(c.Golden)
	if err != nil {
		t.Fatalf("missing golden (run with -update-oracle where nix-instantiate is installed): %v", err)
	}
	v, err := decodeJSON(data)
	if err != nil {
		t.Fatalf("golden %s: %v", c.Golden, err)
	}
	return v
}

// decodeJSON decodes one JSON value, keeping numbers as json.Number so that
// 64-bit integers survive.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data after the JSON value")
	}
	return v, nil
}

// normalizeNative converts EvalFile's result to the shape decodeJSON gives,
// rejecting Go types the API does not allow.
func normalizeNative(v any) (any, error) {
	switch v := v.(type) {
	case nil, bool, string:
		return v, nil
	case int64:
		return json.Number(strconv.FormatInt(v, 10)), nil
	case float64:
		return json.Number(strconv.FormatFloat(v, 'g', -1, 64)), nil
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			n, err := normalizeNative(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = n
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			n, err := normalizeNative(e)
			if err != nil {
				return nil, fmt.Errorf(".%q: %w", k, err)
			}
			out[k] = n
		}
		return out, nil
	default:
		return nil, fmt.Errorf("unexpected Go type %T (want nil, bool, int64, float64, string, []any or map[string]any)", v)
	}
}

// numbersEqual compares two JSON numbers numerically. Integers compare
// exactly. Nix 2.8 prints floats with 6 significant digits (1/3.0 prints as
// 0.333333, 4.0 as 4), so floats are equal when they print the same way.
func numbersEqual(a, b json.Number) bool {
	if a == b {
		return true
	}
	ai, aerr := strconv.ParseInt(string(a), 10, 64)
	bi, berr := strconv.ParseInt(string(b), 10, 64)
	if aerr == nil && berr == nil {
		return ai == bi
	}
	af, aerr := strconv.ParseFloat(string(a), 64)
	bf, berr := strconv.ParseFloat(string(b), 64)
	if aerr != nil || berr != nil {
		return false
	}
	return af == bf || strconv.FormatFloat(af, 'g', 6, 64) == strconv.FormatFloat(bf, 'g', 6, 64)
}

// jsonDiff lists the differences between two decoded JSON values (want is
// nix's). An empty result means equal.
func jsonDiff(path string, want, got any) []string {
	at := path
	if at == "" {
		at = "(top)"
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want an attribute set, got %s", at, short(got))}
		}
		var diffs []string
		keys := make([]string, 0, len(w)+len(g))
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := path + "." + strconv.Quote(k)
			wv, win := w[k]
			gv, gin := g[k]
			switch {
			case !gin:
				diffs = append(diffs, fmt.Sprintf("%s: missing (want %s)", p, short(wv)))
			case !win:
				diffs = append(diffs, fmt.Sprintf("%s: unexpected attribute %s", p, short(gv)))
			default:
				diffs = append(diffs, jsonDiff(p, wv, gv)...)
			}
		}
		return diffs
	case []any:
		g, ok := got.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want a list, got %s", at, short(got))}
		}
		if len(w) != len(g) {
			return []string{fmt.Sprintf("%s: want a list of %d, got %d: want %s, got %s", at, len(w), len(g), short(w), short(g))}
		}
		var diffs []string
		for i := range w {
			diffs = append(diffs, jsonDiff(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])...)
		}
		return diffs
	case json.Number:
		if g, ok := got.(json.Number); ok && numbersEqual(w, g) {
			return nil
		}
	default: // nil, bool, string
		if want == got {
			return nil
		}
	}
	return []string{fmt.Sprintf("%s: want %s, got %s", at, short(want), short(got))}
}

func short(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}

// ---------------------------------------------------------------------------
// Broken files

// nixError is where and why nix-instantiate rejected a file.
type nixError struct {
	File    string // relative to the case's directory; "" when nix gave no position
	Line    int    // 0 when nix gave no position
	Col     int
	Message string // first line of the message, paths made relative
	Version string // nix version that produced it
	Stderr  string // all of stderr, paths made relative (golden only, for people)
}

// Nix 2.8 prints errors as
//
//	error: MESSAGE
//
//	       at /abs/path/file.nix:LINE:COL:
//
//	            2|   a = 1;
//	            3|   b = 1 + "a";
//	             |           ^
//
// syntax errors included ("error: syntax error, unexpected '=', expecting
// ';'" then the same "at" line), and `at «string»:LINE:COL:` for -E input.
// Some errors have no position at all: throw, abort, missing import or
// readFile, `with` on a non-set, incomparable values.
var (
	nixErrorLine = regexp.MustCompile(`^error: (.*)$`)
	nixAtLine    = regexp.MustCompile(`^\s+at (.+):(\d+):(\d+):?\s*$`)
)

// parseNixError extracts the first error and its position from stderr.
func parseNixError(stderr string) (nixError, error) {
	var e nixError
	sc := bufio.NewScanner(strings.NewReader(stderr))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	inError := false
	for sc.Scan() {
		line := sc.Text()
		if !inError {
			if m := nixErrorLine.FindStringSubmatch(line); m != nil {
				e.Message = m[1]
				inError = true
			}
			continue
		}
		if m := nixAtLine.FindStringSubmatch(line); m != nil {
			e.File = m[1]
			e.Line, _ = strconv.Atoi(m[2])
			e.Col, _ = strconv.Atoi(m[3])
			break
		}
	}
	if !inError {
		return e, fmt.Errorf("no %q line in nix's stderr:\n%s", "error:", stderr)
	}
	return e, nil
}

// relativize rewrites absolute paths under dir (as nix prints them) to
// paths relative to dir.
func relativize(s, dir string) string {
	dirs := []string{dir}
	if real, err := filepath.EvalSymlinks(dir); err == nil && real != dir {
		dirs = append(dirs, real)
	}
	for _, d := range dirs {
		s = strings.ReplaceAll(s, d+string(filepath.Separator), "")
	}
	return s
}

// oracleError runs nix on a broken case and returns its error, relative
// to the case directory.
func oracleError(t *testing.T, nix string, c corpusCase) nixError {
	t.Helper()
	stdout, stderr, err := runNix(t, nix, c.File)
	if err == nil {
		if v := liveNixVersion(nix); v != oracleVersion && !*updateOracle {
			t.Skipf("nix-instantiate %s (not the oracle, %s) accepts this case; it printed %s", v, oracleVersion, stdout)
		}
		t.Fatalf("nix-instantiate accepts a broken case; it printed %s", stdout)
	}
	e, perr := parseNixError(stderr)
	if perr != nil {
		t.Fatal(perr)
	}
	e.File = relativize(e.File, c.Dir)
	e.Message = relativize(e.Message, c.Dir)
	e.Stderr = relativize(stderr, c.Dir)
	e.Version = liveNixVersion(nix)
	return e
}

func writeErrGolden(path string, e nixError) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# nix-instantiate --eval --strict --json (Nix %s) rejects this file.\n", e.Version)
	b.WriteString("# Regenerate with: go test ./secretsnix/ -run Differential -update-oracle\n")
	b.WriteString("# line 0 and an empty file mean nix reported no position.\n")
	fmt.Fprintf(&b, "version: %s\n", e.Version)
	b.WriteString(strings.TrimRight("file: "+e.File, " ") + "\n")
	fmt.Fprintf(&b, "line: %d\n", e.Line)
	fmt.Fprintf(&b, "col: %d\n", e.Col)
	fmt.Fprintf(&b, "message: %s\n", e.Message)
	b.WriteString("stderr:\n")
	for _, l := range strings.Split(strings.TrimRight(e.Stderr, "\n"), "\n") {
		b.WriteString(strings.TrimRight("| "+printable(l), " ") + "\n")
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// printable escapes what would make a golden a binary file (nix echoes the
// offending source line, which may be garbage).
func printable(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r == '\t' || unicode.IsPrint(r):
			b.WriteString(s[i : i+size])
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
		i += size
	}
	return b.String()
}

func readErrGolden(t *testing.T, c corpusCase) nixError {
	t.Helper()
	data, err := os.ReadFile(c.Golden)
	if err != nil {
		t.Fatalf("missing golden (run with -update-oracle where nix-instantiate is installed): %v", err)
	}
	var e nixError
	seen := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "stderr:" {
			break
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("golden %s: bad line %q", c.Golden, line)
		}
		val = strings.TrimPrefix(val, " ")
		seen[key] = true
		switch key {
		case "version":
			e.Version = val
		case "file":
			e.File = val
		case "line":
			e.Line, err = strconv.Atoi(val)
		case "col":
			e.Col, err = strconv.Atoi(val)
		case "message":
			e.Message = val
		default:
			t.Fatalf("golden %s: unknown key %q", c.Golden, key)
		}
		if err != nil {
			t.Fatalf("golden %s: %v", c.Golden, err)
		}
	}
	for _, k := range []string{"file", "line", "col", "message"} {
		if !seen[k] {
			t.Fatalf("golden %s: no %q", c.Golden, k)
		}
	}
	return e
}

func TestDifferentialBroken(t *testing.T) {
	cases := listCases(t, "broken", ".err")
	if len(cases) < minBrokenCases {
		t.Errorf("corpus has %d broken cases, want at least %d", len(cases), minBrokenCases)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			t.Run("oracle", func(t *testing.T) { checkBrokenOracle(t, c) })
			if *updateOracle {
				return
			}
			t.Run("native", func(t *testing.T) { checkBrokenNative(t, c) })
		})
	}
}

func checkBrokenOracle(t *testing.T, c corpusCase) {
	nix := oracle(t)
	got := oracleError(t, nix, c)
	if *updateOracle {
		if got.Version != oracleVersion {
			t.Fatalf("the goldens are from Nix %s; refusing to regenerate them with %s", oracleVersion, got.Version)
		}
		if err := writeErrGolden(c.Golden, got); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readErrGolden(t, c)
	if got.File == want.File && got.Line == want.Line && got.Col == want.Col && got.Message == want.Message {
		return
	}
	msg := fmt.Sprintf("nix-instantiate %s reports %s:%d:%d: %s\ngolden (Nix %s) says %s:%d:%d: %s",
		got.Version, got.File, got.Line, got.Col, got.Message, want.Version, want.File, want.Line, want.Col, want.Message)
	if got.Version != want.Version {
		// Positions and wording change between Nix releases; the goldens
		// are from the oracle version. Only failing matters then.
		t.Logf("different Nix version, not compared:\n%s", msg)
		return
	}
	t.Errorf("stale golden? rerun with -update-oracle:\n%s", msg)
}

func checkBrokenNative(t *testing.T, c corpusCase) {
	want := readErrGolden(t, c)
	v, err := secretsnix.EvalFile(c.File, secretsnix.Options{})
	if err == nil {
		t.Fatalf("EvalFile accepts a file nix rejects (%s:%d: %s); it returned %s", want.File, want.Line, want.Message, short(v))
	}
	var se *secretsnix.Error
	if !errors.As(err, &se) {
		t.Fatalf("EvalFile error is %T, want *secretsnix.Error: %v\nnix says %s:%d:%d: %s", err, err, want.File, want.Line, want.Col, want.Message)
	}
	// Nix gives no position for some errors (throw, missing import, ...);
	// the native error must still point into the evaluated file then.
	wantFile := c.File
	if want.File != "" {
		wantFile = filepath.Join(c.Dir, filepath.FromSlash(want.File))
	}
	if !sameFile(se.File, wantFile) {
		t.Errorf("error in file %s, want %s\n  native: %v\n  nix:    %s:%d:%d: %s", se.File, wantFile, err, want.File, want.Line, want.Col, want.Message)
	}
	if want.Line != 0 && se.Line != want.Line {
		t.Errorf("error on line %d, nix says line %d\n  native: %v\n  nix:    %s:%d:%d: %s", se.Line, want.Line, err, want.File, want.Line, want.Col, want.Message)
	} else if want.Line != 0 && se.Col != want.Col {
		t.Logf("column %d, nix says %d (not required to match)", se.Col, want.Col)
	}
}

// sameFile reports whether the paths name the same file; the native error
// may give the path as passed, cleaned, or made absolute.
func sameFile(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	ai, aerr := os.Stat(a)
	bi, berr := os.Stat(b)
	if aerr == nil && berr == nil {
		return os.SameFile(ai, bi)
	}
	aa, _ := filepath.Abs(a)
	ba, _ := filepath.Abs(b)
	return aa == ba
}
