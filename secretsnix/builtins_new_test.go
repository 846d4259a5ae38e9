package secretsnix

import "testing"

func TestBuiltinsTable(t *testing.T) {
	dir := t.TempDir()
	for _, c := range builtinCases {
		checkEval(t, dir, c.src, c.want)
	}
}
