package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// dueCmd lists what is due per deck.
type dueCmd struct {
	studyFlags
	JSON bool `help:"Print one JSON object instead of text."`
}

// dueReport is what `recall due` prints.
type dueReport struct {
	Due   int                   `json:"due"`
	New   int                   `json:"new"`
	Cards int                   `json:"cards"`
	Decks map[string]deckCounts `json:"decks"`
}

// Run prints the due and new counts of each deck, wherever the schedules
// are kept.
func (c *dueCmd) Run(e *env) error {
	s, err := c.openStudy(e)
	if err != nil {
		return err
	}
	defer s.close()
	now, _ := e.clock()
	r := dueReport{Decks: map[string]deckCounts{}}
	clock := s.Clock()
	for _, card := range s.Cards() {
		isNew, isDue := card.State.IsNew(), clock.IsDue(card.State, now)
		r.Cards++
		if isNew {
			r.New++
		}
		if isDue {
			r.Due++
		}
		for _, d := range card.Decks {
			dc := r.Decks[d]
			dc.Cards++
			if isNew {
				dc.New++
			}
			if isDue {
				dc.Due++
			}
			r.Decks[d] = dc
		}
	}
	if c.JSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(e.stdout, "%s: %d due, %d new, %d cards\n", s.vault.name, r.Due, r.New, r.Cards)
	names := make([]string, 0, len(r.Decks))
	width := len("deck")
	for d := range r.Decks {
		names = append(names, d)
		width = max(width, displayWidth(d))
	}
	slices.Sort(names)
	if len(names) > 0 {
		fmt.Fprintf(e.stdout, "\n%s%s  %6s %6s %6s\n", "deck", strings.Repeat(" ", width-len("deck")), "due", "new", "cards")
	}
	for _, d := range names {
		dc := r.Decks[d]
		fmt.Fprintf(e.stdout, "%s%s  %6d %6d %6d\n", d, strings.Repeat(" ", width-displayWidth(d)), dc.Due, dc.New, dc.Cards)
	}
	return nil
}
