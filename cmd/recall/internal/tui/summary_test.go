package tui

import (
	"fmt"
	"testing"
	"time"
)

func TestRenderSummary(t *testing.T) {
	s := NewStyles(true)
	now := time.Date(2026, 3, 3, 21, 40, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		v    SummaryView
	}{
		{"session", SummaryView{Reviewed: 42, Elapsed: 12*time.Minute + 30*time.Second, Ratings: [4]int{3, 5, 30, 4},
			NextDue: now.Add(10 * time.Minute), Now: now}},
		{"nothing", SummaryView{Now: now}},
	} {
		for _, width := range goldenWidths {
			t.Run(fmt.Sprint(c.name, "_", width), func(t *testing.T) {
				requirePlainGolden(t, RenderSummary(c.v, width, s), width)
			})
		}
	}
}

func TestNextDue(t *testing.T) {
	now := time.Date(2026, 3, 3, 21, 40, 0, 0, time.UTC)
	for _, c := range []struct {
		due  time.Time
		want string
	}{
		{time.Time{}, "nothing scheduled"},
		{now.Add(-time.Hour), "now"},
		{now.Add(2*time.Hour + 5*time.Minute - 21*time.Hour), "now"},
		{now.Add(10 * time.Minute), "today 21:50 (in 10m)"},
		{now.Add(11 * time.Hour), "tomorrow 08:40"},
		{time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), "tomorrow"},
		{time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), "Mon 9 Mar (in 6 days)"},
		{time.Date(2026, 3, 9, 13, 5, 0, 0, time.UTC), "Mon 9 Mar 13:05 (in 6 days)"},
	} {
		if got := nextDue(c.due, now); got != c.want {
			t.Errorf("nextDue(%v) = %q, want %q", c.due, got, c.want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"}, {1499 * time.Millisecond, "1s"}, {90 * time.Second, "1m 30s"}, {10 * time.Minute, "10m"}, {2 * time.Hour, "2h"}, {3*time.Hour + 61*time.Minute, "4h 1m"},
	} {
		if got := formatDuration(c.d); got != c.want {
			t.Errorf("formatDuration(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}
