package review

import (
	"time"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review/fsrs"
)

// State is a card's schedule. Exactly one of SM2 and FSRS is set for a
// scheduled card; both are nil for a new card.
type State struct {
	SM2  *deck.SM2Schedule `json:"sm2,omitempty"`
	FSRS *fsrs.Card        `json:"fsrs,omitempty"`
}

// IsNew reports whether the card has never been scheduled.
func (s State) IsNew() bool { return s.SM2 == nil && s.FSRS == nil }

// StateOf returns the state a schedule segment holds; nil, placeholder and
// unreadable segments are new.
func StateOf(seg *deck.Segment) State {
	switch {
	case seg == nil:
		return State{}
	case seg.SM2 != nil:
		s := *seg.SM2
		return State{SM2: &s}
	case seg.FSRS != nil:
		f := seg.FSRS
		c := fsrs.Card{Due: f.Due, Stability: f.Stability, Difficulty: f.Difficulty, ScheduledDays: f.ScheduledDays,
			LearningStep: f.LearningStep, Reps: f.Reps, Lapses: f.Lapses, State: fsrs.State(f.State)}
		if f.LastReview != nil {
			c.LastReview = *f.LastReview
		}
		return State{FSRS: &c}
	}
	return State{}
}

// Segment formats the state as a schedule segment ("!2023-09-15,19,210" or
// "!fsrs,..."). A new state has no segment.
func (s State) Segment() (string, error) {
	switch {
	case s.SM2 != nil:
		return deck.FormatSM2Segment(*s.SM2)
	case s.FSRS != nil:
		c := s.FSRS
		f := deck.FSRSState{Due: c.Due, ScheduledDays: c.ScheduledDays, Stability: c.Stability, Difficulty: c.Difficulty,
			State: int(c.State), Reps: c.Reps, Lapses: c.Lapses, LearningStep: c.LearningStep}
		if !c.LastReview.IsZero() {
			lr := c.LastReview
			f.LastReview = &lr
		}
		return deck.FormatFSRSSegment(f)
	}
	return "", nil
}

// Due returns the instant the card falls due: for SM-2, the start of its due
// day in the clock's location; for FSRS, its due instant. A new card has
// the zero time.
func (c Clock) Due(s State) time.Time {
	switch {
	case s.SM2 != nil:
		return c.DayStartOf(dateDay(s.SM2.Due))
	case s.FSRS != nil:
		return s.FSRS.Due
	}
	return time.Time{}
}

// IsDue reports whether a scheduled card is due at now: SM-2 cards and FSRS
// Review cards from the start of their due day, FSRS learning cards from
// their due instant (spec/fsrs.md §7).
func (c Clock) IsDue(s State, now time.Time) bool {
	switch {
	case s.SM2 != nil:
		return dateDay(s.SM2.Due) <= c.Day(now)
	case s.FSRS != nil:
		if s.FSRS.State == fsrs.Learning || s.FSRS.State == fsrs.Relearning {
			return !now.Before(s.FSRS.Due)
		}
		return c.Day(s.FSRS.Due) <= c.Day(now)
	}
	return false
}

// dateDay is the day index of a calendar date held as midnight UTC.
func dateDay(d time.Time) int {
	return int(d.Unix() / secondsPerDay)
}

// dayDate is the calendar date of a day index, as midnight UTC.
func dayDate(day int) time.Time {
	return time.Unix(int64(day)*secondsPerDay, 0).UTC()
}
