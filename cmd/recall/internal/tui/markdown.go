package tui

import (
	"image/color"
	"strings"
	"unicode/utf8"

	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Marks stand in for inline styles that recall draws itself. They are
// private-use characters, which Glamour copies through as text.
const (
	markHighlight    = '\uE000' // opens ==text==; brackets are added
	markHighlightEnd = '\uE001'
	markDeletion     = '\uE002' // opens ==[...]== or ==[hint]==, already bracketed
	markDeletionEnd  = '\uE003'
	markBold         = '\uE004' // opens **text**
	markBoldEnd      = '\uE005'
)

// tabWidth is the number of spaces a tab in card text becomes.
const tabWidth = 4

// RenderCard renders one side of a card, Markdown as the deck gives it, in
// at most width columns (no limit if width < 1). Glamour draws the blocks
// (paragraphs, lists, code, quotes) without wrapping; recall then wraps by
// display width at UAX #14 line-break opportunities, so mixed Chinese and
// English lines are filled. recall draws three inline styles itself:
// ==highlights== and cloze deletions (==[...]== on a front, ==answer== on a
// back) in s.Highlight with brackets, and **bold**, which CommonMark leaves
// as asterisks next to CJK punctuation ("**權限範疇：**通常"). Glamour never
// sees "==" or "**" outside code; single newlines are kept, as Obsidian shows
// them. The result has no leading or trailing blank lines and no trailing
// spaces.
func RenderCard(md string, width int, s Styles) string {
	src := markInline(strings.ReplaceAll(md, "\t", strings.Repeat(" ", tabWidth)))
	out, err := renderMarkdown(src, s)
	if err != nil {
		// Glamour fails only if its writer does; show the text as it is.
		out = md
	}
	out = applyMarks(out, s)
	return trimBlankLines(wrapStyled(out, width))
}

// renderMarkdown runs Glamour with the card style and no word wrap.
func renderMarkdown(src string, s Styles) (string, error) {
	r, err := glamour.NewTermRenderer(
		glamour.WithStyles(s.Markdown),
		glamour.WithWordWrap(0),
		glamour.WithPreservedNewLines(),
	)
	if err != nil {
		return "", err
	}
	return r.Render(src)
}

// trimBlankLines drops blank lines (which may still hold escape sequences)
// at the start and end of s.
func trimBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	blank := func(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// markInline replaces the delimiters of ==highlights== and **bold** with
// marks, outside fenced code blocks and code spans. Marks already in the
// text are removed first.
func markInline(md string) string {
	md = strings.Map(func(r rune) rune {
		if r >= markHighlight && r <= markBoldEnd {
			return -1
		}
		return r
	}, md)
	lines := strings.Split(md, "\n")
	var fence string
	for i, l := range lines {
		if f := fenceOf(l); f != "" {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(f, fence) && strings.TrimSpace(strings.TrimLeft(l, " "+fence[:1])) == "":
				fence = ""
			}
			continue
		}
		if fence == "" {
			lines[i] = markLine(l)
		}
	}
	return strings.Join(lines, "\n")
}

// fenceOf returns the backtick or tilde run that opens or closes a fenced
// code block on line l (indented at most three spaces), or "".
func fenceOf(l string) string {
	t := strings.TrimLeft(l, " ")
	if len(l)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return ""
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return ""
	}
	return t[:n]
}

// span is a pair of delimiters found on a line: bytes [open, open+2) and
// [close, close+2).
type span struct{ open, close int }

// markLine replaces the delimiters of highlights and bold on one line.
func markLine(l string) string {
	code := codeSpans(l)
	highlights := pairDelims(l, "==", code)
	bolds := pairDelims(l, "**", code)
	if len(highlights) == 0 && len(bolds) == 0 {
		return l
	}
	marks := map[int]rune{}
	for _, h := range highlights {
		inner := l[h.open+2 : h.close]
		if strings.HasPrefix(inner, "[") && strings.HasSuffix(inner, "]") {
			marks[h.open], marks[h.close] = markDeletion, markDeletionEnd
		} else {
			marks[h.open], marks[h.close] = markHighlight, markHighlightEnd
		}
	}
	for _, p := range bolds {
		marks[p.open], marks[p.close] = markBold, markBoldEnd
	}
	var b strings.Builder
	for i := 0; i < len(l); i++ {
		if m, ok := marks[i]; ok {
			b.WriteRune(m)
			i++ // a delimiter is two bytes
			continue
		}
		b.WriteByte(l[i])
	}
	return b.String()
}

// pairDelims pairs the two-byte delimiters d on line l outside the code
// spans: an opener is followed by a character other than a space or d's
// own, a closer preceded by one that is not a space; a delimiter after a
// backslash is literal. Each opener takes the nearest closer after it.
func pairDelims(l, d string, code []span) []span {
	var (
		out  []span
		open = -1
	)
	for i := 0; i+len(d) <= len(l); i++ {
		if inSpans(i, code) || l[i:i+len(d)] != d || (i > 0 && l[i-1] == '\\') {
			continue
		}
		next := len(l) > i+len(d) && l[i+len(d)] != ' ' && l[i+len(d)] != d[0]
		prev := i > 0 && l[i-1] != ' '
		switch {
		case open >= 0 && prev:
			out = append(out, span{open, i})
			open = -1
		case open < 0 && next:
			open = i
		default:
			continue
		}
		i += len(d) - 1
	}
	return out
}

// codeSpans returns the byte ranges of the code spans on line l: a run of
// backticks up to the next run of the same length.
func codeSpans(l string) []span {
	var out []span
	run := func(i int) int {
		n := 0
		for i+n < len(l) && l[i+n] == '`' {
			n++
		}
		return n
	}
	for i := 0; i < len(l); {
		n := run(i)
		if n == 0 {
			i++
			continue
		}
		j := i + n
		for j < len(l) {
			if m := run(j); m > 0 {
				if m == n {
					break
				}
				j += m
				continue
			}
			j++
		}
		if j >= len(l) {
			i += n // no closer: the backticks are literal
			continue
		}
		out = append(out, span{i, j + n})
		i = j + n
	}
	return out
}

// inSpans reports whether byte i lies in one of the spans [open, close).
func inSpans(i int, spans []span) bool {
	for _, s := range spans {
		if i >= s.open && i < s.close {
			return true
		}
	}
	return false
}

// applyMarks turns the marks in Glamour's output into styles: highlights
// and deletions in s.Highlight (with brackets added around highlights),
// bold as bold. Glamour closes its style after every run of text, so the
// marks' styles are applied again after each of Glamour's SGR sequences and
// Glamour's style is restored when a mark ends.
func applyMarks(out string, s Styles) string {
	if !strings.ContainsFunc(out, func(r rune) bool { return r >= markHighlight && r <= markBoldEnd }) {
		return out
	}
	var (
		b               strings.Builder
		active          string // Glamour's SGR sequences since its last reset
		highlight, bold bool
		state           byte
	)
	hl := sgrOf(s.Highlight)
	overlay := func() {
		if bold {
			b.WriteString(ansi.NewStyle().Bold().String())
		}
		if highlight {
			b.WriteString(hl)
		}
	}
	restore := func() {
		b.WriteString(ansi.ResetStyle)
		b.WriteString(active)
		overlay()
	}
	for len(out) > 0 {
		seq, w, n, next := ansi.DecodeSequence(out, state, nil)
		state, out = next, out[n:]
		if isControl(seq, w) {
			b.WriteString(seq)
			active = trackSGR(active, seq)
			if strings.HasSuffix(seq, "m") {
				overlay()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(seq)
		switch r {
		case markHighlight:
			highlight = true
			overlay()
			b.WriteString("[")
		case markDeletion:
			highlight = true
			overlay()
		case markHighlightEnd:
			b.WriteString("]")
			highlight = false
			restore()
		case markDeletionEnd:
			highlight = false
			restore()
		case markBold:
			bold = true
			overlay()
		case markBoldEnd:
			bold = false
			restore()
		default:
			size = 0
		}
		b.WriteString(seq[size:])
	}
	return b.String()
}

// sgrOf returns the SGR sequence that turns on the attributes and colours
// of st.
func sgrOf(st lipgloss.Style) string {
	a := ansi.NewStyle()
	if st.GetBold() {
		a = a.Bold()
	}
	if st.GetReverse() {
		a = a.Reverse(true)
	}
	if c := st.GetForeground(); hasColor(c) {
		a = a.ForegroundColor(c)
	}
	if c := st.GetBackground(); hasColor(c) {
		a = a.BackgroundColor(c)
	}
	return a.String()
}

// hasColor reports whether c is a colour rather than its absence.
func hasColor(c color.Color) bool {
	_, none := c.(lipgloss.NoColor)
	return c != nil && !none
}
