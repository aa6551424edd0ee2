package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review"
)

// cardsCmd lists every card of a vault.
type cardsCmd struct {
	studyFlags
	JSON bool `help:"Print a JSON array, one object per card."`
}

// cardJSON is one card in `recall cards --json`.
type cardJSON struct {
	ID       string        `json:"id"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Type     string        `json:"type"`
	Sibling  int           `json:"sibling"`
	Decks    []string      `json:"decks"`
	Question string        `json:"question"`
	Answer   string        `json:"answer"`
	Context  []string      `json:"context"`
	Schedule *scheduleJSON `json:"schedule"`
	// Lab names the OAuth lab scenario the card links to, if any.
	Lab string `json:"lab,omitempty"`
}

// scheduleJSON is a card's schedule: SM-2 fields, or FSRS fields.
type scheduleJSON struct {
	Algorithm  string   `json:"algorithm"`
	Due        string   `json:"due"`
	Interval   float64  `json:"interval"`
	Ease       *int     `json:"ease,omitempty"`
	Stability  *float64 `json:"stability,omitempty"`
	Difficulty *float64 `json:"difficulty,omitempty"`
	State      *int     `json:"state,omitempty"`
	Reps       *int     `json:"reps,omitempty"`
	Lapses     *int     `json:"lapses,omitempty"`
	Step       *int     `json:"learning_step,omitempty"`
	LastReview *string  `json:"last_review,omitempty"`
}

// Run scans the vault and prints its cards, each with its schedule wherever
// it is kept (the note, or recall's database).
func (c *cardsCmd) Run(e *env) error {
	s, err := c.openStudy(e)
	if err != nil {
		return err
	}
	defer s.close()
	vault, err := s.vault.scan(nil)
	if err != nil {
		return err
	}
	out := []cardJSON{}
	for _, n := range vault.Notes {
		for _, q := range n.Questions {
			for _, card := range q.Cards {
				out = append(out, cardJSON{
					ID: card.ID, File: n.Path, Line: q.FirstLine, Type: q.Type.String(), Sibling: card.Sibling,
					Decks: q.Decks, Question: card.Front, Answer: card.Back, Context: nonNil(q.Context),
					Schedule: scheduleOf(s.stateOf(card)), Lab: q.Lab,
				})
			}
		}
	}
	if c.JSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	for _, card := range out {
		sched := "new"
		if s := card.Schedule; s != nil {
			sched = fmt.Sprintf("due %s, interval %g", s.Due, s.Interval)
		}
		fmt.Fprintf(e.stdout, "%s  %s:%d  %s  [%s]  %s\n", card.ID, card.File, card.Line, oneLine(card.Question), strings.Join(card.Decks, ", "), sched)
	}
	return nil
}

// stateOf returns a card's schedule as recall knows it: from its index
// record, else from the note.
func (o *openedStudy) stateOf(c deck.Card) review.State {
	if rec, ok := o.Card(c.ID); ok {
		return rec.State
	}
	return review.StateOf(c.Schedule)
}

// scheduleOf converts a state to its JSON form; a new card is nil.
func scheduleOf(s review.State) *scheduleJSON {
	switch {
	case s.SM2 != nil:
		ease := s.SM2.Ease
		return &scheduleJSON{Algorithm: "sm2", Due: s.SM2.Due.Format(time.DateOnly), Interval: s.SM2.Interval, Ease: &ease}
	case s.FSRS != nil:
		f := *s.FSRS
		state := int(f.State)
		out := &scheduleJSON{Algorithm: "fsrs", Due: f.Due.UTC().Format(time.RFC3339), Interval: float64(f.ScheduledDays),
			Stability: &f.Stability, Difficulty: &f.Difficulty, State: &state, Reps: &f.Reps, Lapses: &f.Lapses, Step: &f.LearningStep}
		if !f.LastReview.IsZero() {
			lr := f.LastReview.UTC().Format(time.RFC3339)
			out.LastReview = &lr
		}
		return out
	}
	return nil
}

// nonNil turns a nil slice into an empty one, so JSON shows [].
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// oneLine shortens a card side to one line for listings.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}
