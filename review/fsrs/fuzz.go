package fsrs

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
)

// FuzzRange returns the days [lo, hi] from which fuzz draws the interval for
// an interval of ivl days, elapsed days after the previous review, with the
// given maximum interval (ts-fsrs get_fuzz_range, spec/fsrs.md §6): about
// ±15 % for short intervals down to ±5 % for long ones, never below 2 days
// and, when the interval exceeds the elapsed days, never below elapsed+1.
func FuzzRange(ivl float64, elapsed, maximum int) (lo, hi int) {
	delta := 1.0
	delta += float64(0.15 * math.Max(math.Min(ivl, 7)-2.5, 0))
	delta += float64(0.10 * math.Max(math.Min(ivl, 20)-7, 0))
	delta += float64(0.05 * math.Max(ivl-20, 0))
	ivl = math.Min(ivl, float64(maximum))
	lo = max(2, int(jsRound(ivl-delta)))
	hi = min(int(jsRound(ivl+delta)), maximum)
	if ivl > float64(elapsed) {
		lo = max(lo, elapsed+1)
	}
	return min(lo, hi), hi
}

// fuzzed draws an interval from FuzzRange(ivl, elapsed, maximum) with the
// uniform number u in [0, 1). Intervals under 2.5 days are not fuzzed.
func fuzzed(ivl, elapsed, maximum int, u float64) int {
	if float64(ivl) < 2.5 {
		return ivl
	}
	lo, hi := FuzzRange(float64(ivl), elapsed, maximum)
	return int(math.Floor(float64(u*float64(hi-lo+1)) + float64(lo)))
}

// fuzzFactor is the uniform number of the review that brings card seed to
// reps reviews: one number per review, so that the preview of every grade and
// the answer agree, and the same again when the review is replayed.
func fuzzFactor(seed uint64, reps int) float64 {
	return rand.New(rand.NewPCG(seed, uint64(reps))).Float64()
}

// SeedFromID returns a fuzz seed for a card from its stable id (64-bit
// FNV-1a), for Card.Seed.
func SeedFromID(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}
