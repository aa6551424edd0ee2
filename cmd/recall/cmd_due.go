package main

import (
	"encoding/json"
	"fmt"
)

// dueCmd lists what is due per deck.
type dueCmd struct {
	studyFlags
	JSON bool `help:"Print one JSON object instead of text."`
}

// dueReport is what `recall due` prints.
type dueReport = tally

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
		r.add(card.Decks, card.State.IsNew(), clock.IsDue(card.State, now))
	}
	if c.JSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(e.stdout, "%s: %d due, %d new, %d cards\n", s.vault.name, r.Due, r.New, r.Cards)
	printDecks(e.stdout, r.Decks)
	return nil
}
