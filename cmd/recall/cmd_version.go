package main

import (
	"fmt"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"; when
// empty, the module version recorded by the Go toolchain is used.
var version = ""

// versionCmd prints recall's version.
type versionCmd struct{}

// Run prints the version, the Go version and the VCS revision when known.
func (versionCmd) Run(e *env) error {
	v, goVersion, rev := version, "", ""
	if info, ok := debug.ReadBuildInfo(); ok {
		goVersion = info.GoVersion
		if v == "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = s.Value[:12]
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	fmt.Fprintf(e.stdout, "recall %s", v)
	if rev != "" {
		fmt.Fprintf(e.stdout, " (%s)", rev)
	}
	if goVersion != "" {
		fmt.Fprintf(e.stdout, " %s", goVersion)
	}
	fmt.Fprintln(e.stdout)
	return nil
}
