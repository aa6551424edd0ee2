package tui

import (
	"fmt"
	"testing"
	"time"
)

// statsToday is a Tuesday.
var statsToday = time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)

// sampleStats is a deterministic statistics screen: reviews on most days
// of the last half year with weekly rhythm and a gap, a forecast with a
// peak, and FSRS difficulty buckets.
func sampleStats() StatsView {
	var reviews []DayCount
	for d := range 200 {
		day := statsToday.AddDate(0, 0, -d)
		n := (d*37)%61 + (d%7)*5
		if d%9 == 4 || (d > 30 && d < 40) {
			n = 0
		}
		reviews = append(reviews, DayCount{Day: day.Add(15 * time.Hour), Reviews: n})
	}
	forecast := make([]int, 30)
	for i := range forecast {
		forecast[i] = (i*13)%29 + 3
	}
	forecast[0], forecast[5], forecast[29] = 57, 0, 1
	return StatsView{
		Today:     statsToday,
		Weeks:     26,
		Reviews:   reviews,
		Forecast:  forecast,
		Retention: Retention{Passed: 412, Failed: 51},
		States: []Count{
			{"New", 120}, {"Learning", 14}, {"Review", 1843}, {"Relearning", 6}, {"Suspended", 2},
		},
		Distribution: Distribution{Title: "Difficulty", Buckets: []Count{
			{"1–2", 84}, {"2–3", 230}, {"3–4", 512}, {"4–5", 601}, {"5–6", 310},
			{"6–7", 95}, {"7–8", 11}, {"8–9", 1}, {"9–10", 0},
		}},
	}
}

func TestRenderStats(t *testing.T) {
	s := NewStyles(true)
	for _, width := range goldenWidths {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			requirePlainGolden(t, RenderStats(sampleStats(), width, s), width)
		})
	}
	t.Run("empty_60", func(t *testing.T) {
		requirePlainGolden(t, RenderStats(StatsView{Today: statsToday, Weeks: 12}, 60, s), 60)
	})
}

func TestHeatLevel(t *testing.T) {
	for _, c := range []struct{ n, most, want int }{
		{0, 10, 0}, {1, 10, 1}, {3, 10, 1}, {4, 10, 2}, {6, 10, 3}, {9, 10, 4}, {10, 10, 4}, {1, 1, 1}, {5, 0, 0},
	} {
		if got := heatLevel(c.n, c.most); got != c.want {
			t.Errorf("heatLevel(%d, %d) = %d, want %d", c.n, c.most, got, c.want)
		}
	}
}
