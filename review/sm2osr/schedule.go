package sm2osr

import (
	"fmt"
	"math"
)

// Minimum ease in percent after Hard or Again; hard-coded in the plugin.
const minEase = 130

// Next is the plugin's scheduling function osrSchedule (spec/obsidian-sr.md
// §8.1): it returns the new interval in days and the new ease in percent for
// a card with the given interval and ease answered r, delay whole days after
// its due date. A negative delay counts as 0, an interval below 1 (0 after
// Again) as 1.
//
// h is the due-date histogram used for load balancing, or nil for none (the
// interval then keeps its decimal even with s.LoadBalance). Next changes h
// only with s.Legacy, where v1.10.1 recorded the chosen day itself; otherwise
// the caller records the review (Review does both).
//
// r must be one of the four responses; Next panics otherwise.
func Next(r Response, interval float64, ease, delay int, s Settings, h *Histogram) (float64, int) {
	d := float64(max(0, delay))
	i := math.Max(1, interval)
	var x float64
	// Every operation below is evaluated in the plugin's order; the float64
	// conversions keep a product from being fused with the next operation.
	switch r {
	case Easy:
		ease += 20
		x = float64((i+d)*float64(ease)) / 100
		x = float64(x * s.EasyBonus)
	case Good:
		x = float64((i+d/2)*float64(ease)) / 100
	case Hard:
		ease = max(minEase, ease-20)
		x = math.Max(1, float64((i+d/4)*s.LapsesIntervalChange))
	case Again:
		ease = max(minEase, ease-20)
		x = 0
	default:
		panic(fmt.Sprintf("sm2osr: invalid response %d", int(r)))
	}
	if h != nil {
		switch {
		case s.Legacy:
			x = float64(h.legacyBalance(int(jsRound(x))))
		case s.LoadBalance:
			x = jsRound(x)
			if x > 7 {
				n := int(x)
				x = float64(h.leastUsed(n, fuzz(n)))
			}
		}
	}
	x = math.Min(x, s.MaximumInterval)
	x = jsRound(float64(x*10)) / 10
	return x, ease
}

// NewCard schedules the first review of a new card (spec/obsidian-sr.md
// §8.2): Next with interval 1, no delay and the card's initial ease (see
// InitialEase). With the defaults and load balancing, Easy gives 4 days and
// ease 270, Good 3/250, Hard 1/230, Again 0/230.
func NewCard(r Response, initialEase int, s Settings, h *Histogram) (float64, int) {
	return Next(r, 1, initialEase, 0, s, h)
}

// Schedule is a card's SM-2-OSR schedule, as written in its comment.
type Schedule struct {
	// Due is the due date as a day index (review.DayIndex).
	Due int
	// Interval is the interval in days (one decimal at most; 0 after Again).
	Interval float64
	// Ease is the ease in percent.
	Ease int
}

// Review answers a card on day today and returns its new schedule, due
// round(interval) days after today (spec/obsidian-sr.md §8.3). prev is the
// card's schedule, or nil for a new card, which starts from initialEase.
// With s.OverdueBonus the days the card is overdue are passed to Next,
// otherwise 0 (the current plugin, spec/obsidian-sr.md §8.6).
//
// When h is not nil it is updated as the plugin does after a review: one card
// less on the old due day (if the card had a schedule) and one more on the
// new one. With s.Legacy, as in v1.10.1, only Next's own update happens.
func Review(prev *Schedule, r Response, today, initialEase int, s Settings, h *Histogram) Schedule {
	var interval float64
	var ease int
	if prev == nil {
		interval, ease = NewCard(r, initialEase, s, h)
	} else {
		delay := 0
		if s.OverdueBonus {
			delay = max(0, today-prev.Due)
		}
		interval, ease = Next(r, prev.Interval, prev.Ease, delay, s, h)
	}
	next := Schedule{Due: today + int(jsRound(interval)), Interval: interval, Ease: ease}
	if h != nil && !s.Legacy {
		if prev != nil {
			h.Decrement(prev.Due - today)
		}
		h.Increment(next.Due - today)
	}
	return next
}

// Reset returns the schedule the plugin writes when a scheduled card is reset
// on day today (spec/obsidian-sr.md §8.5): due today, interval 1, the base
// ease. A new card is not reset: nothing is written for it.
//
// When h is not nil it is updated as the plugin does: one card less on the
// old due day and one more at the key of the new interval, 1, although the
// card is now due today. With s.Legacy h is left alone.
func Reset(prev Schedule, today int, s Settings, h *Histogram) Schedule {
	if h != nil && !s.Legacy {
		h.Decrement(prev.Due - today)
		h.Increment(1)
	}
	return Schedule{Due: today, Interval: 1, Ease: s.BaseEase}
}

// InitialEase returns the ease a new card starts from (spec/obsidian-sr.md
// §8.2). cardEases are the eases of the note's scheduled cards; noteEase is
// the note's own sr-ease, meaningful when hasNoteEase.
//
// Since v1.10.2 it is s.BaseEase unless the note has a note-level schedule;
// then it is round(noteEase), or round((cardAvg + noteEase) / 2) if the note
// has scheduled cards, with cardAvg = avg·c + BaseEase·(1−c),
// c = min(1, ln(n + 0.5) / ln 64) for n scheduled cards of mean ease avg.
// With s.Legacy (v1.10.1) a note with scheduled cards blends cardAvg even
// without a note-level schedule.
func InitialEase(s Settings, cardEases []int, noteEase float64, hasNoteEase bool) int {
	if !hasNoteEase && (!s.Legacy || len(cardEases) == 0) {
		return s.BaseEase
	}
	if len(cardEases) == 0 {
		return int(jsRound(noteEase))
	}
	total := 0
	for _, e := range cardEases {
		total += e
	}
	n := float64(len(cardEases))
	avg := float64(total) / n
	c := math.Min(1, math.Log(n+0.5)/math.Log(64))
	cardAvg := float64(avg*c) + float64(float64(s.BaseEase)*(1-c))
	if !hasNoteEase {
		return int(jsRound(cardAvg))
	}
	return int(jsRound((cardAvg + noteEase) / 2))
}
