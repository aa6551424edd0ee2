package main

import (
	"time"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review"
)

// deckCounts are the counts of one deck.
type deckCounts struct {
	Cards int `json:"cards"`
	New   int `json:"new"`
	Due   int `json:"due"`
}

// tally counts cards in total and per deck.
type tally struct {
	Cards int                   `json:"cards"`
	New   int                   `json:"new"`
	Due   int                   `json:"due"`
	Decks map[string]deckCounts `json:"decks"`
}

// add counts one card of the given decks.
func (t *tally) add(decks []string, isNew, isDue bool) {
	if t.Decks == nil {
		t.Decks = map[string]deckCounts{}
	}
	one := deckCounts{Cards: 1}
	if isNew {
		one.New = 1
	}
	if isDue {
		one.Due = 1
	}
	t.Cards, t.New, t.Due = t.Cards+1, t.New+one.New, t.Due+one.Due
	for _, d := range decks {
		dc := t.Decks[d]
		t.Decks[d] = deckCounts{Cards: dc.Cards + 1, New: dc.New + one.New, Due: dc.Due + one.Due}
	}
}

// summary is what `recall scan` reports.
type summary struct {
	Notes int `json:"notes"`
	tally
	ByType   map[string]int `json:"by_type"`
	Warnings []deck.Warning `json:"warnings"`
}

// summarize counts the cards of a scanned vault. A card is due when its
// review day has come (see review.Clock.IsDue).
func summarize(v *deck.Vault, clock review.Clock, now time.Time) summary {
	s := summary{ByType: map[string]int{}, tally: tally{Decks: map[string]deckCounts{}}, Warnings: v.AllWarnings()}
	for _, t := range deck.CardTypes {
		s.ByType[t.String()] = 0
	}
	if s.Warnings == nil {
		s.Warnings = []deck.Warning{}
	}
	for _, n := range v.Notes {
		s.Notes++
		for _, q := range n.Questions {
			for _, c := range q.Cards {
				st := review.StateOf(c.Schedule)
				s.add(q.Decks, st.IsNew(), clock.IsDue(st, now))
				s.ByType[q.Type.String()]++
			}
		}
	}
	return s
}
