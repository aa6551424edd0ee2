package fsrs

import (
	"math"
	"time"
)

// Ease range the plugin maps onto difficulty 10 … 1.
const (
	minEase = 130
	maxEase = 370
)

// EaseToDifficulty converts an SM-2 ease in percent to an FSRS difficulty as
// the plugin does (spec/fsrs.md §9.2): ease 130 or less is difficulty 10,
// 370 or more is 1, linear in between (250 → 5.5, 210 → 7). A missing ease,
// passed as NaN, gives 5.5.
func EaseToDifficulty(ease float64) float64 {
	if math.IsNaN(ease) {
		return 5.5
	}
	normalized := (clamp(ease, minEase, maxEase) - minEase) / (maxEase - minEase)
	return clamp(10-float64(normalized*9), 1, 10)
}

// DifficultyToEase converts an FSRS difficulty to the SM-2 ease in percent
// the plugin shows and uses for FSRS cards (spec/fsrs.md §9.2), the inverse
// of EaseToDifficulty rounded to an integer (5.1 → 261).
func DifficultyToEase(d float64) int {
	normalized := (10 - clamp(d, 1, 10)) / 9
	return int(jsRound(minEase + float64(normalized*(maxEase-minEase))))
}

// FromSM2 converts an SM-2-OSR schedule to the FSRS card it becomes on its
// first FSRS review at now, as the plugin does (spec/fsrs.md §9.3): a Review
// card last reviewed round(interval) days before its due date, with that
// interval as stability and the ease mapped to difficulty.
//
// due is the SM-2 due date as the instant its day starts; a zero due means
// missing (then now is used), as does a NaN interval (then 1) or a NaN ease
// (then difficulty 5.5). The caller sets the returned card's Seed.
func FromSM2(due time.Time, interval, ease float64, now time.Time) Card {
	days := 1
	if !math.IsNaN(interval) {
		days = max(1, int(jsRound(interval)))
	}
	if due.IsZero() {
		due = now
	}
	last := due.AddDate(0, 0, -days)
	return Card{
		Due:           due,
		Stability:     math.Max(0.1, float64(days)),
		Difficulty:    EaseToDifficulty(ease),
		ElapsedDays:   max(0, wholeDays(last, now)),
		ScheduledDays: days,
		Reps:          max(1, int(jsRound(math.Log2(float64(days+1))))),
		State:         Review,
		LastReview:    last,
	}
}

// wholeDays is the number of whole days from a to b on the wall clock of
// b's location, truncated towards zero, as moment's diff in days counts
// them.
func wholeDays(a, b time.Time) int {
	wall := func(t time.Time) time.Time {
		t = t.In(b.Location())
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	}
	return int(wall(b).Sub(wall(a)) / (24 * time.Hour))
}
