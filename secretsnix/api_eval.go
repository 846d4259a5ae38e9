package secretsnix

import (
	"path/filepath"
)

// evalOptions are the knobs tests and fuzzing need beyond Options.
type evalOptions struct {
	maxSteps int
}

// evalFileValue evaluates a file to a fully forced JSON-shaped value.
func evalFileValue(path string, opts Options, eo evalOptions) (any, *evaluator, value, error) {
	ev, v, err := evalRoot(path, opts, eo)
	if err != nil {
		return nil, nil, nil, err
	}
	out, err := ev.toJSONValue(v, 0, 0)
	if err != nil {
		return nil, nil, nil, err
	}
	return out, ev, v, nil
}

// evalRoot evaluates a file to weak head normal form.
func evalRoot(path string, opts Options, eo evalOptions) (*evaluator, value, error) {
	abs, root, err := evalRootDir(path, opts)
	if err != nil {
		return nil, nil, err
	}
	fs := newFiles(opts.Overlay)
	data, rerr := fs.read(abs, MaxInputFile)
	if rerr != nil {
		return nil, nil, inputError(path, rerr)
	}
	ev := newEvaluator(root, eo.maxSteps)
	ev.fs = fs
	f, err := ev.loadFile(path, data)
	if err != nil {
		return nil, nil, err
	}
	if real, err := fs.realPath(abs); err == nil {
		ev.imports[real] = &thunk{expr: f.Root, env: ev.base}
	}
	v, err := ev.eval(f.Root, ev.base)
	if err != nil {
		return nil, nil, err
	}
	return ev, v, nil
}

// evalRootDir returns path made absolute and the resolved root that
// import and readFile may not leave.
func evalRootDir(path string, opts Options) (abs, root string, err error) {
	abs, aerr := filepath.Abs(path)
	if aerr != nil {
		return "", "", &Error{File: path, Line: 1, Col: 1, Msg: aerr.Error()}
	}
	root = opts.Root
	if root == "" {
		root = filepath.Dir(abs)
	}
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if r, err := filepath.Abs(root); err == nil {
		root = r
	}
	return abs, root, nil
}

// evalString evaluates source text as if it were the file name (tests, fuzzing).
func evalString(name, src string, eo evalOptions) (any, error) {
	ev := newEvaluator(filepath.Dir(name), eo.maxSteps)
	f, err := ev.loadFile(name, src)
	if err != nil {
		return nil, err
	}
	v, err := ev.eval(f.Root, ev.base)
	if err != nil {
		return nil, err
	}
	return ev.toJSONValue(v, 0, 0)
}
