package fsrs

import (
	"errors"
	"fmt"
	"math"
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

// Outcomes holds the card that each grade would produce.
type Outcomes struct {
	Again, Hard, Good, Easy Card
}

// Get returns the outcome of grade g, which must be valid.
func (o Outcomes) Get(g Grade) Card {
	switch g {
	case Again:
		return o.Again
	case Hard:
		return o.Hard
	case Good:
		return o.Good
	default:
		return o.Easy
	}
}

func (o *Outcomes) set(g Grade, c Card) {
	switch g {
	case Again:
		o.Again = c
	case Hard:
		o.Hard = c
	case Good:
		o.Good = c
	default:
		o.Easy = c
	}
}

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
			o.set(g, r.steps(g, Learning))
		}
	case c.State == Review:
		r.review(&o)
	default:
		for g := Again; g <= Easy; g++ {
			o.set(g, r.steps(g, c.State))
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

// review is one review being computed: the card before it (last), the card
// with the review's counters applied (cur), its instant, the elapsed days t
// and the fuzz number u.
type review struct {
	s    *Scheduler
	last Card
	cur  Card
	now  time.Time
	t    int
	u    float64
}

// next returns cur with the memory state after grade g at retrievability r.
func (r *review) next(g Grade, ret float64) Card {
	c := r.cur
	var mem MemoryState
	if c.memory() == (MemoryState{}) {
		mem = r.s.model.NextState(MemoryState{}, 0, g)
	} else {
		mem = r.s.model.nextState(c.memory(), r.t, g, ret)
	}
	c.Stability, c.Difficulty = mem.Stability, mem.Difficulty
	return c
}

// retrievability is R at this review for the card's stability before it.
func (r *review) retrievability() float64 {
	return r.s.model.Retrievability(float64(r.t), r.last.Stability)
}

// interval returns the day interval for stability st: the rounded
// stability-based interval, at least 1, at most the maximum, then fuzzed.
func (r *review) interval(st float64) int {
	ivl := int(math.Min(math.Max(1, jsRound(float64(st*r.s.intervalModifier))), float64(r.s.maximumInterval)))
	if !r.s.fuzz {
		return ivl
	}
	return fuzzed(ivl, r.t, r.s.maximumInterval, r.u)
}

// schedule sets c due days days after the review, in state Review.
func (r *review) schedule(c *Card, days int) {
	c.State = Review
	c.LearningStep = 0
	c.ScheduledDays = days
	c.Due = r.now.Add(time.Duration(days) * 24 * time.Hour)
}

// steps is the outcome of grade g for a New, Learning or Relearning card
// with short-term scheduling: the next step in state to, or graduation.
func (r *review) steps(g Grade, to State) Card {
	c := r.next(g, r.retrievability())
	minutes, step := r.s.stepFor(r.last.State, r.last.LearningStep, g)
	r.applyStep(&c, minutes, step, to)
	return c
}

// applyStep puts c on the step of minutes and index step in state to, or,
// for 0 minutes, graduates it with a day interval from its stability.
func (r *review) applyStep(c *Card, minutes, step int, to State) {
	switch {
	case minutes > 0 && minutes < minutesPerDay:
		c.State = to
		c.LearningStep = step
		c.ScheduledDays = 0
		c.Due = r.now.Add(time.Duration(minutes) * time.Minute)
	case minutes >= minutesPerDay:
		c.State = Review
		c.LearningStep = step
		c.ScheduledDays = minutes / minutesPerDay
		c.Due = r.now.Add(time.Duration(minutes) * time.Minute)
	default:
		r.schedule(c, r.interval(c.Stability))
	}
}

// review fills o for a Review card with short-term scheduling: Again enters
// relearning (a lapse), the others get ordered day intervals.
func (r *review) review(o *Outcomes) {
	ret := r.retrievability()
	again := r.next(Again, ret)
	minutes, step := r.s.stepFor(Review, r.last.LearningStep, Again)
	r.applyStep(&again, minutes, step, Relearning)
	again.Lapses++
	o.Again = again

	hard, good, easy := r.next(Hard, ret), r.next(Good, ret), r.next(Easy, ret)
	h, g, e := r.interval(hard.Stability), r.interval(good.Stability), r.interval(easy.Stability)
	h = min(h, g)
	g = max(g, h+1)
	e = max(e, g+1)
	r.schedule(&hard, r.clampOrdered(h))
	r.schedule(&good, r.clampOrdered(g))
	r.schedule(&easy, r.clampOrdered(e))
	o.Hard, o.Good, o.Easy = hard, good, easy
}

// longTerm fills o without short-term scheduling (spec/fsrs.md §4.1): every
// grade gets a day interval, ordered Again < Hard < Good < Easy, and Again on
// a reviewed card is a lapse.
func (r *review) longTerm(o *Outcomes) {
	ret := r.retrievability()
	var cards [4]Card
	var days [4]int
	for g := Again; g <= Easy; g++ {
		cards[g-1] = r.next(g, ret)
		days[g-1] = r.interval(cards[g-1].Stability)
	}
	days[0] = min(days[0], days[1])
	for i := 1; i < 4; i++ {
		days[i] = max(days[i], days[i-1]+1)
	}
	for g := Again; g <= Easy; g++ {
		c := cards[g-1]
		r.schedule(&c, r.clampOrdered(days[g-1]))
		if g == Again && r.last.State != New {
			c.Lapses++
		}
		o.set(g, c)
	}
}

// clampOrdered applies the maximum interval after ordering when the
// scheduler is configured so.
func (r *review) clampOrdered(days int) int {
	if r.s.clampAfterOrdering {
		return min(days, r.s.maximumInterval)
	}
	return days
}
