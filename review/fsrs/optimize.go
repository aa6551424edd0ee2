package fsrs

import (
	"errors"
	"fmt"
	"math"
)

// MinFitReviews is the number of evaluated reviews (reviews on a later day
// than the card's previous review) below which Optimize refuses to fit.
const MinFitReviews = 64

// ErrNotEnoughData is returned by Optimize when the history is too small to
// fit parameters; the error wrapping it gives the numbers.
var ErrNotEnoughData = errors.New("fsrs: not enough reviews to fit parameters")

// OptimizeOptions configure Optimize.
type OptimizeOptions struct {
	// Progress, when not nil, is called after each of the optimizer's steps
	// with the step number (from 1) and the number of steps.
	Progress func(step, steps int)
}

// Optimizer settings: Adam with a cosine-annealed learning rate over a
// fixed number of full-batch steps, so a fit is deterministic, and an L2
// pull towards the starting point (see penalty).
const (
	optimizeSteps = 80
	learningRate  = 0.03
	adamBeta1     = 0.9
	adamBeta2     = 0.999
	adamEpsilon   = 1e-8
	// penaltyWeight is γ in penalty: the pull of the starting point is
	// worth γ items per parameter moved by a tenth of its range.
	penaltyWeight = 0.5
)

// Optimize fits the 21 FSRS-6 parameters to the dataset by maximum
// likelihood: it minimises the recency-weighted binary cross-entropy of
// the predicted recall probabilities of all items, with the initial
// stabilities pre-trained from the outcome of each card's first interval,
// then all parameters by gradient descent from there, clipped to their
// bounds after every step. The same dataset always gives the same
// parameters. It fails with ErrNotEnoughData below MinFitReviews items.
func (d *Dataset) Optimize(o OptimizeOptions) (Weights, error) {
	return d.fit(len(d.items), o)
}

// fit fits the parameters to the first n items.
func (d *Dataset) fit(n int, o OptimizeOptions) (Weights, error) {
	if n < MinFitReviews {
		return Weights{}, fmt.Errorf("%w: %d reviews on a later day than the card's previous review; at least %d are needed",
			ErrNotEnoughData, n, MinFitReviews)
	}
	ts := newTrainingSet(d, n)
	start := DefaultWeights()
	s0 := ts.pretrain(start)
	copy(start[:4], s0[:])
	start = clipFit(start)
	w := start
	var m, v Weights
	for step := 1; step <= optimizeSteps; step++ {
		_, g := ts.loss(w)
		lr := learningRate * 0.5 * (1 + math.Cos(math.Pi*float64(step-1)/optimizeSteps))
		c1 := 1 - math.Pow(adamBeta1, float64(step))
		c2 := 1 - math.Pow(adamBeta2, float64(step))
		for i := range w {
			g[i] += penaltyGradient(i, w[i], start[i], n)
			m[i] = adamBeta1*m[i] + (1-adamBeta1)*g[i]
			v[i] = adamBeta2*v[i] + (1-adamBeta2)*g[i]*g[i]
			w[i] -= lr * (m[i] / c1) / (math.Sqrt(v[i]/c2) + adamEpsilon)
		}
		w = clipFit(w)
		if o.Progress != nil {
			o.Progress(step, optimizeSteps)
		}
	}
	return w, nil
}

// penaltyGradient is the derivative in w of the penalty of weight i,
// γ/n · ((w − start) / σ)², where σ is a tenth of the weight's range: it
// keeps parameters the reviews say little about near their starting point,
// which matters most for short histories.
func penaltyGradient(i int, w, start float64, n int) float64 {
	sigma := (bounds[i][1] - bounds[i][0]) / 10
	return 2 * penaltyWeight / float64(n) * (w - start) / (sigma * sigma)
}

// clipFit limits fitted weights to the bounds with short-term scheduling
// and one relearning step, recall's defaults, and keeps the initial
// stabilities at 0.1 or more: ts-fsrs uses at least 0.1 anyway, and other
// implementations (fsrs-rs) would take a smaller value literally.
func clipFit(w Weights) Weights {
	w = w.Clip(1, true)
	for i := range 4 {
		w[i] = math.Max(w[i], 0.1)
	}
	return w
}
