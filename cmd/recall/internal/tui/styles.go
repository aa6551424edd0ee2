package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
)

// Styles holds every style of the TUI. Colour is never the only carrier of a
// meaning: selections have a "▶", grades are written out ("[Again]"),
// highlights have brackets and the heatmap uses shade characters, so the
// screens read the same under NO_COLOR.
type Styles struct {
	// Markdown is Glamour's style for card text, without document margins.
	Markdown gansi.StyleConfig
	// Title is the application name in the header.
	Title lipgloss.Style
	// Muted is secondary text: dates, separators, column headings, zeros.
	Muted lipgloss.Style
	// Strong is emphasised text such as numbers in tables.
	Strong lipgloss.Style
	// Breadcrumb is the "note › H1 › H2" line above a card.
	Breadcrumb lipgloss.Style
	// Rule is a horizontal divider.
	Rule lipgloss.Style
	// Selected is the selected row of a list (drawn with a "▶" as well).
	Selected lipgloss.Style
	// New, Learning and Due colour the deck counts.
	New, Learning, Due lipgloss.Style
	// Highlight marks ==highlights== and cloze deletions (with brackets).
	Highlight lipgloss.Style
	// Grades style the Again, Hard, Good and Easy buttons, in that order.
	Grades [4]lipgloss.Style
	// Key styles a key name in hints, such as "space".
	Key lipgloss.Style
	// Heat styles the heatmap levels from none (0) to most (4).
	Heat [5]lipgloss.Style
	// Bar styles the bars of charts.
	Bar lipgloss.Style
	// ProgressFull and ProgressEmpty colour the progress bar.
	ProgressFull, ProgressEmpty color.Color
	// Help styles the Bubbles help view.
	Help help.Styles
}

// NewStyles returns the styles for a dark (isDark) or light terminal
// background; the root model gets isDark from tea.BackgroundColorMsg.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	fg := func(light, dark string) lipgloss.Style { return lipgloss.NewStyle().Foreground(c(light, dark)) }

	accent := c("#5A56E0", "#8B87FF")
	muted := fg("#7A7A7A", "#8A8A8A")
	s := Styles{
		Markdown:   markdownStyle(isDark),
		Title:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		Muted:      muted,
		Strong:     lipgloss.NewStyle().Bold(true),
		Breadcrumb: fg("#4E4E4E", "#B2B2B2"),
		Rule:       fg("#C6C6C6", "#444444"),
		Selected:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		New:        fg("#1F6FEB", "#5FAFFF"),
		Learning:   fg("#C0392B", "#FF6F6F"),
		Due:        fg("#1E8449", "#5FD787"),
		Highlight: lipgloss.NewStyle().Bold(true).
			Foreground(lipgloss.Color("#1A1A1A")).
			Background(c("#FFE066", "#E5C07B")),
		Key:           lipgloss.NewStyle().Bold(true).Foreground(accent),
		Bar:           lipgloss.NewStyle().Foreground(accent),
		ProgressFull:  accent,
		ProgressEmpty: c("#D0D0D0", "#3A3A3A"),
		Help:          help.DefaultStyles(isDark),
	}
	for i, pair := range [4][2]string{
		{"#C0392B", "#FF6F6F"}, // Again
		{"#B9770E", "#FFB86C"}, // Hard
		{"#1E8449", "#5FD787"}, // Good
		{"#1F6FEB", "#5FAFFF"}, // Easy
	} {
		s.Grades[i] = lipgloss.NewStyle().Bold(true).Foreground(c(pair[0], pair[1]))
	}
	for i, pair := range [5][2]string{
		{"#C6C6C6", "#4E4E4E"},
		{"#9BE9A8", "#0E4429"},
		{"#40C463", "#006D32"},
		{"#30A14E", "#26A641"},
		{"#216E39", "#39D353"},
	} {
		s.Heat[i] = lipgloss.NewStyle().Foreground(c(pair[0], pair[1]))
	}
	return s
}

// markdownStyle adapts Glamour's standard light or dark style to card
// text: no document margin or blank lines around the card, and marks that
// read without colour: "# " before first-level headings and backticks
// around code spans (Glamour pads them with spaces, which leaves nothing
// but a double space under NO_COLOR).
func markdownStyle(isDark bool) gansi.StyleConfig {
	cfg := styles.LightStyleConfig
	if isDark {
		cfg = styles.DarkStyleConfig
	}
	zero := uint(0)
	cfg.Document.Margin = &zero
	cfg.Document.BlockPrefix = ""
	cfg.Document.BlockSuffix = ""
	cfg.H1.Prefix = "# "
	cfg.H1.Suffix = ""
	cfg.Code.Prefix = "`"
	cfg.Code.Suffix = "`"
	return cfg
}
