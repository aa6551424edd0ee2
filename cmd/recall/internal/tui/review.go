package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/progress"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// gradeNames are the four grades in key order: 1 Again … 4 Easy.
var gradeNames = [4]string{"Again", "Hard", "Good", "Easy"}

// ReviewView is what the review screen shows of the current card.
type ReviewView struct {
	// Breadcrumb is the card's note followed by the headings above the
	// card, shown as "note › H1 › H2".
	Breadcrumb []string
	// Deck is the card's deck path, shown as "🧠 › network".
	Deck []string
	// Question and Answer are the card's sides as Markdown.
	Question, Answer string
	// Revealed shows the answer and the grade buttons.
	Revealed bool
	// Done counts the cards graded in this session, Remaining those left.
	Done, Remaining int
	// Intervals are the intervals each grade would give, in the order
	// Again, Hard, Good, Easy, such as "10m" or "3d"; "" shows none.
	Intervals [4]string
	// Scroll is the first line of the card shown when the card is taller
	// than the screen; values past the end show the card's last page.
	Scroll int
}

// RenderReview renders the review screen in exactly height lines of at
// most width columns: the breadcrumb, the deck and progress, a progress
// bar, the card (question, and below a divider the answer once revealed),
// and at the bottom the grade buttons or the key that shows the answer.
// A card taller than the space left scrolls, with "↑"/"↓" lines saying how
// much is hidden.
func RenderReview(v ReviewView, width, height int, s Styles) string {
	head := []string{
		s.Breadcrumb.Render(ansi.Truncate(strings.Join(v.Breadcrumb, crumbSep), width, ellipsis)),
		deckLine(v, width, s),
		progressBar(v.Done, v.Remaining, width, s),
		"",
	}
	foot := []string{""}
	if v.Revealed {
		foot = append(foot, gradeButtons(v.Intervals, width, s)...)
	} else {
		foot = append(foot, lipgloss.PlaceHorizontal(width, lipgloss.Center,
			s.Key.Render("[space]")+" show answer"))
	}

	body := cardBody(v, width, s)
	room := max(height-len(head)-len(foot), 1)
	body = scrollLines(body, v.Scroll, room, width, s)
	for len(body) < room {
		body = append(body, "")
	}

	lines := append(append(head, body...), foot...)
	if len(lines) > height {
		lines = lines[:height]
	}
	return strings.Join(lines, "\n")
}

// deckLine renders the deck path on the left and the session counts on the
// right.
func deckLine(v ReviewView, width int, s Styles) string {
	counts := fmt.Sprintf("%d done · %d left", v.Done, v.Remaining)
	deckW := max(width-ansi.StringWidth(counts)-2, 0)
	deck := ansi.Truncate(strings.Join(v.Deck, crumbSep), deckW, ellipsis)
	return padRight(deck, deckW+2) + s.Muted.Render(counts)
}

// progressBar renders the share of the session done as a bar across the
// width: "█" done, "░" left.
func progressBar(done, remaining, width int, s Styles) string {
	bar := progress.New(
		progress.WithColors(s.ProgressFull),
		progress.WithFillCharacters(progress.DefaultFullCharFullBlock, progress.DefaultEmptyCharBlock),
		progress.WithoutPercentage(),
		progress.WithWidth(width),
	)
	bar.EmptyColor = s.ProgressEmpty
	share := 0.0
	if total := done + remaining; total > 0 {
		share = float64(done) / float64(total)
	}
	return bar.ViewAs(share)
}

// cardBody renders the question, and the answer below a divider when it is
// revealed, indented one column on each side.
func cardBody(v ReviewView, width int, s Styles) []string {
	inner := max(width-2, 1)
	lines := indentLines(RenderCard(v.Question, inner, s))
	if v.Revealed {
		label := " answer "
		side := max(width-ansi.StringWidth(label), 0)
		lines = append(lines, "", s.Rule.Render(strings.Repeat("─", side/2))+s.Muted.Render(label)+
			s.Rule.Render(strings.Repeat("─", side-side/2)), "")
		lines = append(lines, indentLines(RenderCard(v.Answer, inner, s))...)
	}
	return lines
}

// indentLines splits rendered text into lines and indents those with text
// by one column.
func indentLines(text string) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if ansi.Strip(l) != "" {
			lines[i] = " " + l
		}
	}
	return lines
}

// scrollLines returns at most room lines of body starting near line from;
// when lines are hidden above or below, the first or last line says so.
func scrollLines(body []string, from, room, width int, s Styles) []string {
	if len(body) <= room {
		return body
	}
	more := func(arrow string, n int) string {
		return s.Muted.Render(ansi.Truncate(fmt.Sprintf(" %s %d more lines", arrow, n), width, ellipsis))
	}
	if room < 3 {
		return body[:room]
	}
	// Lines for the card once the "more" lines are taken.
	from = min(max(from, 0), len(body)-(room-1))
	var out []string
	if from > 0 {
		out = append(out, more("↑", from))
	}
	shown := room - len(out)
	if from+shown < len(body) {
		shown--
	}
	out = append(out, body[from:from+shown]...)
	if hidden := len(body) - from - shown; hidden > 0 {
		out = append(out, more("↓", hidden))
	}
	return out
}

// gradeButtons renders the four buttons "[1 Again 10m]" … "[4 Easy 7d]"
// centred on one line, or on two lines when one is too narrow.
func gradeButtons(intervals [4]string, width int, s Styles) []string {
	var buttons [4]string
	for i, name := range gradeNames {
		text := fmt.Sprintf("%d %s", i+1, name)
		if intervals[i] != "" {
			text += " " + intervals[i]
		}
		buttons[i] = s.Grades[i].Render("[" + text + "]")
	}
	one := strings.Join(buttons[:], "  ")
	if ansi.StringWidth(one) <= width {
		return []string{lipgloss.PlaceHorizontal(width, lipgloss.Center, one)}
	}
	return []string{
		lipgloss.PlaceHorizontal(width, lipgloss.Center, buttons[0]+"  "+buttons[1]),
		lipgloss.PlaceHorizontal(width, lipgloss.Center, buttons[2]+"  "+buttons[3]),
	}
}
