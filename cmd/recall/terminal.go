package main

import (
	"os"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/term"
)

// stdoutIsTerminal reports whether standard output is an interactive terminal.
func stdoutIsTerminal() bool {
	return term.IsTerminal(int(os.Stdout.Fd()))
}

// displayWidth is the number of terminal columns s takes (CJK characters
// and most emoji take two).
func displayWidth(s string) int {
	return ansi.StringWidth(s)
}
