package sm2osr

import "math"

// Histogram counts scheduled cards per due day, keyed by the number of days
// from today (0 = due today, negative = overdue): the plugin's
// DueDateHistogram (spec/obsidian-sr.md §8.4). A day can have an entry with
// count 0, which is not the same as no entry: load balancing takes a day
// without an entry at once.
//
// Build one per review run over the same cards the plugin would count (every
// scheduled card of the vault) and update it after each review; Review does
// the update. The zero value is not usable; use NewHistogram.
type Histogram struct {
	counts map[int]int
}

// NewHistogram returns a histogram holding one card per due-day offset given
// (the due day minus today, for each scheduled card).
func NewHistogram(offsets ...int) *Histogram {
	h := &Histogram{counts: make(map[int]int, len(offsets))}
	for _, days := range offsets {
		h.Increment(days)
	}
	return h
}

// Clone returns an independent copy, for previewing answers without
// recording them.
func (h *Histogram) Clone() *Histogram {
	c := &Histogram{counts: make(map[int]int, len(h.counts))}
	for k, v := range h.counts {
		c.counts[k] = v
	}
	return c
}

// Count returns the number of cards due in days days and whether the day has
// an entry at all.
func (h *Histogram) Count(days int) (n int, ok bool) {
	n, ok = h.counts[days]
	return n, ok
}

// Increment adds one card due in days days, creating the entry if needed.
func (h *Histogram) Increment(days int) {
	h.counts[days]++
}

// Decrement removes one card due in days days. As in the plugin it never goes
// below zero and never removes an entry: an entry at 1 stays as an entry at
// 0, a missing entry stays missing.
func (h *Histogram) Decrement(days int) {
	if h.counts[days] > 0 {
		h.counts[days]--
	}
}

// leastUsed is the plugin's findLeastUsedIntervalOverRange: starting from
// interval, it looks at interval−1, interval+1, interval−2, … up to fuzz days
// away and returns the first day without an entry, or else the day with the
// strictly smallest count (the earliest such day in that order).
func (h *Histogram) leastUsed(interval, fuzz int) int {
	if _, ok := h.counts[interval]; !ok {
		return interval
	}
	best := interval
	for i := 1; i <= fuzz; i++ {
		for _, c := range [2]int{interval - i, interval + i} {
			n, ok := h.counts[c]
			if !ok {
				return c
			}
			if n < h.counts[best] {
				best = c
			}
		}
	}
	return best
}

// legacyBalance is v1.10.1's load balancing of the rounded interval: a day
// without an entry is used as is, windows are wider, candidates without an
// entry get one, and the chosen day is incremented here.
func (h *Histogram) legacyBalance(interval int) int {
	best := interval
	if _, ok := h.counts[interval]; !ok {
		h.counts[interval] = 0
	} else if fuzz := legacyFuzz(interval); fuzz > 0 {
	scan:
		for i := 1; i <= fuzz; i++ {
			for _, c := range [2]int{interval - i, interval + i} {
				n, ok := h.counts[c]
				if !ok {
					h.counts[c] = 0
					best = c
					break scan
				}
				if n < h.counts[best] {
					best = c
				}
			}
		}
	}
	h.counts[best]++
	return best
}

// fuzz is the v1.15.4 balancing window for a rounded interval over 7 days.
func fuzz(interval int) int {
	switch {
	case interval <= 21:
		return 1
	case interval <= 180:
		return min(3, floorTimes(interval, 0.05))
	default:
		return min(7, floorTimes(interval, 0.025))
	}
}

// legacyFuzz is the v1.10.1 balancing window; 0 means no balancing.
func legacyFuzz(interval int) int {
	switch {
	case interval <= 4:
		return 0
	case interval < 7:
		return 1
	case interval < 30:
		return max(2, floorTimes(interval, 0.15))
	default:
		return max(4, floorTimes(interval, 0.05))
	}
}

// floorTimes is JavaScript's Math.floor(interval * f), evaluated in float64
// as the plugin does.
func floorTimes(interval int, f float64) int {
	return int(math.Floor(float64(interval) * f))
}
