package identity

import (
	"strings"
	"testing"
)

// FuzzIdentityFile: any identity file content parses or fails without a
// panic; AGE-PLUGIN- lines never reach age's own parser, and every other
// line keeps its place in what does.
func FuzzIdentityFile(f *testing.F) {
	f.Add([]byte("AGE-PLUGIN-YUBIKEY-1QQQQQQ\n"))
	f.Add([]byte("# comment\nAGE-SECRET-KEY-1885RUX4WSAVJGHHFNQ2E4VKFTM8S7ATKWXU8ZAKMDQS4UF5ZF59QSJEUD4\nAGE-PLUGIN-X-1ABC\n"))
	f.Add([]byte("  AGE-PLUGIN-\r\n\n#\n"))
	f.Add([]byte("-----BEGIN OPENSSH PRIVATE KEY-----\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ui := newPluginUI(PluginUI{})
		ids, err := parseIdentityFile("f", data, nil, ui)
		if err == nil && len(ids) == 0 {
			t.Fatalf("no error and no identity for %q", data)
		}
		plugins, rest := splitPluginLines(data)
		for _, l := range plugins {
			if !strings.HasPrefix(l, "AGE-PLUGIN-") {
				t.Fatalf("plugin line %q", l)
			}
		}
		if strings.Contains(string(rest), "\nAGE-PLUGIN-") || strings.HasPrefix(strings.TrimSpace(string(rest)), "AGE-PLUGIN-") {
			for _, l := range strings.Split(string(rest), "\n") {
				if strings.HasPrefix(strings.TrimSpace(l), "AGE-PLUGIN-") {
					t.Fatalf("a plugin line left for age: %q", l)
				}
			}
		}
	})
}
