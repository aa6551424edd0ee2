package main

import (
	"os"

	"golang.org/x/term"
)

// stdoutIsTerminal reports whether standard output is an interactive terminal.
func stdoutIsTerminal() bool {
	return term.IsTerminal(int(os.Stdout.Fd()))
}
