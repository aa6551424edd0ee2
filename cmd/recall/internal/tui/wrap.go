package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"
)

// piece is one element of a styled line: an escape sequence or a grapheme
// cluster.
type piece struct {
	text  string
	width int  // display columns; 0 for escape sequences
	esc   bool // an escape or control sequence
	off   int  // byte offset of a cluster in the line's plain text
}

// splitPieces cuts a styled line into escape sequences and grapheme
// clusters, and returns them with the line's plain text.
func splitPieces(line string) ([]piece, string) {
	var (
		ps    []piece
		plain strings.Builder
		state byte
	)
	for len(line) > 0 {
		seq, w, n, next := ansi.DecodeSequence(line, state, nil)
		state, line = next, line[n:]
		if isControl(seq, w) {
			ps = append(ps, piece{text: seq, esc: true})
			continue
		}
		ps = append(ps, piece{text: seq, width: w, off: plain.Len()})
		plain.WriteString(seq)
	}
	return ps, plain.String()
}

// isControl reports whether seq, decoded by ansi.DecodeSequence with width
// w, is an escape sequence or control character rather than text.
func isControl(seq string, w int) bool {
	return w == 0 && (seq[0] < 0x20 || seq[0] == 0x7f)
}

// wrapStyled wraps every line of s, which may hold SGR styles, to at most
// width display columns. Lines break at the line-break opportunities of
// UAX #14 (between CJK characters, after spaces, ...), so mixed Chinese
// and English text fills each line; a run without opportunity wider than
// the line is cut between grapheme clusters. A continuation line repeats
// the line's indentation, quote bars and list-marker width, and carries
// the styles that were active at the break. Trailing spaces are dropped.
func wrapStyled(s string, width int) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		out = append(out, wrapLine(l, width)...)
	}
	return strings.Join(out, "\n")
}

// wrapLine wraps one styled line; see wrapStyled.
func wrapLine(line string, width int) []string {
	ps, plain := splitPieces(line)
	indent := hangingIndent(plain)
	indentW := ansi.StringWidth(indent)
	if indentW > width/2 {
		indent, indentW = "", 0
	}

	// Choose the pieces that start a new line.
	var (
		breaks  []int
		lineW   int
		content bool
		pi      int // first piece not yet assigned to a segment
	)
	newLine := func(at int) {
		breaks = append(breaks, at)
		lineW, content = indentW, false
	}
	for rest, st := plain, -1; len(rest) > 0; {
		var seg string
		seg, rest, _, st = uniseg.FirstLineSegmentInString(rest, st)
		end := len(plain) - len(rest)
		first := pi
		for pi < len(ps) && (ps[pi].esc || ps[pi].off < end) {
			pi++
		}
		segW := ansi.StringWidth(seg)
		bodyW := ansi.StringWidth(strings.TrimRight(seg, " "))
		if width > 0 && content && lineW+bodyW > width {
			newLine(firstCluster(ps, first))
		}
		if width <= 0 || lineW+bodyW <= width {
			lineW += segW
			content = content || bodyW > 0
			continue
		}
		// No opportunity inside: cut between clusters.
		for i := first; i < pi; i++ {
			p := ps[i]
			if p.esc {
				continue
			}
			if content && p.text != " " && lineW+p.width > width {
				newLine(i)
			}
			lineW += p.width
			content = true
		}
	}

	// Emit the lines, carrying the active styles across each break.
	var (
		out    []string
		b      strings.Builder
		active string // SGR sequences in effect since the last reset
	)
	start := 0
	for k := 0; k <= len(breaks); k++ {
		stop := len(ps)
		if k < len(breaks) {
			stop = breaks[k]
		}
		if k > 0 {
			b.WriteString(indent)
			b.WriteString(active)
		}
		last := lastVisible(ps[start:stop]) + start
		for i := start; i < stop; i++ {
			p := ps[i]
			if p.esc {
				b.WriteString(p.text)
				active = trackSGR(active, p.text)
			} else if i <= last {
				b.WriteString(p.text)
			}
		}
		if active != "" && k < len(breaks) {
			b.WriteString(ansi.ResetStyle)
		}
		out = append(out, b.String())
		b.Reset()
		start = stop
	}
	return out
}

// firstCluster returns the index of the first grapheme cluster at or after
// i, so that the escape sequences before it move to the new line with it.
func firstCluster(ps []piece, i int) int {
	for i < len(ps) && ps[i].esc {
		i++
	}
	return i
}

// lastVisible returns the index in ps of the last cluster that is not a
// space, or -1.
func lastVisible(ps []piece) int {
	for i := len(ps) - 1; i >= 0; i-- {
		if !ps[i].esc && ps[i].text != " " {
			return i
		}
	}
	return -1
}

// trackSGR returns the styles in effect after seq, given those in effect
// before it: a reset clears them, another SGR sequence adds to them, and
// other sequences change nothing.
func trackSGR(active, seq string) string {
	if !strings.HasPrefix(seq, "\x1b[") || !strings.HasSuffix(seq, "m") {
		return active
	}
	if seq == "\x1b[m" || seq == "\x1b[0m" {
		return ""
	}
	return active + seq
}

// hangingIndent returns what a continuation of the plain line starts with:
// its leading spaces and quote bars, and blanks as wide as a list marker
// ("• ", "1. ", "[✓] ").
func hangingIndent(plain string) string {
	var b strings.Builder
	for {
		switch {
		case strings.HasPrefix(plain, " "):
			b.WriteString(" ")
			plain = plain[1:]
		case strings.HasPrefix(plain, "│ "):
			b.WriteString("│ ")
			plain = plain[len("│ "):]
		default:
			if n := listMarker(plain); n > 0 {
				b.WriteString(strings.Repeat(" ", ansi.StringWidth(plain[:n])))
				plain = plain[n:]
				continue
			}
			return b.String()
		}
	}
}

// listMarker returns the length in bytes of the list marker that plain
// starts with, as Glamour draws it, or 0.
func listMarker(plain string) int {
	for _, m := range []string{"• ", "[✓] ", "[ ] "} {
		if strings.HasPrefix(plain, m) {
			return len(m)
		}
	}
	digits := 0
	for digits < len(plain) && plain[digits] >= '0' && plain[digits] <= '9' {
		digits++
	}
	if digits > 0 && strings.HasPrefix(plain[digits:], ". ") {
		return digits + 2
	}
	return 0
}
