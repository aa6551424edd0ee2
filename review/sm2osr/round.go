package sm2osr

import "math"

// jsRound rounds like JavaScript's Math.round: to the nearest integer, halves
// towards +∞ (2.5 → 3, -2.5 → -2). It equals math.Floor(x+0.5) except where
// x+0.5 is itself inexact (0.49999999999999994, |x| ≥ 2^52), where it stays
// exact as Math.round does.
func jsRound(x float64) float64 {
	r := math.Floor(x)
	if x-r >= 0.5 {
		r++
	}
	return r
}
