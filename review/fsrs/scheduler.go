package fsrs

import (
	"errors"
	"fmt"
	"time"
)

// Options configure a Scheduler (spec/fsrs.md §1.2, §4, §6, §7).
type Options struct {
	// Parameters are the FSRS weights: 21 values, or 19 or 17 of an older
	// FSRS version (migrated, see MigrateWeights); empty means
	// DefaultWeights. They are clipped to their bounds.
	Parameters []float64
	// DesiredRetention is the recall probability at which cards fall due,
	// in [0.70, 0.99].
	DesiredRetention float64
	// MaximumInterval caps intervals, in days (at least 1).
	MaximumInterval int
	// LearningSteps and RelearningSteps are the step lengths of new and
	// lapsed cards, in whole minutes; empty means no steps.
	LearningSteps   []time.Duration
	RelearningSteps []time.Duration
	// ShortTerm enables steps and the same-day stability formula (ts-fsrs
	// BasicScheduler); without it every answer gives a day interval
	// (LongTermScheduler, spec/fsrs.md §4.1).
	ShortTerm bool
	// Fuzz spreads Review intervals of 3 days or more over a small range,
	// drawn from a PRNG seeded by the card (spec/fsrs.md §6).
	Fuzz bool
	// ClampAfterOrdering applies MaximumInterval after the Hard < Good < Easy
	// ordering, so no interval exceeds it (Anki); false is ts-fsrs, where
	// Good and Easy can exceed it by a day or two.
	ClampAfterOrdering bool
	// DayIndex returns the review day of an instant, for elapsed days and
	// due tests; use review.DayIndex with the user's location and day start.
	// Nil means UTC calendar days, as ts-fsrs counts them.
	DayIndex func(time.Time) int
}

// DefaultOptions returns recall's defaults: default weights, retention 0.9,
// maximum interval 36500 days, learning steps 1m and 10m, relearning step
// 10m, short-term on, fuzz off, clamping after ordering, UTC days.
func DefaultOptions() Options {
	return Options{
		DesiredRetention:   0.9,
		MaximumInterval:    36500,
		LearningSteps:      []time.Duration{time.Minute, 10 * time.Minute},
		RelearningSteps:    []time.Duration{10 * time.Minute},
		ShortTerm:          true,
		ClampAfterOrdering: true,
	}
}

// Scheduler computes the next state of a card for each grade. It holds no
// mutable state and is safe for concurrent use.
type Scheduler struct {
	model              Model
	intervalModifier   float64
	maximumInterval    int
	learning           []int // minutes
	relearning         []int // minutes
	fuzz               bool
	clampAfterOrdering bool
	dayIndex           func(time.Time) int
}

// NewScheduler validates o and returns its scheduler.
func NewScheduler(o Options) (*Scheduler, error) {
	if !(o.DesiredRetention >= 0.70 && o.DesiredRetention <= 0.99) {
		return nil, fmt.Errorf("fsrs: desired retention %v outside [0.70, 0.99]", o.DesiredRetention)
	}
	if o.MaximumInterval < 1 {
		return nil, fmt.Errorf("fsrs: maximum interval %d days: must be at least 1", o.MaximumInterval)
	}
	learning, err := stepMinutes("learning", o.LearningSteps)
	if err != nil {
		return nil, err
	}
	relearning, err := stepMinutes("relearning", o.RelearningSteps)
	if err != nil {
		return nil, err
	}
	w := DefaultWeights()
	if len(o.Parameters) > 0 {
		if w, err = MigrateWeights(o.Parameters); err != nil {
			return nil, err
		}
	}
	model := NewModel(w.Clip(len(relearning), o.ShortTerm), o.ShortTerm)
	dayIndex := o.DayIndex
	if dayIndex == nil {
		dayIndex = utcDay
	}
	return &Scheduler{
		model:              model,
		intervalModifier:   model.IntervalModifier(o.DesiredRetention),
		maximumInterval:    o.MaximumInterval,
		learning:           learning,
		relearning:         relearning,
		fuzz:               o.Fuzz,
		clampAfterOrdering: o.ClampAfterOrdering,
		dayIndex:           dayIndex,
	}, nil
}

// utcDay is the UTC calendar day of t, ts-fsrs's day boundary.
func utcDay(t time.Time) int {
	secs := t.Unix()
	days := secs / 86400
	if secs%86400 < 0 {
		days--
	}
	return int(days)
}

// Model returns the memory model the scheduler uses.
func (s *Scheduler) Model() Model { return s.model }

// ErrInvalidCard is returned for a card the scheduler cannot review; the
// error wrapping it says why.
var ErrInvalidCard = errors.New("fsrs: invalid card")

// Next returns card c after a review at now with grade g.
func (s *Scheduler) Next(c Card, now time.Time, g Grade) (Card, error) {
	if !g.valid() {
		return Card{}, fmt.Errorf("fsrs: invalid grade %d", int(g))
	}
	o, err := s.Preview(c, now)
	if err != nil {
		return Card{}, err
	}
	return o.Get(g), nil
}

// Preview returns what each of the four grades would make of card c if it
// were reviewed at now, as the review buttons show it. It fails with
// ErrInvalidCard if c's state, step or memory is invalid or now lies on a
// day before its last review.
func (s *Scheduler) Preview(c Card, now time.Time) (Outcomes, error) {
	t, err := s.check(c, now)
	if err != nil {
		return Outcomes{}, err
	}
	r := review{s: s, last: c, now: now, t: t}
	r.cur = c
	r.cur.LastReview = now
	r.cur.ElapsedDays = t
	r.cur.Reps++
	if s.fuzz {
		r.u = fuzzFactor(c.Seed, r.cur.Reps)
	}
	var o Outcomes
	switch {
	case !s.model.shortTerm:
		r.longTerm(&o)
	case c.State == New:
		for g := Again; g <= Easy; g++ {
			o.set(g, r.fromSteps(g, Learning))
		}
	case c.State == Review:
		r.fromReview(&o)
	default:
		for g := Again; g <= Easy; g++ {
			o.set(g, r.fromSteps(g, c.State))
		}
	}
	return o, nil
}

// check validates c and returns the days elapsed since its last review.
func (s *Scheduler) check(c Card, now time.Time) (int, error) {
	if c.State < New || c.State > Relearning {
		return 0, fmt.Errorf("%w: state %d", ErrInvalidCard, int(c.State))
	}
	if c.LearningStep < 0 {
		return 0, fmt.Errorf("%w: learning step %d", ErrInvalidCard, c.LearningStep)
	}
	mem := c.memory()
	if mem != (MemoryState{}) && (!(c.Difficulty >= 1 && c.Difficulty <= 10) || !(c.Stability >= MinStability)) {
		return 0, fmt.Errorf("%w: stability %v, difficulty %v", ErrInvalidCard, c.Stability, c.Difficulty)
	}
	if c.State == New || c.LastReview.IsZero() {
		return 0, nil
	}
	t := s.dayIndex(now) - s.dayIndex(c.LastReview)
	if t < 0 {
		return 0, fmt.Errorf("%w: review at %v is on a day before its last review at %v", ErrInvalidCard, now, c.LastReview)
	}
	return t, nil
}

// IsDue reports whether card c is due at now (spec/fsrs.md §7): New cards
// always; Learning and Relearning cards from their due instant; Review cards
// from the start of their due day.
func (s *Scheduler) IsDue(c Card, now time.Time) bool {
	switch c.State {
	case New:
		return true
	case Review:
		return s.dayIndex(c.Due) <= s.dayIndex(now)
	default:
		return !now.Before(c.Due)
	}
}
