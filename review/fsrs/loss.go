package fsrs

import (
	"math"
	"sync"
)

// lossModel is Model's memory formulas (spec/fsrs.md §2.1, §2.3–§2.6) in
// dual numbers and without ts-fsrs's rounding to 8 decimals, so the
// optimizer gets the gradient of the loss with respect to the weights. A
// test pins it to Model.
type lossModel struct {
	w          [numWeights]dual
	decay      dual
	factor     dual
	expW8      dual
	d0Easy     dual           // D0(Easy), unclamped: the mean-reversion target
	shortInc   [Easy + 1]dual // e^(w17·(G − 3 + w18)) by grade
	againFloor dual           // e^(w17·w18)
}

// newLossModel returns the dual-number model at weights w.
func newLossModel(w Weights) *lossModel {
	m := &lossModel{}
	for i, v := range w {
		m.w[i] = weightDual(v, i)
	}
	m.decay = linD(&m.w[20], -1, 0)
	inv := divD(&dual{v: math.Log(0.9)}, &m.decay)
	e := expD(&inv)
	m.factor = linD(&e, 1, -1)
	m.expW8 = expD(&m.w[8])
	m.d0Easy = m.initDifficulty(Easy)
	for g := Again; g <= Easy; g++ {
		x := linD(&m.w[18], 1, float64(g-3))
		x = mulD(&m.w[17], &x)
		m.shortInc[g] = expD(&x)
	}
	x := mulD(&m.w[17], &m.w[18])
	m.againFloor = expD(&x)
	return m
}

// initDifficulty is D0(G), unclamped.
func (m *lossModel) initDifficulty(g Grade) dual {
	x := linD(&m.w[5], float64(g-1), 0)
	x = expD(&x)
	x = subD(&m.w[4], &x)
	return linD(&x, 1, 1)
}

// initState is the memory state after the first review.
func (m *lossModel) initState(g Grade) (s, d dual) {
	s = maxD(&m.w[g-1], &dual{v: 0.1})
	d = m.initDifficulty(g)
	return s, clampD(&d, 1, 10)
}

// retrievability is R(t, S).
func (m *lossModel) retrievability(t float64, s *dual) dual {
	x := linD(&m.factor, t, 0)
	x = divD(&x, s)
	x = linD(&x, 1, 1)
	return powD(&x, &m.decay)
}

// next returns the memory state after a review with grade g, t days after
// the previous one, at retrievability r, with short-term scheduling.
func (m *lossModel) next(s, d *dual, t int, g Grade, r *dual) (dual, dual) {
	var ns dual
	switch {
	case t == 0:
		x := linD(&m.w[19], -1, 0)
		x = powD(s, &x)
		inc := mulD(&m.shortInc[g], &x)
		if g >= Hard {
			inc = maxD(&inc, &dual{v: 1})
		}
		ns = mulD(s, &inc)
		ns = clampD(&ns, MinStability, MaxStability)
	case g == Again:
		sf := m.forgetStability(s, d, r)
		floor := divD(s, &m.againFloor)
		floor = maxD(&floor, &dual{v: MinStability})
		ns = minD(&floor, &sf)
	default:
		ns = m.recallStability(s, d, r, g)
	}
	return ns, m.nextDifficulty(d, g)
}

// recallStability is S_r.
func (m *lossModel) recallStability(s, d, r *dual, g Grade) dual {
	x := linD(d, -1, 11)
	x = mulD(&m.expW8, &x)
	y := linD(&m.w[9], -1, 0)
	y = powD(s, &y)
	x = mulD(&x, &y)
	y = linD(r, -1, 1)
	y = mulD(&m.w[10], &y)
	y = expD(&y)
	y = linD(&y, 1, -1)
	x = mulD(&x, &y)
	switch g {
	case Hard:
		x = mulD(&x, &m.w[15])
	case Easy:
		x = mulD(&x, &m.w[16])
	}
	x = linD(&x, 1, 1)
	x = mulD(s, &x)
	return clampD(&x, MinStability, MaxStability)
}

// forgetStability is S_f.
func (m *lossModel) forgetStability(s, d, r *dual) dual {
	x := linD(&m.w[12], -1, 0)
	x = powD(d, &x)
	x = mulD(&m.w[11], &x)
	y := linD(s, 1, 1)
	y = powD(&y, &m.w[13])
	y = linD(&y, 1, -1)
	x = mulD(&x, &y)
	y = linD(r, -1, 1)
	y = mulD(&m.w[14], &y)
	y = expD(&y)
	x = mulD(&x, &y)
	return clampD(&x, MinStability, MaxStability)
}

// nextDifficulty is the difficulty after a review with grade g.
func (m *lossModel) nextDifficulty(d *dual, g Grade) dual {
	step := linD(&m.w[6], -float64(g-3), 0) // ΔD
	damp := linD(d, -1, 10)
	step = mulD(&step, &damp)
	step = linD(&step, 1.0/9, 0)
	next := addD(d, &step)
	target := mulD(&m.w[7], &m.d0Easy)
	keep := linD(&m.w[7], -1, 1)
	next = mulD(&keep, &next)
	next = addD(&target, &next)
	return clampD(&next, 1, 10)
}

// trainingSet is the part of a dataset a fit sees: every card's reviews up
// to its last item among the first n items, and each item's weight.
type trainingSet struct {
	d      *Dataset
	n      int
	cards  [][]pastReview
	weight []float64 // by item, for items < n
	total  float64   // sum of the weights
}

// newTrainingSet returns the first n items of d (in time order) with
// recency weights 0.25 + 0.75·(i/n)³, as FSRS-6 recency weighting gives
// later reviews more say.
func newTrainingSet(d *Dataset, n int) *trainingSet {
	ts := &trainingSet{d: d, n: n, weight: make([]float64, n)}
	for i := range ts.weight {
		x := float64(i) / float64(n)
		ts.weight[i] = 0.25 + 0.75*x*x*x
		ts.total += ts.weight[i]
	}
	for _, c := range d.cards {
		last := -1
		for k, r := range c.reviews {
			if r.item >= 0 && r.item < n {
				last = k
			}
		}
		if last >= 0 {
			ts.cards = append(ts.cards, c.reviews[:last+1])
		}
	}
	return ts
}

// lossChunks is the number of parts the loss is summed in, concurrently
// and then in a fixed order, so the result does not depend on the number
// of processors.
const lossChunks = 16

// loss returns the weighted mean binary cross-entropy of the training items
// at weights w, and its gradient.
func (ts *trainingSet) loss(w Weights) (float64, Weights) {
	m := newLossModel(w)
	var parts [lossChunks]struct {
		loss float64
		grad [numWeights]float64
	}
	var wg sync.WaitGroup
	for c := range lossChunks {
		wg.Go(func() {
			p := &parts[c]
			for i := c; i < len(ts.cards); i += lossChunks {
				ts.cardLoss(m, ts.cards[i], &p.loss, &p.grad)
			}
		})
	}
	wg.Wait()
	var loss float64
	var grad Weights
	for _, p := range parts {
		loss += p.loss
		for i := range grad {
			grad[i] += p.grad[i]
		}
	}
	for i := range grad {
		grad[i] /= ts.total
	}
	return loss / ts.total, grad
}

// cardLoss replays one card's reviews and adds the weighted loss of its
// items and its gradient to loss and grad.
func (ts *trainingSet) cardLoss(m *lossModel, reviews []pastReview, loss *float64, grad *[numWeights]float64) {
	s, d := m.initState(reviews[0].grade)
	for _, r := range reviews[1:] {
		ret := m.retrievability(float64(r.delta), &s)
		if r.item >= 0 {
			wt := ts.weight[r.item]
			y := ts.d.items[r.item].label
			p := clampD(&ret, minProbability, maxProbability)
			// −(y ln p + (1 − y) ln(1 − p)) and its derivative in p.
			*loss -= wt * (y*math.Log(p.v) + (1-y)*math.Log(1-p.v))
			slope := wt * ((1-y)/(1-p.v) - y/p.v)
			for i := range grad {
				grad[i] += slope * p.d[i]
			}
		}
		s, d = m.next(&s, &d, r.delta, r.grade, &ret)
	}
}
