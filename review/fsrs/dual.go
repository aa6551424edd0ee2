package fsrs

import "math"

// numWeights is the number of FSRS-6 parameters.
const numWeights = len(Weights{})

// dual is a forward-mode dual number: a value and its partial derivatives
// with respect to the 21 weights. The optimizer computes the loss with
// duals to get its exact gradient in the same pass.
type dual struct {
	v float64
	d [numWeights]float64
}

// constDual returns the dual of a value that does not depend on the weights.
func constDual(v float64) dual { return dual{v: v} }

// weightDual returns the dual of weight i with value v.
func weightDual(v float64, i int) dual {
	x := dual{v: v}
	x.d[i] = 1
	return x
}

// chain returns the dual f(a) given v = f(a.v) and slope = f'(a.v).
func chain(a *dual, v, slope float64) dual {
	r := dual{v: v}
	if slope != 0 {
		for i := range r.d {
			r.d[i] = slope * a.d[i]
		}
	}
	return r
}

func addD(a, b *dual) dual {
	r := dual{v: a.v + b.v}
	for i := range r.d {
		r.d[i] = a.d[i] + b.d[i]
	}
	return r
}

func subD(a, b *dual) dual {
	r := dual{v: a.v - b.v}
	for i := range r.d {
		r.d[i] = a.d[i] - b.d[i]
	}
	return r
}

func mulD(a, b *dual) dual {
	r := dual{v: a.v * b.v}
	for i := range r.d {
		r.d[i] = a.d[i]*b.v + b.d[i]*a.v
	}
	return r
}

func divD(a, b *dual) dual {
	r := dual{v: a.v / b.v}
	inv := 1 / b.v
	for i := range r.d {
		r.d[i] = (a.d[i] - r.v*b.d[i]) * inv
	}
	return r
}

// linD returns c·a + k.
func linD(a *dual, c, k float64) dual { return chain(a, c*a.v+k, c) }

func expD(a *dual) dual {
	e := math.Exp(a.v)
	return chain(a, e, e)
}

// powD returns a^b for a > 0.
func powD(a, b *dual) dual {
	lg := math.Log(a.v)
	v := math.Exp(b.v * lg)
	r := dual{v: v}
	da := b.v * v / a.v
	db := v * lg
	for i := range r.d {
		r.d[i] = da*a.d[i] + db*b.d[i]
	}
	return r
}

// clampD limits a to [lo, hi]; outside the range the result is constant.
func clampD(a *dual, lo, hi float64) dual {
	switch {
	case a.v < lo:
		return constDual(lo)
	case a.v > hi:
		return constDual(hi)
	}
	return *a
}

// minD returns the smaller of a and b (a on a tie).
func minD(a, b *dual) dual {
	if b.v < a.v {
		return *b
	}
	return *a
}

// maxD returns the larger of a and b (a on a tie).
func maxD(a, b *dual) dual {
	if b.v > a.v {
		return *b
	}
	return *a
}
