package review

import (
	"testing"
	"time"
	_ "time/tzdata" // the test zones must not depend on the host's zoneinfo
)

// civil returns the day number of a calendar date, computed independently of
// DayIndex.
func civil(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Unix() / 86400)
}

func TestDayIndex(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatalf("load zone: %v", err)
	}
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatalf("load zone: %v", err)
	}
	tests := []struct {
		name     string
		t        time.Time
		loc      *time.Location
		dayStart time.Duration
		want     int
	}{
		{"epoch", time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.UTC, 0, 0},
		{"before epoch", time.Date(1969, 12, 31, 23, 59, 0, 0, time.UTC), time.UTC, 0, -1},
		{"vector start", time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC), time.UTC, 0, civil(2025, 1, 6)},
		{"just before midnight", time.Date(2025, 1, 6, 23, 59, 59, 999, time.UTC), time.UTC, 0, civil(2025, 1, 6)},
		{"midnight", time.Date(2025, 1, 7, 0, 0, 0, 0, time.UTC), time.UTC, 0, civil(2025, 1, 7)},
		{"local date differs from UTC date", time.Date(2025, 1, 6, 3, 0, 0, 0, time.UTC), newYork, 0, civil(2025, 1, 5)},
		{"after midnight before day start", time.Date(2025, 1, 7, 1, 30, 0, 0, time.UTC), time.UTC, 4 * time.Hour, civil(2025, 1, 6)},
		{"at day start", time.Date(2025, 1, 7, 4, 0, 0, 0, time.UTC), time.UTC, 4 * time.Hour, civil(2025, 1, 7)},
		// 2025-03-30: Berlin moves from 02:00 CET to 03:00 CEST. 04:30 CEST is
		// after the 04:00 day start on the wall clock, although only three
		// hours have passed since midnight.
		{"DST start after day start", time.Date(2025, 3, 30, 4, 30, 0, 0, berlin), berlin, 4 * time.Hour, civil(2025, 3, 30)},
		{"DST start before day start", time.Date(2025, 3, 30, 3, 30, 0, 0, berlin), berlin, 4 * time.Hour, civil(2025, 3, 29)},
		// 2025-10-26: 03:00 CEST becomes 02:00 CET; 03:59 CET is still before 04:00.
		{"DST end before day start", time.Date(2025, 10, 26, 3, 59, 0, 0, berlin), berlin, 4 * time.Hour, civil(2025, 10, 25)},
		{"DST end at day start", time.Date(2025, 10, 26, 4, 0, 0, 0, berlin), berlin, 4 * time.Hour, civil(2025, 10, 26)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DayIndex(tt.t, tt.loc, tt.dayStart); got != tt.want {
				t.Errorf("DayIndex(%v, %v, %v) = %d, want %d", tt.t, tt.loc, tt.dayStart, got, tt.want)
			}
		})
	}
}

func TestDayIndexElapsedDays(t *testing.T) {
	// spec/fsrs.md §7: 23:30 → 00:10 the next day is one day; 00:30 → 23:30
	// the same day is none.
	tests := []struct {
		name       string
		last, next time.Time
		want       int
	}{
		{"across midnight", time.Date(2025, 1, 6, 23, 30, 0, 0, time.UTC), time.Date(2025, 1, 7, 0, 10, 0, 0, time.UTC), 1},
		{"same day", time.Date(2025, 1, 6, 0, 30, 0, 0, time.UTC), time.Date(2025, 1, 6, 23, 30, 0, 0, time.UTC), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DayIndex(tt.next, time.UTC, 0) - DayIndex(tt.last, time.UTC, 0)
			if got != tt.want {
				t.Errorf("elapsed days = %d, want %d", got, tt.want)
			}
		})
	}
}
