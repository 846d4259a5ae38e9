package main

import (
	"io"

	"github.com/schollz/progressbar/v3"

	"github.com/nfrekey/nfrekey/reencrypt"
)

// rekeyBar is the progress of a rekey on a terminal's stderr. It counts
// every phase of the real work: opening each planned file (unwrapping its
// key), writing its new content, and renaming it into place; a dry run
// only opens. Events arrive one at a time (reencrypt serialises them).
type rekeyBar struct {
	w      io.Writer
	phases int // 3 for a real run, 1 for a dry run
	bar    *progressbar.ProgressBar
	phase  reencrypt.EventKind
}

func newRekeyBar(w io.Writer, dry bool) *rekeyBar {
	b := &rekeyBar{w: w, phases: 3}
	if dry {
		b.phases = 1
	}
	return b
}

// event advances the bar; planned is the number of planned files when
// the event does not carry it (Written, Failed).
func (b *rekeyBar) event(e reencrypt.Event, planned int) {
	var desc string
	switch e.Kind {
	case reencrypt.EventOpened:
		desc = "opening "
	case reencrypt.EventStaged:
		desc = "writing "
	case reencrypt.EventWritten, reencrypt.EventFailed:
		desc = "renaming"
	default:
		return
	}
	n := e.Of
	if n == 0 {
		n = planned
	}
	if b.bar == nil {
		b.bar = progressbar.NewOptions(b.phases*n, progressbar.OptionSetWriter(b.w),
			progressbar.OptionSetDescription(desc), progressbar.OptionClearOnFinish(),
			progressbar.OptionShowCount(), progressbar.OptionSetWidth(30))
	}
	if e.Kind != b.phase {
		b.phase = e.Kind
		b.bar.Describe(desc)
	}
	_ = b.bar.Add(1)
}

func (b *rekeyBar) finish() {
	if b.bar != nil {
		_ = b.bar.Finish()
	}
}
