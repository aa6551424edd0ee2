package review

import (
	"fmt"
	"strings"
)

// Rating is the learner's answer to a card.
type Rating int

// The ratings. Reset is not an answer but the plugin's "reset" button: the
// card starts over.
const (
	Reset Rating = iota
	Again
	Hard
	Good
	Easy
)

// String names the rating in lower case ("good").
func (r Rating) String() string {
	switch r {
	case Reset:
		return "reset"
	case Again:
		return "again"
	case Hard:
		return "hard"
	case Good:
		return "good"
	case Easy:
		return "easy"
	}
	return fmt.Sprintf("rating(%d)", int(r))
}

// ParseRating reads a rating by name (again, hard, good, easy, reset) or by
// number (1–4).
func ParseRating(s string) (Rating, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "again", "1":
		return Again, nil
	case "hard", "2":
		return Hard, nil
	case "good", "3":
		return Good, nil
	case "easy", "4":
		return Easy, nil
	case "reset", "0":
		return Reset, nil
	}
	return 0, fmt.Errorf("unknown rating %q (use again, hard, good, easy or reset)", s)
}
