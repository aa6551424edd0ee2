package fsrs

// Grade is the answer to a review.
type Grade int

// The four grades, numbered as in FSRS.
const (
	Again Grade = iota + 1
	Hard
	Good
	Easy
)

// String returns the grade's name ("Again", "Hard", "Good", "Easy").
func (g Grade) String() string {
	switch g {
	case Again:
		return "Again"
	case Hard:
		return "Hard"
	case Good:
		return "Good"
	case Easy:
		return "Easy"
	default:
		return "Grade(invalid)"
	}
}

func (g Grade) valid() bool {
	return g >= Again && g <= Easy
}
