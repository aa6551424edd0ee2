package fsrs

import (
	"fmt"
	"strconv"
	"time"
)

// minutesPerDay is the step length from which a step is a day interval.
const minutesPerDay = 1440

// ParseStep parses a learning step written as ts-fsrs and the plugin write
// them: a whole number and a unit, "m", "h" or "d" ("1m", "10m", "1d").
func ParseStep(s string) (time.Duration, error) {
	if len(s) < 2 {
		return 0, fmt.Errorf("fsrs: step %q: want a number and a unit m, h or d", s)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 0 {
		return 0, fmt.Errorf("fsrs: step %q: want a whole number of minutes, hours or days", s)
	}
	switch s[len(s)-1] {
	case 'm':
		return time.Duration(n) * time.Minute, nil
	case 'h':
		return time.Duration(n) * time.Hour, nil
	case 'd':
		return time.Duration(n) * 24 * time.Hour, nil
	default:
		return 0, fmt.Errorf("fsrs: step %q: unit must be m, h or d", s)
	}
}

// stepMinutes converts steps to whole minutes, rejecting any other length.
func stepMinutes(name string, steps []time.Duration) ([]int, error) {
	out := make([]int, len(steps))
	for i, d := range steps {
		if d <= 0 || d%time.Minute != 0 {
			return nil, fmt.Errorf("fsrs: %s step %v: must be a positive whole number of minutes", name, d)
		}
		out[i] = int(d / time.Minute)
	}
	return out, nil
}

// stepFor returns what the steps say for a card in state st at step cur
// answered g: the minutes until it is due again and its next step index, or
// 0 minutes when the card leaves the steps (graduates). Review cards use
// the relearning steps and only Again enters them.
func (s *Scheduler) stepFor(st State, cur int, g Grade) (minutes, next int) {
	steps := s.learning
	if st == Review || st == Relearning {
		steps = s.relearning
	}
	n := len(steps)
	if n == 0 || cur >= n {
		return 0, 0
	}
	if st == Review {
		if g == Again {
			return steps[cur], 0
		}
		return 0, 0
	}
	switch g {
	case Again:
		return steps[0], 0
	case Hard:
		if n == 1 {
			return int(jsRound(float64(steps[0]) * 1.5)), cur
		}
		return int(jsRound(float64(steps[0]+steps[1]) / 2)), cur
	case Good:
		if cur+1 < n {
			return steps[cur+1], cur + 1
		}
	}
	return 0, 0
}
