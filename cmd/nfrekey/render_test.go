package main

import (
	"bytes"
	"errors"
	"testing"

	"github.com/nfrekey/nfrekey/reencrypt"
)

func TestJobsValue(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
		err  string
	}{
		{"4", 4, ""},
		{" 2 ", 2, ""},
		{"abc", 0, `"abc" is not a number: -j is how many files are processed in parallel, like -j 4`},
		{"-3", 0, "-3 is not a count of files in parallel: give 1 or more (default: one per CPU)"},
		{"0", 0, "0 is not a count of files in parallel: give 1 or more (default: one per CPU)"},
		{"1.5", 0, `"1.5" is not a number: -j is how many files are processed in parallel, like -j 4`},
	} {
		var j jobsValue
		err := j.Set(c.in)
		if c.err == "" {
			if err != nil || int(j) != c.want {
				t.Errorf("Set(%q) = %d, %v; want %d", c.in, j, err, c.want)
			}
			continue
		}
		if err == nil || err.Error() != c.err {
			t.Errorf("Set(%q) error = %v; want %q", c.in, err, c.err)
		}
	}
}

func TestFlagErrorWords(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"`,
			`invalid argument "5" for "--timeout" flag: a duration needs a unit, like 5s or 2m`},
		{`invalid argument "x" for "--timeout" flag: time: invalid duration "x"`,
			`invalid argument "x" for "--timeout" flag: not a duration: give a number and a unit, like 5s or 2m`},
		{"unknown flag: --nope", "unknown flag: --nope"},
	} {
		if got := flagErrorWords(errors.New(c.in)).Error(); got != c.want {
			t.Errorf("flagErrorWords(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestPalette(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	for _, c := range []struct {
		name    string
		tty     bool
		noColor bool
		env     map[string]string
		want    bool
	}{
		{"terminal", true, false, nil, true},
		{"pipe", false, false, nil, false},
		{"--no-color on a terminal", true, true, nil, false},
		{"NO_COLOR on a terminal", true, false, map[string]string{"NO_COLOR": "1"}, false},
		{"CLICOLOR_FORCE in a pipe", false, false, map[string]string{"CLICOLOR_FORCE": "1"}, true},
		{"CLICOLOR_FORCE=0 in a pipe", false, false, map[string]string{"CLICOLOR_FORCE": "0"}, false},
		{"NO_COLOR beats CLICOLOR_FORCE", false, false, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "x"}, false},
		{"--no-color beats CLICOLOR_FORCE", false, true, map[string]string{"CLICOLOR_FORCE": "1"}, false},
	} {
		p := newPalette(&IO{StdoutTTY: c.tty, Getenv: env(c.env)}, &globalOptions{NoColor: c.noColor})
		if p.on != c.want {
			t.Errorf("%s: colour %v, want %v", c.name, p.on, c.want)
		}
	}
}

func TestPlanText(t *testing.T) {
	add := reencrypt.PlannedFile{Path: "a.age", Add: []string{"web3"}}
	rm := reencrypt.PlannedFile{Path: "c.age", Remove: []string{"old"}, Fresh: true}
	fresh := reencrypt.PlannedFile{Path: "d.age", Fresh: true}
	for _, c := range []struct {
		p    reencrypt.PlannedFile
		o    *rekeyOptions
		pal  palette
		want string
	}{
		{add, &rekeyOptions{}, palette{}, "~ a.age  +web3  rewrap"},
		{rm, &rekeyOptions{}, palette{}, "~ c.age  -old  re-encrypt (recipient removed)"},
		{rm, &rekeyOptions{Force: true}, palette{}, "~ c.age  -old  re-encrypt (--force)"},
		{add, &rekeyOptions{Rotate: true}, palette{}, "~ a.age  +web3  rewrap"}, // not Fresh: engine's say
		{fresh, &rekeyOptions{Rotate: true}, palette{}, "~ d.age  re-encrypt (--rotate)"},
		{fresh, &rekeyOptions{}, palette{}, "~ d.age  re-encrypt (recipients not provable from the header)"},
		{fresh, nil, palette{}, "~ d.age  re-encrypt"},
		{add, &rekeyOptions{}, palette{on: true}, "\x1b[33m~\x1b[0m \x1b[1ma.age\x1b[0m  \x1b[32m+web3\x1b[0m  \x1b[2mrewrap\x1b[0m"},
		{rm, nil, palette{on: true}, "\x1b[33m~\x1b[0m \x1b[1mc.age\x1b[0m  \x1b[31m-old\x1b[0m  \x1b[2mre-encrypt (recipient removed)\x1b[0m"},
	} {
		if got := planText(c.p, c.o, c.pal); got != c.want {
			t.Errorf("planText(%+v, %+v) = %q; want %q", c.p, c.o, got, c.want)
		}
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 secrets", 1: "1 secret", 2: "2 secrets"} {
		if got := plural(n, "secret", "secrets"); got != want {
			t.Errorf("plural(%d) = %q", n, got)
		}
	}
}

func TestNoteIdentitiesOncePerFile(t *testing.T) {
	var buf bytes.Buffer
	g := &globalOptions{Verbose: true, io: &IO{Err: &buf}}
	noteIdentities(g, []string{"k/web1 (ssh-ed25519 SHA256:x)", "k/web1 (as age age1y)", "k/admin.txt (age1z)", "bare"})
	noteIdentities(g, []string{"k/web1 (ssh-ed25519 SHA256:x)", "k/web1 (as age age1y)"})
	want := "nfrekey: identity k/web1 (ssh-ed25519 SHA256:x; as age age1y)\nnfrekey: identity k/admin.txt (age1z)\nnfrekey: identity bare\n"
	if buf.String() != want {
		t.Errorf("notes:\n%s\nwant:\n%s", buf.String(), want)
	}
}

// FuzzJobsValue: -j never panics, and what it accepts is a count >= 1.
func FuzzJobsValue(f *testing.F) {
	for _, s := range []string{"4", "abc", "-3", "0", " 8", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var j jobsValue
		if err := j.Set(s); err == nil && j < 1 {
			t.Fatalf("Set(%q) accepted %d", s, j)
		}
	})
}
