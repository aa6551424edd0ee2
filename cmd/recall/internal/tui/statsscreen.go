package tui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/fsrs"
	"github.com/recall-srs/recall/review/store"
	"github.com/recall-srs/recall/review/study"
)

// statsWeeks is the number of weeks the heatmap covers.
const statsWeeks = 26

// statsLoadedMsg carries the statistics computed from the review log.
type statsLoadedMsg struct {
	view StatsView
	err  error
}

// loadStats reads the vault's review log and the card index into the
// statistics screen's input.
func loadStats(s *study.Study, now time.Time) tea.Cmd {
	return func() tea.Msg {
		v, err := buildStats(s, now)
		return statsLoadedMsg{view: v, err: err}
	}
}

// buildStats computes the statistics: reviews per day, the due forecast,
// true retention over 30 days, cards by state and the ease or difficulty
// distribution.
func buildStats(s *study.Study, now time.Time) (StatsView, error) {
	clock := s.Clock()
	today := clock.Day(now)
	v := StatsView{Today: clock.DayStartOf(today), Weeks: statsWeeks, Forecast: make([]int, forecastDays)}
	perDay := map[int]int{}
	err := s.Reviews(func(r store.Review) error {
		if r.Rating < review.Again {
			return nil
		}
		day := clock.Day(r.Time)
		perDay[day]++
		if today-day < 30 && !r.Before.IsNew() && !isLearning(r.Before) {
			if r.Rating == review.Again {
				v.Retention.Failed++
			} else {
				v.Retention.Passed++
			}
		}
		return nil
	})
	if err != nil {
		return v, err
	}
	for day, n := range perDay {
		v.Reviews = append(v.Reviews, DayCount{Day: clock.DayStartOf(day), Reviews: n})
	}
	states := map[string]int{}
	var eases, difficulties []float64
	for _, c := range s.Cards() {
		st := c.State
		switch {
		case st.IsNew():
			states["New"]++
			continue
		case isLearning(st):
			states["Learning"]++
		case interval(st) >= 21:
			states["Mature"]++
		default:
			states["Young"]++
		}
		if d := clock.Day(clock.Due(st)) - today; d < forecastDays {
			v.Forecast[max(0, d)]++
		}
		if st.SM2 != nil {
			eases = append(eases, float64(st.SM2.Ease))
		} else {
			difficulties = append(difficulties, st.FSRS.Difficulty)
		}
	}
	for _, label := range []string{"New", "Learning", "Young", "Mature"} {
		v.States = append(v.States, Count{Label: label, N: states[label]})
	}
	if s.Algorithm() == review.FSRS || len(difficulties) > len(eases) {
		v.Distribution = histogram("Difficulty", difficulties, 1, 10, 1, "%.0f–%.0f")
	} else {
		v.Distribution = histogram("Ease", eases, 130, 350, 20, "%.0f–%.0f")
	}
	return v, nil
}

// isLearning reports whether a state is in FSRS learning or relearning
// steps.
func isLearning(st review.State) bool {
	return st.FSRS != nil && (st.FSRS.State == fsrs.Learning || st.FSRS.State == fsrs.Relearning)
}

// interval is a scheduled card's interval in days.
func interval(st review.State) float64 {
	if st.SM2 != nil {
		return st.SM2.Interval
	}
	return float64(st.FSRS.ScheduledDays)
}

// histogram buckets values from lo to hi in steps; the last bucket takes
// everything above.
func histogram(title string, values []float64, lo, hi, step float64, label string) Distribution {
	d := Distribution{Title: title}
	for from := lo; from < hi; from += step {
		to := from + step
		n := 0
		for _, x := range values {
			if x >= from && (x < to || to >= hi) || from == lo && x < lo {
				n++
			}
		}
		d.Buckets = append(d.Buckets, Count{Label: fmt.Sprintf(label, from, to), N: n})
	}
	return d
}
