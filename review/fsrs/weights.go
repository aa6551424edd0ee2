package fsrs

import (
	"fmt"
	"math"
)

// Weights are the 21 FSRS-6 parameters w[0] … w[20] (spec/fsrs.md §1.1).
type Weights [21]float64

// DefaultWeights returns the FSRS-6 default parameters, the same in ts-fsrs,
// py-fsrs and fsrs-rs.
func DefaultWeights() Weights {
	return Weights{
		0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
		1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
	}
}

// MigrateWeights turns a parameter list of FSRS-6 (21 values), FSRS-5 (19)
// or FSRS-4.5 (17) into FSRS-6 weights (spec/fsrs.md §8). The result is not
// clipped; see Weights.Clip. Any other length, and any NaN or infinite value,
// is an error.
func MigrateWeights(ws []float64) (Weights, error) {
	var w Weights
	for i, x := range ws {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return w, fmt.Errorf("fsrs: parameter w[%d] is %v", i, x)
		}
	}
	switch len(ws) {
	case 21:
		copy(w[:], ws)
	case 19:
		copy(w[:], ws)
		w[19], w[20] = 0, fsrs5Decay
	case 17:
		copy(w[:], ws)
		w[4] = round8(float64(ws[5]*2) + ws[4])
		w[5] = round8(math.Log(float64(ws[5]*3)+1) / 3)
		w[6] = round8(ws[6] + 0.5)
		w[20] = fsrs5Decay
	default:
		return w, fmt.Errorf("fsrs: %d parameters; want 21 (FSRS-6), 19 (FSRS-5) or 17 (FSRS-4.5)", len(ws))
	}
	return w, nil
}

// fsrs5Decay is the fixed decay of FSRS-4.5 and FSRS-5.
const fsrs5Decay = 0.5

// Bounds of each parameter when short-term scheduling is enabled and there
// is at most one relearning step (spec/fsrs.md §1.1).
var bounds = [21][2]float64{
	{MinStability, 100}, {MinStability, 100}, {MinStability, 100}, {MinStability, 100},
	{1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75}, {0, 4.5}, {0, 0.8}, {0.001, 3.5},
	{0.001, 5}, {0.001, 0.25}, {0.001, 0.9}, {0, 4}, {0, 1}, {1, 6},
	{0, w17w18Ceiling}, {0, w17w18Ceiling}, {0.01, 0.8}, {0.1, 0.8},
}

// w17w18Ceiling is the upper bound c of w17 and w18 with at most one
// relearning step.
const w17w18Ceiling = 2.0

// Clip returns the weights limited to their bounds, as ts-fsrs clips the
// parameters it is given (spec/fsrs.md §1.1). With more than one relearning
// step the upper bound of w17 and w18 is lowered so that relearning cannot
// raise stability; w19's lower bound is 0.01 with short-term scheduling and
// 0 without.
func (w Weights) Clip(relearningSteps int, shortTerm bool) Weights {
	b := bounds
	if !shortTerm {
		b[19][0] = 0
	}
	if relearningSteps > 1 {
		w11 := clamp(w[11], b[11][0], b[11][1])
		w13 := clamp(w[13], b[13][0], b[13][1])
		w14 := clamp(w[14], b[14][0], b[14][1])
		v := -(math.Log(w11) + math.Log(math.Pow(2, w13)-1) + float64(w14*0.3)) / float64(relearningSteps)
		c := clamp(round8(math.Sqrt(math.Max(v, 0))), 0.01, w17w18Ceiling)
		b[17][1], b[18][1] = c, c
	}
	for i := range w {
		w[i] = clamp(w[i], b[i][0], b[i][1])
	}
	return w
}
