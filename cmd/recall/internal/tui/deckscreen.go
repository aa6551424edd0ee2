package tui

import (
	"slices"
	"strings"
	"time"

	"github.com/recall-srs/recall/review/fsrs"
	"github.com/recall-srs/recall/review/study"
)

// deckScreen is the deck tree with its counts and the selection. Row 0 is
// "all decks".
type deckScreen struct {
	rows     []DeckRow
	paths    []string // deck path of each row; "" for all decks
	selected int
}

// allDecks names the first row, which studies every deck.
const allDecks = "All decks"

// newDeckScreen counts the new, learning and due cards of every deck and
// its sub-decks.
func newDeckScreen(s *study.Study, now time.Time) deckScreen {
	type counts struct{ new, learning, due int }
	per := map[string]*counts{}
	total := &counts{}
	clock := s.Clock()
	for _, c := range s.Cards() {
		var isNew, isLearning, isDue bool
		switch {
		case c.State.IsNew():
			isNew = true
		case clock.IsDue(c.State, now):
			isDue = true
			isLearning = c.State.FSRS != nil && (c.State.FSRS.State == fsrs.Learning || c.State.FSRS.State == fsrs.Relearning)
		}
		add := func(k *counts) {
			switch {
			case isNew:
				k.new++
			case isLearning:
				k.learning++
			case isDue:
				k.due++
			}
		}
		add(total)
		seen := map[string]bool{}
		for _, d := range c.Decks {
			parts := strings.Split(d, "/")
			for i := range parts {
				p := strings.Join(parts[:i+1], "/")
				if seen[p] {
					continue
				}
				seen[p] = true
				if per[p] == nil {
					per[p] = &counts{}
				}
				add(per[p])
			}
		}
	}
	paths := make([]string, 0, len(per))
	for p := range per {
		paths = append(paths, p)
	}
	// Parents before children: compare paths part by part.
	slices.SortFunc(paths, func(a, b string) int { return slices.Compare(strings.Split(a, "/"), strings.Split(b, "/")) })
	ds := deckScreen{rows: []DeckRow{{Path: []string{allDecks}, New: total.new, Learning: total.learning, Due: total.due}}, paths: []string{""}}
	for _, p := range paths {
		c := per[p]
		ds.rows = append(ds.rows, DeckRow{Path: strings.Split(p, "/"), New: c.new, Learning: c.learning, Due: c.due})
		ds.paths = append(ds.paths, p)
	}
	return ds
}

// move moves the selection by delta rows.
func (d *deckScreen) move(delta int) {
	d.selected = min(max(0, d.selected+delta), len(d.rows)-1)
}

// selectedDeck is the deck path of the selected row ("" for all decks).
func (d deckScreen) selectedDeck() string {
	if d.selected < len(d.paths) {
		return d.paths[d.selected]
	}
	return ""
}
