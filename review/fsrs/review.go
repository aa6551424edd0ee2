package fsrs

import (
	"math"
	"time"
)

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

// next returns cur with the memory state after grade g, at retrievability
// ret for a card already reviewed.
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

// fromSteps is the outcome of grade g for a New, Learning or Relearning card
// with short-term scheduling: the next step in state to, or graduation.
func (r *review) fromSteps(g Grade, to State) Card {
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

// fromReview fills o for a Review card with short-term scheduling: Again enters
// relearning (a lapse), the others get ordered day intervals.
func (r *review) fromReview(o *Outcomes) {
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
