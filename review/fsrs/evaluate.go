package fsrs

import (
	"math"
	"slices"
)

// Metrics measure how well a model's recall probabilities predict the
// outcomes of evaluated reviews (spec/fsrs.md §11.1).
type Metrics struct {
	// LogLoss is the mean binary cross-entropy, lower is better.
	LogLoss float64 `json:"log_loss"`
	// RMSEBins is the root mean squared calibration error over bins of
	// elapsed days, review count and lapse count, weighted by bin size.
	RMSEBins float64 `json:"rmse_bins"`
	// AUC is the area under the ROC curve, 0.5 for a constant prediction.
	AUC float64 `json:"auc"`
	// Reviews is the number of evaluated reviews.
	Reviews int `json:"reviews"`
}

// Names of the models Evaluate compares.
const (
	ModelFSRSDefault = "FSRS-6 default"
	ModelFSRSFitted  = "FSRS-6 fitted"
	ModelSM2         = "SM-2"
	ModelAverage     = "AVG"
)

// ModelResult is one model's metrics.
type ModelResult struct {
	Model string
	Metrics
}

// Evaluate scores, on every item of d: FSRS-6 with the default parameters,
// FSRS-6 with fitted (when not nil, clipped to the bounds), classic SM-2
// with the benchmark's forgetting curve, and the constant mean label, in
// that order (spec/fsrs.md §11.1; with UTC days the reference numbers of
// §11.3). Short-term scheduling is enabled, as in recall's scheduler.
func (d *Dataset) Evaluate(fitted *Weights) []ModelResult {
	all := d.span(0, len(d.items))
	res := []ModelResult{{ModelFSRSDefault, all.score(d.PredictFSRS(DefaultWeights()))}}
	if fitted != nil {
		res = append(res, ModelResult{ModelFSRSFitted, all.score(d.PredictFSRS(*fitted))})
	}
	return append(res,
		ModelResult{ModelSM2, all.score(d.PredictSM2())},
		ModelResult{ModelAverage, all.score(d.constant(d.MeanLabel()))})
}

// PredictFSRS returns FSRS-6's recall probability for every item, in item
// order, with weights w clipped to their bounds and short-term scheduling
// enabled: each card's history is replayed through the model's memory
// state, and the prediction is R(Δt, S) before the review.
func (d *Dataset) PredictFSRS(w Weights) []float64 {
	m := evalModel(w)
	p := make([]float64, len(d.items))
	for _, c := range d.cards {
		var mem MemoryState
		for _, r := range c.reviews {
			if r.item >= 0 {
				p[r.item] = m.Retrievability(float64(r.delta), mem.Stability)
			}
			mem = m.NextState(mem, r.delta, r.grade)
		}
	}
	return p
}

// evalModel is the model for evaluating and fitting weights w: clipped for
// one relearning step with short-term scheduling, recall's defaults.
func evalModel(w Weights) Model {
	return NewModel(w.Clip(1, true), true)
}

// PredictSM2 returns the recall probability of classic SM-2 for every item,
// as the benchmark computes it (spec/fsrs.md §11.1): the interval I from
// replaying the history with q = rating + 1, and p = 0.9^(Δt/I).
func (d *Dataset) PredictSM2() []float64 {
	p := make([]float64, len(d.items))
	for _, c := range d.cards {
		ivl, ef, successes := 0.0, 2.5, 0
		for _, r := range c.reviews {
			if r.item >= 0 {
				p[r.item] = math.Pow(0.9, float64(r.delta)/ivl)
			}
			q := float64(r.grade) + 1
			if q > 2 {
				switch successes {
				case 0:
					ivl = 1
				case 1:
					ivl = 6
				default:
					ivl *= ef
				}
				successes++
			} else {
				ivl, successes = 1, 0
			}
			ef = math.Max(1.3, ef+0.1-(5-q)*(0.08+(5-q)*0.02))
			ivl = math.Min(36500, math.Max(1, jsRound(ivl+0.01)))
		}
	}
	return p
}

// constant returns p for every item.
func (d *Dataset) constant(p float64) []float64 {
	ps := make([]float64, len(d.items))
	for i := range ps {
		ps[i] = p
	}
	return ps
}

// span is the items [from, to) of a dataset, for scoring a part of it.
type span struct {
	d        *Dataset
	from, to int
}

// span returns items [from, to).
func (d *Dataset) span(from, to int) span { return span{d, from, to} }

// Score returns the metrics of the predictions p, one per item in item
// order (as PredictFSRS returns them), over all items.
func (d *Dataset) Score(p []float64) Metrics {
	return d.span(0, len(d.items)).score(p)
}

// Probability limits for the log loss (spec/fsrs.md §11.1 step 8).
const (
	minProbability = 1e-6
	maxProbability = 1 - 1e-6
)

// score returns the metrics of predictions p (indexed by item) over the span.
func (s span) score(p []float64) Metrics {
	n := s.to - s.from
	if n <= 0 {
		return Metrics{}
	}
	items := s.d.items[s.from:s.to]
	p = p[s.from:s.to]
	var loss float64
	type bin struct{ n, p, y float64 }
	bins := map[binKey]*bin{}
	for i, it := range items {
		q := clamp(p[i], minProbability, maxProbability)
		loss -= it.label*math.Log(q) + (1-it.label)*math.Log(1-q)
		b := bins[it.bin]
		if b == nil {
			b = &bin{}
			bins[it.bin] = b
		}
		b.n++
		b.p += p[i]
		b.y += it.label
	}
	keys := make([]binKey, 0, len(bins))
	for k := range bins {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b binKey) int {
		if a.days != b.days {
			return a.days - b.days
		}
		if a.reviews != b.reviews {
			return a.reviews - b.reviews
		}
		return a.lapses - b.lapses
	})
	var sq float64
	for _, k := range keys {
		b := bins[k]
		diff := b.p/b.n - b.y/b.n
		sq += b.n * diff * diff
	}
	return Metrics{
		LogLoss:  loss / float64(n),
		RMSEBins: math.Sqrt(sq / float64(n)),
		AUC:      auc(items, p),
		Reviews:  n,
	}
}

// auc is the area under the ROC curve of predictions p for items, from the
// ranks of the predictions with ties given their average rank; 0.5 when
// all items have the same label.
func auc(items []item, p []float64) float64 {
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case p[a] < p[b]:
			return -1
		case p[a] > p[b]:
			return 1
		}
		return 0
	})
	var rankSum, pos float64
	for i := 0; i < len(order); {
		j := i
		for j < len(order) && p[order[j]] == p[order[i]] {
			j++
		}
		rank := float64(i+j+1) / 2 // average of the ranks i+1 … j
		for _, k := range order[i:j] {
			if items[k].label == 1 {
				rankSum += rank
				pos++
			}
		}
		i = j
	}
	neg := float64(len(items)) - pos
	if pos == 0 || neg == 0 {
		return 0.5
	}
	return (rankSum - pos*(pos+1)/2) / (pos * neg)
}
