package secretsnix

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

// nixEval runs nix-instantiate once, without a shell.
func nixEval(path string) (any, error) {
	// nix-instantiate would block on a FIFO and read /dev/zero forever.
	if st, err := os.Stat(path); err != nil {
		return nil, inputError(path, err)
	} else if !st.Mode().IsRegular() {
		return nil, inputError(path, errNotRegular)
	} else if st.Size() > MaxInputFile {
		return nil, inputError(path, errTooLarge)
	}
	cmd := exec.Command("nix-instantiate", "--eval", "--strict", "--json", path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); ok {
			return nil, nixError(path, stderr.String())
		}
		return nil, fmt.Errorf("running nix-instantiate: %w", err)
	}
	return decodeJSON(stdout.Bytes())
}

func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("nix-instantiate printed invalid JSON: %w", err)
	}
	return fromNumbers(v), nil
}

// fromNumbers turns json.Number into int64 or float64, as EvalFile promises.
func fromNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return i
		}
		f, _ := strconv.ParseFloat(string(x), 64)
		return f
	case []any:
		for i := range x {
			x[i] = fromNumbers(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = fromNumbers(x[k])
		}
	}
	return v
}

var nixPosRE = regexp.MustCompile(`^\s+at (.+):(\d+):(\d+):`)

// nixError maps nix's "error: msg" and "at FILE:LINE:COL:" lines to *Error.
func nixError(path, stderr string) error {
	lines := strings.Split(stderr, "\n")
	msg := ""
	for i, l := range lines {
		if strings.HasPrefix(l, "error: ") && msg == "" {
			msg = strings.TrimPrefix(l, "error: ")
			for _, m := range lines[i+1:] {
				if sm := nixPosRE.FindStringSubmatch(m); sm != nil {
					line, _ := strconv.Atoi(sm[2])
					col, _ := strconv.Atoi(sm[3])
					return &Error{File: sm[1], Line: line, Col: col, Msg: msg}
				}
			}
		}
	}
	if msg == "" {
		msg = strings.TrimSpace(stderr)
	}
	return fmt.Errorf("%s: nix-instantiate: %s", path, msg)
}
