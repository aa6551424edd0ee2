package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// KeyMap holds every key binding of the TUI. It implements help.KeyMap:
// ShortHelp lists the main review keys, FullHelp every key in columns.
type KeyMap struct {
	// Reveal shows the answer of the current card.
	Reveal key.Binding
	// Again, Hard, Good and Easy grade the current card.
	Again, Hard, Good, Easy key.Binding
	// Undo takes back the last grade.
	Undo key.Binding
	// Edit opens the card's note in $EDITOR at the card's line.
	Edit key.Binding
	// Open opens the card's note in Obsidian.
	Open key.Binding
	// Skip moves to the next card without grading.
	Skip key.Binding
	// Bury hides the card until tomorrow.
	Bury key.Binding
	// TryIt opens the card's OAuth lab scenario.
	TryIt key.Binding
	// Reset forgets the card's schedule and makes it new again.
	Reset key.Binding
	// Up and Down move the selection on the decks screen.
	Up, Down key.Binding
	// Start starts a session with the selected deck and its sub-decks.
	Start key.Binding
	// Warnings lists the warnings of the vault scan.
	Warnings key.Binding
	// Stats shows the statistics screen.
	Stats key.Binding
	// Help toggles the full help.
	Help key.Binding
	// Back leaves the current screen.
	Back key.Binding
	// Quit quits from any screen.
	Quit key.Binding
}

var _ help.KeyMap = KeyMap{}

// DefaultKeyMap returns recall's key bindings. The space bar is "space" in
// Bubble Tea v2. Keys shared by two screens (enter reveals on the review
// screen and starts a session on the decks screen) are matched by the
// screen that is active.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return KeyMap{
		Reveal:   b([]string{"space", "enter"}, "space", "show answer"),
		Again:    b([]string{"1"}, "1", "again"),
		Hard:     b([]string{"2"}, "2", "hard"),
		Good:     b([]string{"3"}, "3", "good"),
		Easy:     b([]string{"4"}, "4", "easy"),
		Undo:     b([]string{"u"}, "u", "undo"),
		Edit:     b([]string{"e"}, "e", "edit"),
		Open:     b([]string{"o"}, "o", "open in Obsidian"),
		Skip:     b([]string{"s"}, "s", "skip"),
		Bury:     b([]string{"b"}, "b", "bury until tomorrow"),
		TryIt:    b([]string{"t"}, "t", "try it in the lab"),
		Reset:    b([]string{"0"}, "0", "reset card"),
		Up:       b([]string{"k", "up"}, "↑/k", "up"),
		Down:     b([]string{"j", "down"}, "↓/j", "down"),
		Start:    b([]string{"enter"}, "enter", "study deck"),
		Warnings: b([]string{"w"}, "w", "warnings"),
		Stats:    b([]string{"S"}, "S", "statistics"),
		Help:     b([]string{"?"}, "?", "help"),
		Back:     b([]string{"q", "esc"}, "q/esc", "back"),
		Quit:     b([]string{"ctrl+c"}, "ctrl+c", "quit"),
	}
}

// ShortHelp returns the keys of one line of help on the review screen; the
// grade keys are on the grade buttons.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Reveal, k.Undo, k.Edit, k.Help, k.Back}
}

// FullHelp returns every key in columns: grading, the current card, the
// decks screen and the keys that work everywhere.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Reveal, k.Again, k.Hard, k.Good, k.Easy},
		{k.Undo, k.Edit, k.Open, k.Skip, k.Bury, k.TryIt, k.Reset},
		{k.Up, k.Down, k.Start, k.Warnings, k.Stats},
		{k.Help, k.Back, k.Quit},
	}
}
