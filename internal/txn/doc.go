// Package txn is the write side of every mutating nfrekey run: the repo
// lock, staged writes and their ordered commit.
//
// A run calls Begin (which takes the lock, the only place that does),
// stages the new content of each file it changes into a temp file beside
// the target (Stage), then commits: renames phase by phase (rules files,
// secrets, then .nfrekey.lock), each directory fsynced once before the
// next phase, so that a crash leaves the repo at a point a plain rekey
// converges from. A file someone else changed since the run read it is
// never renamed over. Close releases the lock and removes every temp
// left. All file operations go through an os.Root opened at the repo
// root, so a directory swapped for a symlink mid-run cannot redirect a
// write outside the repo.
package txn
