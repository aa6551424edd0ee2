package review

import "time"

// DayIndex returns the review day of instant t as a number of days since
// 1970-01-01: the calendar date, in loc, of the wall-clock time of t moved
// back by dayStart. With dayStart = 0 it is simply the local calendar date of
// t; with dayStart = 4h a review at 01:30 counts for the previous day.
//
// The subtraction is done on the wall clock, not on the instant, so a day
// always starts at the wall-clock time dayStart, also on days when daylight
// saving time begins or ends. Every day boundary in recall (SM-2-OSR due
// dates, FSRS elapsed days, due tests) comes from this function
// (spec/fsrs.md §7, spec/obsidian-sr.md §8.3).
//
// The caller must pass a non-nil loc; dayStart is normally in [0, 24h).
func DayIndex(t time.Time, loc *time.Location, dayStart time.Duration) int {
	w := t.In(loc)
	wall := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.UTC)
	secs := wall.Add(-dayStart).Unix()
	days := secs / secondsPerDay
	if secs%secondsPerDay < 0 {
		days--
	}
	return int(days)
}

const secondsPerDay = 24 * 60 * 60
