package fsrs

import "math"

// jsRound rounds like JavaScript's Math.round: to the nearest integer, halves
// towards +∞. It equals math.Floor(x+0.5) except where x+0.5 is itself
// inexact (0.49999999999999994, |x| ≥ 2^52), where it stays exact as
// Math.round does.
func jsRound(x float64) float64 {
	r := math.Floor(x)
	if x-r >= 0.5 {
		r++
	}
	return r
}

// round8 is ts-fsrs's roundTo(x, 8): Math.round(x · 1e8) / 1e8 (spec/fsrs.md
// §2.7).
func round8(x float64) float64 {
	return jsRound(float64(x*1e8)) / 1e8
}

// clamp limits x to [lo, hi] as ts-fsrs's clamp does: min(max(x, lo), hi).
func clamp(x, lo, hi float64) float64 {
	return math.Min(math.Max(x, lo), hi)
}
