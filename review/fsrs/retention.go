package fsrs

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// The desired retentions SimulateRetention tries: 0.70, 0.71, … 0.97.
const (
	MinSimulatedRetention = 0.70
	MaxSimulatedRetention = 0.97
)

// RetentionOptions configure SimulateRetention. The zero value simulates
// a year of 10 new cards a day for a typical learner.
type RetentionOptions struct {
	// Days is the length of the simulation (default 365).
	Days int
	// NewPerDay is the number of new cards learnt each day (default 10).
	NewPerDay int
	// Seed seeds the random outcomes; the same seed gives the same table.
	Seed uint64
	// Learner is how the simulated learner answers and how long answers
	// take; the zero value means TypicalLearner.
	Learner Learner
}

// Learner describes how a learner answers and how long it takes.
type Learner struct {
	// FirstRatings are the probabilities of Again, Hard, Good and Easy at a
	// new card's first review.
	FirstRatings [4]float64
	// RecallRatings are the probabilities of Hard, Good and Easy when a
	// review card is recalled.
	RecallRatings [3]float64
	// Learn, Recall, Forget and Step are the mean times of a new card's
	// first review, a recalled and a forgotten review card, and a same-day
	// learning or relearning step.
	Learn, Recall, Forget, Step time.Duration
}

// TypicalLearner is the learner SimulateRetention assumes when none is
// given.
var TypicalLearner = Learner{
	FirstRatings:  [4]float64{0.25, 0.10, 0.50, 0.15},
	RecallRatings: [3]float64{0.20, 0.65, 0.15},
	Learn:         20 * time.Second,
	Recall:        10 * time.Second,
	Forget:        20 * time.Second,
	Step:          10 * time.Second,
}

// LearnerFromLog measures a learner from a review log: the shares of first
// ratings and of Hard, Good and Easy among recalled reviews on a later day
// than the card's previous review, and the mean duration of each kind of
// review (dayIndex as for NewDataset). What the log lacks (no Hard/Good/Easy
// review, no durations) is taken from TypicalLearner.
func LearnerFromLog(reviews []LogReview, dayIndex func(time.Time) int) Learner {
	if dayIndex == nil {
		dayIndex = utcDay
	}
	l := Learner{}
	var sums [4]time.Duration
	var counts [4]int
	lastDay := map[int64]int{}
	for _, r := range reviews {
		if !r.Rating.valid() {
			continue
		}
		day := dayIndex(r.Time)
		prev, seen := lastDay[r.CardID]
		lastDay[r.CardID] = day
		kind := 0 // learn, recall, forget, step
		switch {
		case !seen:
			l.FirstRatings[r.Rating-1]++
		case day == prev:
			kind = 3
		case r.Rating == Again:
			kind = 2
		default:
			kind = 1
			l.RecallRatings[r.Rating-Hard]++
		}
		if r.Duration > 0 {
			sums[kind] += r.Duration
			counts[kind]++
		}
	}
	t := TypicalLearner
	if l.FirstRatings == ([4]float64{}) {
		l.FirstRatings = t.FirstRatings
	}
	if l.RecallRatings == ([3]float64{}) {
		l.RecallRatings = t.RecallRatings
	}
	for i, p := range []*time.Duration{&l.Learn, &l.Recall, &l.Forget, &l.Step} {
		*p = []time.Duration{t.Learn, t.Recall, t.Forget, t.Step}[i]
		if counts[i] > 0 {
			*p = sums[i] / time.Duration(counts[i])
		}
	}
	return l
}

// RetentionPoint is the simulated workload at one desired retention.
type RetentionPoint struct {
	// DesiredRetention is the retention the scheduler aimed at.
	DesiredRetention float64
	// ReviewsPerDay is the mean number of reviews a day, learning and
	// relearning steps included, and MinutesPerDay their mean time.
	ReviewsPerDay float64
	MinutesPerDay float64
	// Retained is the expected number of cards recalled at the end: the sum
	// of every learnt card's recall probability.
	Retained float64
	// RetainedShare is Retained over the number of cards learnt.
	RetainedShare float64
	// SecondsPerRetained is the total review time per retained card, the
	// work per unit of memory the optimum minimises.
	SecondsPerRetained float64
}

// RetentionTable is the result of SimulateRetention.
type RetentionTable struct {
	// Points are the desired retentions from 0.70 to 0.97 in steps of 0.01.
	Points []RetentionPoint
	// Optimal is the index in Points with the least time per retained
	// card.
	Optimal int
	// Cards is the number of cards learnt in every simulation.
	Cards int
	// Days is the length of the simulation.
	Days int
}

// SimulateRetention simulates, for each desired retention from 0.70 to
// 0.97, a learner reviewing with recall's FSRS scheduler (default steps,
// short-term on, fuzz off) and weights w: every day new cards are learnt
// and due cards reviewed; a review card is recalled with the model's
// probability R(t, S) and answered Again otherwise; same-day steps are
// answered Good. The optimal retention minimises the review time per card
// still retained at the end. The result depends only on w and o.
func SimulateRetention(w Weights, o RetentionOptions) (RetentionTable, error) {
	if o.Days == 0 {
		o.Days = 365
	}
	if o.NewPerDay == 0 {
		o.NewPerDay = 10
	}
	if o.Days < 1 || o.NewPerDay < 1 {
		return RetentionTable{}, fmt.Errorf("fsrs: simulating %d days of %d new cards: both must be positive", o.Days, o.NewPerDay)
	}
	if o.Learner == (Learner{}) {
		o.Learner = TypicalLearner
	}
	if err := o.Learner.check(); err != nil {
		return RetentionTable{}, err
	}
	const steps = 28 // 0.70 … 0.97
	t := RetentionTable{Points: make([]RetentionPoint, steps), Cards: o.Days * o.NewPerDay, Days: o.Days}
	errs := make([]error, steps)
	var wg sync.WaitGroup
	for i := range steps {
		wg.Go(func() {
			r := MinSimulatedRetention + float64(i)/100
			t.Points[i], errs[i] = simulate(w, r, o)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return RetentionTable{}, err
		}
		if t.Points[i].SecondsPerRetained < t.Points[t.Optimal].SecondsPerRetained {
			t.Optimal = i
		}
	}
	return t, nil
}

// check rejects probabilities that are negative or all zero.
func (l Learner) check() error {
	for _, ps := range [][]float64{l.FirstRatings[:], l.RecallRatings[:]} {
		var sum float64
		for _, p := range ps {
			if !(p >= 0) {
				return fmt.Errorf("fsrs: rating probability %v is negative", p)
			}
			sum += p
		}
		if sum == 0 {
			return fmt.Errorf("fsrs: rating probabilities %v are all zero", ps)
		}
	}
	return nil
}

// simStart is the first simulated day; reviews happen from 09:00 UTC.
var simStart = time.Date(2000, 1, 1, 9, 0, 0, 0, time.UTC)

// simulate runs one simulation at desired retention r.
func simulate(w Weights, r float64, o RetentionOptions) (RetentionPoint, error) {
	opts := DefaultOptions()
	opts.Parameters = w[:]
	opts.DesiredRetention = r
	s, err := NewScheduler(opts)
	if err != nil {
		return RetentionPoint{}, fmt.Errorf("fsrs: simulating retention %.2f: %w", r, err)
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x5eed))
	cards := make([]Card, 0, o.Days*o.NewPerDay)
	due := make([][]int, o.Days) // card indexes by the day they fall due
	reviews := 0
	var spent time.Duration
	// session reviews card i at now with grade g, then its same-day steps
	// with Good, and files it under its due day.
	session := func(i int, now time.Time, g Grade, cost time.Duration) error {
		c := cards[i]
		for {
			var err error
			if c, err = s.Next(c, now, g); err != nil {
				return err
			}
			reviews++
			spent += cost
			if c.State == Review || s.dayIndex(c.Due) != s.dayIndex(now) {
				break
			}
			now, g, cost = c.Due, Good, o.Learner.Step
		}
		cards[i] = c
		if d := s.dayIndex(c.Due) - s.dayIndex(simStart); d < o.Days {
			due[d] = append(due[d], i)
		}
		return nil
	}
	for day := range o.Days {
		now := simStart.AddDate(0, 0, day)
		for _, i := range due[day] {
			c := cards[i]
			g, cost := Again, o.Learner.Forget
			if rng.Float64() < s.model.Retrievability(float64(s.dayIndex(now)-s.dayIndex(c.LastReview)), c.Stability) {
				g, cost = Hard+Grade(pick(rng, o.Learner.RecallRatings[:])), o.Learner.Recall
			}
			if err := session(i, now, g, cost); err != nil {
				return RetentionPoint{}, fmt.Errorf("fsrs: simulating retention %.2f: %w", r, err)
			}
		}
		due[day] = nil
		for range o.NewPerDay {
			cards = append(cards, NewCard(now))
			if err := session(len(cards)-1, now, Again+Grade(pick(rng, o.Learner.FirstRatings[:])), o.Learner.Learn); err != nil {
				return RetentionPoint{}, fmt.Errorf("fsrs: simulating retention %.2f: %w", r, err)
			}
		}
	}
	end := s.dayIndex(simStart) + o.Days
	var retained float64
	for _, c := range cards {
		retained += s.model.Retrievability(float64(end-s.dayIndex(c.LastReview)), c.Stability)
	}
	return RetentionPoint{
		DesiredRetention:   r,
		ReviewsPerDay:      float64(reviews) / float64(o.Days),
		MinutesPerDay:      spent.Minutes() / float64(o.Days),
		Retained:           retained,
		RetainedShare:      retained / float64(len(cards)),
		SecondsPerRetained: spent.Seconds() / retained,
	}, nil
}

// pick returns an index drawn with the given relative probabilities.
func pick(rng *rand.Rand, probs []float64) int {
	var total float64
	for _, p := range probs {
		total += p
	}
	u := rng.Float64() * total
	for i, p := range probs {
		if u < p {
			return i
		}
		u -= p
	}
	return len(probs) - 1
}
