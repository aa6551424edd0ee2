package review

import "time"

// Clock turns instants into review days: a location and the time of day at
// which a new review day starts (day_start, default midnight).
type Clock struct {
	Location *time.Location
	DayStart time.Duration
}

// Day returns the review day of t (see DayIndex).
func (c Clock) Day(t time.Time) int {
	return DayIndex(t, c.location(), c.DayStart)
}

// DayStartOf returns the instant review day day starts.
func (c Clock) DayStartOf(day int) time.Time {
	d := dayDate(day)
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, c.location()).Add(c.DayStart)
}

// location is the clock's location, local time when unset.
func (c Clock) location() *time.Location {
	if c.Location == nil {
		return time.Local
	}
	return c.Location
}
