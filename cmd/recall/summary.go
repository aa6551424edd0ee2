package main

import (
	"time"

	"github.com/recall-srs/recall/deck"
)

// deckCounts are the counts of one deck.
type deckCounts struct {
	Cards int `json:"cards"`
	New   int `json:"new"`
	Due   int `json:"due"`
}

// summary is what `recall scan` reports.
type summary struct {
	Notes    int                   `json:"notes"`
	Cards    int                   `json:"cards"`
	New      int                   `json:"new"`
	Due      int                   `json:"due"`
	ByType   map[string]int        `json:"by_type"`
	Decks    map[string]deckCounts `json:"decks"`
	Warnings []deck.Warning        `json:"warnings"`
}

// summarize counts the cards of a scanned vault. A card is due when its due
// date (for FSRS, the local date of its due instant) is today or earlier.
func summarize(v *deck.Vault, now time.Time) summary {
	s := summary{ByType: map[string]int{}, Decks: map[string]deckCounts{}, Warnings: v.AllWarnings()}
	for _, t := range deck.CardTypes {
		s.ByType[t.String()] = 0
	}
	if s.Warnings == nil {
		s.Warnings = []deck.Warning{}
	}
	today := localDate(now)
	for _, n := range v.Notes {
		s.Notes++
		for _, q := range n.Questions {
			for _, c := range q.Cards {
				isNew, isDue := cardState(c, today)
				s.Cards++
				s.ByType[q.Type.String()]++
				if isNew {
					s.New++
				}
				if isDue {
					s.Due++
				}
				for _, d := range q.Decks {
					dc := s.Decks[d]
					dc.Cards++
					if isNew {
						dc.New++
					}
					if isDue {
						dc.Due++
					}
					s.Decks[d] = dc
				}
			}
		}
	}
	return s
}

// cardState reports whether a card is new, and whether it is due on the
// calendar day today (a date at midnight UTC).
func cardState(c deck.Card, today time.Time) (isNew, isDue bool) {
	switch {
	case c.Schedule == nil:
		return true, false
	case c.Schedule.SM2 != nil:
		return false, !c.Schedule.SM2.Due.After(today)
	case c.Schedule.FSRS != nil:
		return false, !localDate(c.Schedule.FSRS.Due).After(today)
	}
	return true, false
}

// localDate returns t's local calendar date as midnight UTC, the form deck
// uses for due dates.
func localDate(t time.Time) time.Time {
	y, m, d := t.Local().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
