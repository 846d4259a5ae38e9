package secretsnix

import (
	"path/filepath"
)

func addScopedImport(add addFn) {
	add("scopedImport", 2, func(ev *evaluator, a []*thunk, pos int) (value, error) {
		scope, err := ev.forceAttrs(a[0], pos)
		if err != nil {
			return nil, err
		}
		p, err := ev.forcePath(a[1], pos)
		if err != nil {
			return nil, err
		}
		return ev.scopedImport(scope, p, pos)
	})
}

// scopedImport evaluates the file at p with scope's attributes bound as
// variables over the builtins, as Nix does: parsed afresh each time, not
// shared with import's cache, since the scope changes what names mean.
func (ev *evaluator) scopedImport(scope *attrsV, p string, pos int) (value, error) {
	real, err := ev.checkInRoot(p, pos)
	if err != nil {
		return nil, err
	}
	if ev.fs.isDir(real) {
		p = filepath.Join(p, "default.nix")
		if real, err = ev.checkInRoot(p, pos); err != nil {
			return nil, err
		}
	}
	data, rerr := ev.fs.read(real, MaxInputFile)
	if rerr != nil {
		return nil, ev.errorf(pos, "cannot read '%s': %v", p, rerr)
	}
	if err := ev.step(len(data) / 64); err != nil {
		return nil, err
	}
	f, perr := parse(p, data, ev.nextBase)
	if perr != nil {
		return nil, perr
	}
	ev.nextBase += len(data) + 1
	ev.files = append(ev.files, f)
	names := make([]string, len(scope.attrs))
	vals := make([]*thunk, len(scope.attrs))
	for i, at := range scope.attrs {
		names[i], vals[i] = at.name, at.t
	}
	r := &resolver{f: f}
	r.node(f.Root, newScope(ev.baseSc, names))
	if r.err != nil {
		return nil, r.err
	}
	return ev.eval(f.Root, &env{up: ev.base, vals: vals})
}
