package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/study"
)

// Config is what the TUI needs from the composition root.
type Config struct {
	// Study is the opened vault and database. The TUI uses it from one
	// command at a time.
	Study *study.Study
	// Vault names the vault in the header ("~/notes", or the built-in
	// deck's name).
	Vault string
	// Dir is the vault folder on disk, for $EDITOR; "" for the built-in
	// deck (which cannot be edited).
	Dir string
	// ObsidianVault is the vault's name for obsidian:// links; "" when the
	// vault is not an Obsidian vault.
	ObsidianVault string
	// Reopen opens the study again after a note was edited outside.
	Reopen func() (*study.Study, error)
	// Editor is the command line of $EDITOR ("" disables e).
	Editor string
	// Opener opens an obsidian:// URL (xdg-open); nil disables o.
	Opener func(url string) error
	// Now is the clock.
	Now func() time.Time
	// NewPerDay limits new cards a day.
	NewPerDay int
}

// screen says which screen is shown.
type screen int

const (
	screenDecks screen = iota
	screenReview
	screenSummary
	screenWarnings
	screenStats
	screenLab
	screenFatal
)

// Model is the root model of the TUI: the only tea.Model. Screens are
// fields; keys go to the root first, then to the active screen.
type Model struct {
	cfg     Config
	keys    KeyMap
	styles  Styles
	help    help.Model
	isDark  bool
	width   int
	height  int
	screen  screen
	decks   deckScreen
	review  reviewScreen
	lab     labScreen
	warns   int // first warning shown, and first line of the statistics
	stats   StatsView
	status  string
	fatal   error
	busy    bool    // a command that uses the study is running
	showAll bool    // full help
	first   tea.Cmd // run by Init, besides the background colour request
}

// New returns the root model for cfg.
func New(cfg Config) Model {
	if cfg.NewPerDay <= 0 {
		cfg.NewPerDay = study.DefaultNewPerDay
	}
	m := Model{cfg: cfg, keys: DefaultKeyMap(), isDark: true, width: 80, height: 24, help: help.New()}
	m.styles = NewStyles(m.isDark)
	if cfg.Study != nil {
		m.decks = newDeckScreen(cfg.Study, cfg.Now())
	}
	return m
}

// NewLab returns the root model opened on the OAuth lab, on a scenario
// when name is not empty; leaving the lab quits.
func NewLab(cfg Config, name string) (Model, tea.Cmd) {
	m := New(cfg)
	next, cmd := m.openLab(name, screenLab)
	return next.(Model), cmd
}

// Init asks for the terminal's background colour.
func (m Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.first)
}

// Messages.
type (
	questionLoadedMsg struct {
		id       string
		note     *deck.Note
		question *deck.Question
		err      error
	}
	cardGradedMsg struct {
		rating review.Rating
		result study.Result
		err    error
	}
	buriedMsg     struct{ err error }
	queueBuiltMsg struct {
		deck   string
		queue  *review.Queue
		resume bool // after an edit: keep the session's counts
		err    error
	}
	undoneMsg struct {
		id  string
		err error
	}
	editorFinishedMsg struct{ err error }
	studyReopenedMsg  struct {
		study *study.Study
		err   error
	}
	openedMsg struct{ err error }
)

// Update handles a message: global keys first, then the active screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, nil
	case tea.BackgroundColorMsg:
		m.isDark = msg.IsDark()
		m.styles = NewStyles(m.isDark)
		return m, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Quit) {
			return m, tea.Quit
		}
		if m.screen == screenFatal {
			return m, tea.Quit
		}
		if key.Matches(msg, m.keys.Help) && !(m.screen == screenLab && m.lab.editing) {
			m.showAll = !m.showAll
			return m, nil
		}
		if m.busy {
			return m, nil
		}
		m.status = ""
		switch m.screen {
		case screenDecks:
			return m.updateDecks(msg)
		case screenReview:
			return m.updateReview(msg)
		case screenLab:
			return m.updateLab(msg)
		case screenSummary, screenWarnings, screenStats:
			if key.Matches(msg, m.keys.Stats) && m.screen != screenStats {
				m.busy = true
				return m, loadStats(m.cfg.Study, m.cfg.Now())
			}
			if key.Matches(msg, m.keys.Back) || key.Matches(msg, m.keys.Start) {
				m.screen = screenDecks
				m.decks = newDeckScreen(m.cfg.Study, m.cfg.Now())
			}
			if m.screen == screenWarnings || m.screen == screenStats {
				m.scrollWarnings(msg)
			}
			return m, nil
		}
	case queueBuiltMsg:
		return m.queueBuilt(msg)
	case questionLoadedMsg:
		m.busy = false
		return m.questionLoaded(msg)
	case cardGradedMsg:
		m.busy = false
		return m.cardGraded(msg)
	case undoneMsg:
		m.busy = false
		return m.undone(msg)
	case editorFinishedMsg:
		if msg.err != nil {
			m.status = "the editor failed: " + msg.err.Error()
		}
		m.busy = true
		return m, reopenStudy(m.cfg.Reopen)
	case studyReopenedMsg:
		m.busy = false
		if msg.err != nil {
			m.fatal, m.screen = msg.err, screenFatal
			return m, nil
		}
		m.cfg.Study = msg.study
		return m.restartSession()
	case labStartedMsg:
		m.busy = false
		if msg.err != nil {
			m.fatal, m.screen = msg.err, screenFatal
			return m, nil
		}
		m.lab.lab = msg.lab
		if m.lab.open {
			return m.loadStep(true)
		}
		return m, nil
	case labSentMsg:
		m.busy = false
		return m.labSent(msg)
	case labClockMsg:
		if msg.err != nil {
			m.status = msg.err.Error()
		}
		return m, nil
	case statsLoadedMsg:
		m.busy = false
		if msg.err != nil {
			m.status = "cannot read the review log: " + msg.err.Error()
			return m, nil
		}
		m.stats, m.screen, m.warns = msg.view, screenStats, 0
		return m, nil
	case buriedMsg:
		if msg.err != nil {
			m.status = "cannot bury: " + msg.err.Error()
		}
		return m, nil
	case openedMsg:
		if msg.err != nil {
			m.status = "cannot open Obsidian: " + msg.err.Error()
		}
		return m, nil
	}
	return m, nil
}

// updateDecks handles a key on the decks screen.
func (m Model) updateDecks(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Back):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Up):
		m.decks.move(-1)
	case key.Matches(msg, m.keys.Down):
		m.decks.move(1)
	case key.Matches(msg, m.keys.Warnings):
		if len(m.cfg.Study.Warnings()) == 0 {
			m.status = "no warnings"
			return m, nil
		}
		m.screen, m.warns = screenWarnings, 0
	case key.Matches(msg, m.keys.Stats):
		m.busy = true
		return m, loadStats(m.cfg.Study, m.cfg.Now())
	case msg.String() == "l":
		return m.openLab("", screenDecks)
	case key.Matches(msg, m.keys.Start):
		return m.startSession(m.decks.selectedDeck())
	}
	return m, nil
}

// View renders the active screen.
func (m Model) View() tea.View {
	var body string
	switch m.screen {
	case screenFatal:
		body = m.renderFatal()
	case screenReview:
		body = m.renderReview()
	case screenSummary:
		body = m.renderSummary()
	case screenWarnings:
		body = m.renderWarnings()
	case screenStats:
		body = m.renderStats()
	case screenLab:
		body = m.renderLab()
	default:
		body = m.renderDecks()
	}
	v := tea.NewView(body)
	v.AltScreen = true
	v.WindowTitle = "recall — " + m.cfg.Vault
	return v
}

// footer renders the status line and the help line.
func (m Model) footer(bindings []key.Binding) string {
	var lines []string
	if m.status != "" {
		lines = append(lines, m.styles.Strong.Render(ansi.Truncate(m.status, m.width, "…")))
	}
	m.help.SetWidth(m.width)
	m.help.Styles = m.styles.Help
	if m.showAll {
		lines = append(lines, m.help.FullHelpView(m.keys.FullHelp()))
	} else {
		lines = append(lines, m.help.ShortHelpView(bindings))
	}
	return strings.Join(lines, "\n")
}

// renderDecks renders the decks screen.
func (m Model) renderDecks() string {
	header := RenderHeader(m.cfg.Vault, m.cfg.Now(), m.width, m.styles)
	warnings := ""
	if n := len(m.cfg.Study.Warnings()); n > 0 {
		warnings = m.styles.Strong.Render(fmt.Sprintf("%d warning(s) — press w to see them", n))
	}
	foot := m.footer([]key.Binding{m.keys.Start, m.keys.Up, m.keys.Down, m.keys.Warnings, m.keys.Stats, m.keys.Help, m.keys.Back})
	used := lipglossHeight(header) + lipglossHeight(foot) + 2
	if warnings != "" {
		used++
	}
	tree := RenderDeckTree(m.decks.rows, m.decks.selected, m.width, m.styles)
	tree = fitLines(tree, m.height-used)
	parts := []string{header, "", tree}
	if warnings != "" {
		parts = append(parts, warnings)
	}
	return padTo(strings.Join(parts, "\n"), m.height-lipglossHeight(foot)) + "\n" + foot
}

// renderFatal renders an error that ends the program.
func (m Model) renderFatal() string {
	msg := "recall cannot go on:\n\n  " + m.fatal.Error() + "\n\nPress any key to quit."
	return ansi.Wrap(msg, m.width, "")
}

// renderStats renders the statistics, scrolled to m.warns.
func (m Model) renderStats() string {
	foot := m.footer([]key.Binding{m.keys.Up, m.keys.Down, m.keys.Back})
	room := max(1, m.height-lipglossHeight(foot))
	lines := strings.Split(RenderStats(m.stats, m.width, m.styles), "\n")
	from := min(m.warns, max(0, len(lines)-room))
	lines = lines[from:min(len(lines), from+room)]
	return padTo(strings.Join(lines, "\n"), room) + "\n" + foot
}

// scrollWarnings moves through the warnings list or the statistics.
func (m *Model) scrollWarnings(msg tea.KeyPressMsg) {
	last := len(m.cfg.Study.Warnings()) - 1
	if m.screen == screenStats {
		last = 200
	}
	switch {
	case key.Matches(msg, m.keys.Down):
		m.warns = min(m.warns+1, max(0, last))
	case key.Matches(msg, m.keys.Up):
		m.warns = max(0, m.warns-1)
	}
}

// renderWarnings lists the scan's warnings as file:line: message.
func (m Model) renderWarnings() string {
	ws := m.cfg.Study.Warnings()
	foot := m.footer([]key.Binding{m.keys.Up, m.keys.Down, m.keys.Back})
	room := max(1, m.height-lipglossHeight(foot)-2)
	lines := []string{m.styles.Title.Render(fmt.Sprintf("%d warning(s)", len(ws))), ""}
	for _, w := range ws[m.warns:min(len(ws), m.warns+room)] {
		lines = append(lines, ansi.Truncate(w.String(), m.width, "…"))
	}
	return padTo(strings.Join(lines, "\n"), m.height-lipglossHeight(foot)) + "\n" + foot
}

// lipglossHeight counts the lines of a rendered block.
func lipglossHeight(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, "\n") + 1
}

// fitLines keeps at most n lines of s.
func fitLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if n < 1 {
		n = 1
	}
	if len(lines) > n {
		lines = append(lines[:n-1], "…")
	}
	return strings.Join(lines, "\n")
}

// padTo pads s with empty lines to n lines.
func padTo(s string, n int) string {
	if h := lipglossHeight(s); h < n {
		s += strings.Repeat("\n", n-h)
	}
	return s
}
