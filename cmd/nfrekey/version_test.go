package main

import (
	"bytes"
	"context"
	"encoding/json"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionOf(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		name string
		info *debug.BuildInfo
		want buildVersion
		line string
	}{
		{"no build info", nil, buildVersion{Version: "(devel)"}, "nfrekey (devel)"},
		{"test binary: no version, no vcs", &debug.BuildInfo{GoVersion: "go1.26.0"},
			buildVersion{Version: "(devel)", Go: "go1.26.0"}, "nfrekey (devel), go1.26.0"},
		{"go install ./cmd/nfrekey in a clean clone", &debug.BuildInfo{
			GoVersion: "go1.26.0",
			Main:      debug.Module{Version: "v0.0.0-20261201203000-0123456789ab"},
			Settings:  []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "false"}},
		}, buildVersion{Version: "v0.0.0-20261201203000-0123456789ab", Revision: rev, Go: "go1.26.0"},
			"nfrekey v0.0.0-20261201203000-0123456789ab, revision 0123456789ab, go1.26.0"},
		{"dirty work tree", &debug.BuildInfo{
			GoVersion: "go1.26.0",
			Main:      debug.Module{Version: "(devel)"},
			Settings:  []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}},
		}, buildVersion{Version: "(devel)", Revision: rev, Modified: true, Go: "go1.26.0"},
			"nfrekey (devel), revision 0123456789ab (modified), go1.26.0"},
		{"published module", &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Version: "v1.2.3"}},
			buildVersion{Version: "v1.2.3", Go: "go1.26.1"}, "nfrekey v1.2.3, go1.26.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := versionOf(tc.info)
			if got != tc.want {
				t.Fatalf("versionOf = %+v, want %+v", got, tc.want)
			}
			if got.String() != tc.line {
				t.Fatalf("String = %q, want %q", got.String(), tc.line)
			}
		})
	}
}

func TestWithLinked(t *testing.T) {
	stamped := buildVersion{Version: "v1.2.3", Revision: "abc", Go: "go1.26.0"}
	if got := withLinked(stamped, "9.9.9", "def"); got != stamped {
		t.Errorf("the toolchain's stamps must win over -X values: %+v", got)
	}
	bare := buildVersion{Version: "(devel)", Go: "go1.26.0"}
	want := buildVersion{Version: "0.0.0-40a1ee1", Revision: "40a1ee1717d30a434ad46e3f664070817b29ee00", Go: "go1.26.0"}
	if got := withLinked(bare, want.Version, want.Revision); got != want {
		t.Errorf("withLinked = %+v, want %+v", got, want)
	}
	if got := withLinked(bare, "", ""); got != bare {
		t.Errorf("no -X values changed %+v", got)
	}
}

func runCapture(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), &IO{In: strings.NewReader(""), Out: &out, Err: &errb}, args)
	return code, out.String(), errb.String()
}

// version and --version print the same line, of this very binary; --json
// prints the documented fields and nothing else.
func TestVersionCommand(t *testing.T) {
	want := currentVersion().String() + "\n"
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, errs := runCapture(t, args...)
		if code != 0 || out != want || errs != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 0, %q", args, code, out, errs, want)
		}
	}
	code, out, errs := runCapture(t, "version", "--json")
	if code != 0 || errs != "" {
		t.Fatalf("version --json: exit %d, stderr %q", code, errs)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("version --json is not JSON: %v\n%s", err, out)
	}
	cur := currentVersion()
	wantDoc := map[string]any{"version": cur.Version, "revision": cur.Revision, "modified": cur.Modified, "go": cur.Go}
	if len(doc) != len(wantDoc) {
		t.Fatalf("fields %v, want exactly %v", doc, wantDoc)
	}
	for k, v := range wantDoc {
		if doc[k] != v {
			t.Errorf("%s = %#v, want %#v", k, doc[k], v)
		}
	}
	if code, _, _ := runCapture(t, "version", "extra"); code != exitInput {
		t.Errorf("version extra: exit %d, want %d", code, exitInput)
	}
}
