package secretsnix

import (
	"errors"
	"syscall"
)

// dirEntry is one name of a directory listing, typed as Nix's readDir
// types it: "regular", "directory", "symlink" or "unknown" (FIFOs,
// sockets, devices).
type dirEntry struct {
	name, typ string
}

// readDirIn lists directory p, which must lie inside the root once
// symlinks are resolved, as readFile's argument must. It is the only place
// builtins.readDir touches the file system.
func (ev *evaluator) readDirIn(p string, pos int) ([]dirEntry, error) {
	real, err := ev.checkInRoot(p, pos)
	if err != nil {
		return nil, err
	}
	types, names, err := ev.readDirEntries(real)
	if err != nil {
		return nil, ev.errorf(pos, "opening directory '%s': %s", p, errnoText(unwrapPath(err)))
	}
	out := make([]dirEntry, 0, len(names))
	for _, name := range names {
		out = append(out, dirEntry{name: name, typ: types[name]})
	}
	return out, nil
}

// errnoText is strerror's wording, as Nix prints system errors.
func errnoText(err error) string {
	var en syscall.Errno
	if errors.As(err, &en) {
		s := en.Error()
		if s != "" && s[0] >= 'a' && s[0] <= 'z' {
			return string(s[0]-'a'+'A') + s[1:]
		}
		return s
	}
	return err.Error()
}
