package tui

import (
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// DeckRow is one line of the deck tree: a deck and its card counts.
type DeckRow struct {
	// Path is the deck's path from the top, such as ["🧠", "network"]; the
	// row shows its last element indented by its depth.
	Path []string
	// New, Learning and Due count the deck's cards of each kind.
	New, Learning, Due int
}

// Symbols that carry meaning without colour.
const (
	cursorMark = "▶ " // the selected row
	crumbSep   = " › "
	ellipsis   = "…"
)

// RenderDeckTree renders the deck tree in width columns: a heading line,
// then one line per row in the given order (parents before their
// children), names indented two columns per level and counts in aligned
// columns (the name column no wider than the longest name needs). The
// selected row (an index into rows; none if out of range) is
// marked with "▶". Names too long for the line end in "…".
func RenderDeckTree(rows []DeckRow, selected int, width int, s Styles) string {
	if len(rows) == 0 {
		return s.Muted.Render(ansi.Truncate("No decks: the vault has no flashcards yet.", width, ellipsis))
	}
	headings := [3]string{"New", "Learn", "Due"}
	colW := [3]int{}
	for i, h := range headings {
		colW[i] = ansi.StringWidth(h)
	}
	for _, r := range rows {
		for i, n := range [3]int{r.New, r.Learning, r.Due} {
			colW[i] = max(colW[i], len(strconv.Itoa(n)))
		}
	}
	countsW := 0
	for _, w := range colW {
		countsW += 2 + w
	}
	// The name column is as wide as the longest name and a gap, so that
	// counts stay near their names on a wide screen.
	longest := 0
	for _, r := range rows {
		longest = max(longest, ansi.StringWidth(deckName(r)))
	}
	nameW := max(min(width-ansi.StringWidth(cursorMark)-countsW, longest+4), 1)

	var b strings.Builder
	b.WriteString(strings.Repeat(" ", ansi.StringWidth(cursorMark)))
	b.WriteString(s.Muted.Render(padRight("Deck", nameW)))
	for i, h := range headings {
		b.WriteString(s.Muted.Render(padLeft(h, colW[i]+2)))
	}
	countStyles := [3]lipgloss.Style{s.New, s.Learning, s.Due}
	for i, r := range rows {
		b.WriteString("\n")
		name := padRight(ansi.Truncate(deckName(r), nameW, ellipsis), nameW)
		if i == selected {
			b.WriteString(s.Selected.Render(cursorMark + name))
		} else {
			b.WriteString(strings.Repeat(" ", ansi.StringWidth(cursorMark)))
			b.WriteString(name)
		}
		for j, n := range [3]int{r.New, r.Learning, r.Due} {
			st := countStyles[j]
			if n == 0 {
				st = s.Muted
			}
			b.WriteString(st.Render(padLeft(strconv.Itoa(n), colW[j]+2)))
		}
	}
	return b.String()
}

// deckName returns the row's last path element indented two columns per
// level.
func deckName(r DeckRow) string {
	if len(r.Path) == 0 {
		return ""
	}
	return strings.Repeat("  ", len(r.Path)-1) + r.Path[len(r.Path)-1]
}

// RenderHeader renders the top line of the decks screen in width columns:
// "recall", the vault (or "built-in OAuth deck" when vault is ""), and
// today's date on the right, with a rule below. A long vault path loses its
// beginning first.
func RenderHeader(vault string, today time.Time, width int, s Styles) string {
	title := "recall"
	date := today.Format("Mon 2 Jan 2006")
	if vault == "" {
		vault = "built-in OAuth deck"
	}
	room := width - ansi.StringWidth(title) - ansi.StringWidth(crumbSep) - ansi.StringWidth(date) - 2
	if room < 4 {
		date = ""
		room = width - ansi.StringWidth(title) - ansi.StringWidth(crumbSep)
	}
	if ansi.StringWidth(vault) > room {
		vault = ansi.TruncateLeft(vault, ansi.StringWidth(vault)-room+1, ellipsis)
	}
	left := s.Title.Render(title) + s.Muted.Render(crumbSep) + vault
	gap := max(width-ansi.StringWidth(left)-ansi.StringWidth(date), 1)
	line := left + strings.Repeat(" ", gap) + s.Muted.Render(date)
	return ansi.Truncate(line, width, "") + "\n" + s.Rule.Render(strings.Repeat("─", width))
}

// padRight pads s with spaces to width display columns.
func padRight(s string, width int) string {
	return s + strings.Repeat(" ", max(width-ansi.StringWidth(s), 0))
}

// padLeft pads s with spaces on the left to width display columns.
func padLeft(s string, width int) string {
	return strings.Repeat(" ", max(width-ansi.StringWidth(s), 0)) + s
}
