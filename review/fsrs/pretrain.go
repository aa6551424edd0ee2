package fsrs

import "math"

// pretrainPrior is the weight of the pull of a pre-trained initial
// stability towards its default, per squared unit of ln S: about as much
// as a handful of reviews, so that a rating seen a few times moves little.
const pretrainPrior = 1.0

// firstInterval is the outcome of a card's first interval: the days from
// the first day to the next review, whether it was recalled, its weight.
type firstInterval struct {
	delta  int
	label  float64
	weight float64
}

// pretrain returns the initial stabilities S0(Again … Easy) fitted to the
// first intervals of the training cards, grouped by the first rating: for
// each rating seen, the stability that maximises the weighted likelihood of
// the outcomes under the forgetting curve of w (with a weak pull towards
// the default); a rating never seen gets a value placed between, or
// scaled from, its neighbours as the defaults are; and S0 never decreases
// from Again to Easy.
func (ts *trainingSet) pretrain(w Weights) [4]float64 {
	var groups [4][]firstInterval
	for _, c := range ts.cards {
		for _, r := range c[1:] {
			if r.delta == 0 {
				continue
			}
			g := c[0].grade
			groups[g-1] = append(groups[g-1], firstInterval{r.delta, ts.d.items[r.item].label, ts.weight[r.item]})
			break
		}
	}
	m := evalModel(w)
	def := DefaultWeights()
	var s0 [4]float64
	var known [4]bool
	for g, obs := range groups {
		if len(obs) == 0 {
			continue
		}
		known[g] = true
		s0[g] = math.Exp(minimize(math.Log(0.1), math.Log(100), func(x float64) float64 {
			s := math.Exp(x)
			f := pretrainPrior * (x - math.Log(def[g])) * (x - math.Log(def[g]))
			for _, o := range obs {
				p := clamp(m.Retrievability(float64(o.delta), s), minProbability, maxProbability)
				f -= o.weight * (o.label*math.Log(p) + (1-o.label)*math.Log(1-p))
			}
			return f
		}))
	}
	fillStabilities(&s0, known, def)
	return s0
}

// fillStabilities sets the initial stabilities of the ratings not known
// from the known ones, in proportion to the defaults def, and makes them
// non-decreasing.
func fillStabilities(s0 *[4]float64, known [4]bool, def Weights) {
	for g := range s0 {
		if known[g] {
			continue
		}
		lo, hi := -1, -1
		for a := g - 1; a >= 0 && lo < 0; a-- {
			if known[a] {
				lo = a
			}
		}
		for b := g + 1; b < 4 && hi < 0; b++ {
			if known[b] {
				hi = b
			}
		}
		switch {
		case lo >= 0 && hi >= 0:
			// Same relative position on the log scale as the defaults.
			f := (math.Log(def[g]) - math.Log(def[lo])) / (math.Log(def[hi]) - math.Log(def[lo]))
			s0[g] = math.Exp(math.Log(s0[lo]) + f*(math.Log(s0[hi])-math.Log(s0[lo])))
		case lo >= 0:
			s0[g] = s0[lo] * def[g] / def[lo]
		case hi >= 0:
			s0[g] = s0[hi] * def[g] / def[hi]
		default:
			s0[g] = def[g]
		}
	}
	for g := 1; g < 4; g++ {
		s0[g] = math.Max(s0[g], s0[g-1])
	}
}

// minimize returns an x in [lo, hi] minimising f: the best of a grid of
// points, refined by golden-section search between its neighbours.
func minimize(lo, hi float64, f func(float64) float64) float64 {
	const points = 200
	step := (hi - lo) / points
	best, bestF := lo, f(lo)
	for i := 1; i <= points; i++ {
		x := lo + float64(i)*step
		if fx := f(x); fx < bestF {
			best, bestF = x, fx
		}
	}
	a, b := math.Max(lo, best-step), math.Min(hi, best+step)
	const invPhi = 0.6180339887498949
	c, d := b-invPhi*(b-a), a+invPhi*(b-a)
	fc, fd := f(c), f(d)
	for range 40 {
		if fc < fd {
			b, d, fd = d, c, fc
			c = b - invPhi*(b-a)
			fc = f(c)
		} else {
			a, c, fc = c, d, fd
			d = a + invPhi*(b-a)
			fd = f(d)
		}
	}
	if x := (a + b) / 2; f(x) < bestF {
		return x
	}
	return best
}
