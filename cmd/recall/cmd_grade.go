package main

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/recall-srs/recall/review"
)

// gradeCmd grades one card.
type gradeCmd struct {
	studyFlags
	Card     string        `help:"ID of the card (from recall cards --json)." required:"" placeholder:"ID"`
	Rating   string        `help:"again, hard, good, easy (or 1–4), or reset." required:"" placeholder:"RATING"`
	Duration time.Duration `help:"Time spent answering, for the review log." default:"0s"`
	JSON     bool          `help:"Print the result as JSON."`
}

// gradeJSON is the result of `recall grade --json`.
type gradeJSON struct {
	ID       string        `json:"id"`
	Rating   string        `json:"rating"`
	Before   *scheduleJSON `json:"before"`
	After    *scheduleJSON `json:"after"`
	Segment  string        `json:"segment"`
	Written  bool          `json:"written"`
	Database bool          `json:"database_only"`
	Problem  string        `json:"problem,omitempty"`
}

// Run grades the card and prints its new schedule.
func (c *gradeCmd) Run(e *env) error {
	rating, err := review.ParseRating(c.Rating)
	if err != nil {
		return usageError{err.Error()}
	}
	s, err := c.openStudy(e)
	if err != nil {
		return err
	}
	defer s.close()
	res, err := s.Grade(c.Card, rating, c.Duration)
	if err != nil {
		return err
	}
	out := gradeJSON{ID: c.Card, Rating: rating.String(), Before: scheduleOf(res.Before), After: scheduleOf(res.Card.State),
		Segment: res.Segment, Written: res.Written, Database: !s.Writes(), Problem: res.Problem}
	if c.JSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	switch {
	case res.Segment == "":
		fmt.Fprintf(e.stdout, "%s: %s: the card is new; nothing changed\n", c.Card, rating)
		return nil
	case out.After.Algorithm == "sm2":
		fmt.Fprintf(e.stdout, "%s: %s: due %s (interval %g days, ease %d)\n", c.Card, rating, out.After.Due, out.After.Interval, *out.After.Ease)
	default:
		fmt.Fprintf(e.stdout, "%s: %s: due %s (interval %g days, stability %g, difficulty %g)\n", c.Card, rating, out.After.Due, out.After.Interval, *out.After.Stability, *out.After.Difficulty)
	}
	switch {
	case res.Written:
		fmt.Fprintf(e.stdout, "written to %s:%d\n", res.Card.Path, res.Card.Line)
	case res.Problem != "":
		fmt.Fprintf(e.stderr, "recall: %s\n", res.Problem)
	default:
		fmt.Fprintln(e.stdout, "kept in recall's database (notes are not written)")
	}
	return nil
}
