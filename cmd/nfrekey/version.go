package main

import (
	"encoding/json"
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// buildVersion is what `nfrekey version` reports: the module version and the
// VCS revision the Go toolchain stamped into the binary.
type buildVersion struct {
	Version  string `json:"version"`  // module version; "(devel)" when unknown
	Revision string `json:"revision"` // full VCS revision; "" when unknown
	Modified bool   `json:"modified"` // the work tree had uncommitted changes
	Go       string `json:"go"`       // toolchain that built the binary
}

// Set with -ldflags -X by builds that carry no VCS stamps of their own: the
// flake builds from a store path without .git, and passes its revision here.
var (
	linkedVersion  string
	linkedRevision string
)

// versionOf reads a build's stamps. A binary built by `go install ./cmd/nfrekey`
// in a clone carries vcs.revision and, since Go 1.24, a pseudo-version; one
// built with -buildvcs=false or from a tarball carries neither.
func versionOf(info *debug.BuildInfo) buildVersion {
	v := buildVersion{Version: "(devel)"}
	if info == nil {
		return v
	}
	v.Go = info.GoVersion
	if info.Main.Version != "" {
		v.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

func currentVersion() buildVersion {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return withLinked(versionOf(info), linkedVersion, linkedRevision)
}

// withLinked fills what the toolchain did not stamp from the -X values.
func withLinked(v buildVersion, version, revision string) buildVersion {
	if v.Version == "(devel)" && version != "" {
		v.Version = version
	}
	if v.Revision == "" && revision != "" {
		v.Revision = revision
	}
	return v
}

// String is the one line `version` and `--version` print.
func (v buildVersion) String() string {
	s := "nfrekey " + v.Version
	if v.Revision != "" {
		rev := v.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		s += ", revision " + rev
		if v.Modified {
			s += " (modified)"
		}
	}
	if v.Go != "" {
		s += ", " + v.Go
	}
	return s
}

// addVersion gives root both `version` and `--version`.
func addVersion(root *cobra.Command, io *IO) {
	root.Version = currentVersion().String()
	root.SetVersionTemplate("{{.Version}}\n")
	root.AddCommand(newVersionCmd(io))
}

func newVersionCmd(io *IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and VCS revision of nfrekey",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			v := currentVersion()
			// --json is a persistent flag of the root, read here by name.
			if asJSON, _ := cmd.Flags().GetBool("json"); asJSON {
				b, err := json.MarshalIndent(v, "", "  ")
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(io.Out, "%s\n", b)
				return err
			}
			_, err := fmt.Fprintln(io.Out, v)
			return err
		},
	}
}
