package tui

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// Widths at which every render function is checked.
var goldenWidths = []int{60, 100}

// requirePlainGolden compares out without its styles with the test's golden
// file (testdata/<test name>.golden), after checking that no line is wider
// than width. Run go test with -update to rewrite the golden files.
func requirePlainGolden(t *testing.T, out string, width int) {
	t.Helper()
	requireWidth(t, out, width)
	golden.RequireEqual(t, ansi.Strip(out)+"\n")
}

// requireASCIIGolden compares out as Bubble Tea would print it with the
// ASCII colour profile (NO_COLOR: attributes such as bold kept, colours
// dropped) with the test's golden file.
func requireASCIIGolden(t *testing.T, out string) {
	t.Helper()
	golden.RequireEqual(t, asciiProfile(t, out)+"\n")
}

// asciiProfile downsamples out to the ASCII colour profile.
func asciiProfile(t *testing.T, out string) string {
	t.Helper()
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: colorprofile.Ascii}
	if _, err := w.WriteString(out); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// requireWidth fails the test if a line of out is wider than width.
func requireWidth(t *testing.T, out string, width int) {
	t.Helper()
	for i, l := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("line %d is %d columns wide, more than %d: %q", i+1, w, width, ansi.Strip(l))
		}
	}
}
