package fsrs

import "time"

// State is where a card is in the FSRS state machine.
type State int

// The card states, numbered as in ts-fsrs and the plugin's "!fsrs," segment.
const (
	New State = iota
	Learning
	Review
	Relearning
)

// String returns the state's name ("New", "Learning", "Review",
// "Relearning").
func (s State) String() string {
	switch s {
	case New:
		return "New"
	case Learning:
		return "Learning"
	case Review:
		return "Review"
	case Relearning:
		return "Relearning"
	default:
		return "State(invalid)"
	}
}

// Card is a card's FSRS scheduling state (spec/fsrs.md §3).
type Card struct {
	// Due is the instant the card is next due.
	Due time.Time
	// Stability and Difficulty are the memory state; both 0 for a new card.
	Stability  float64
	Difficulty float64
	// ElapsedDays is the number of days between the last review and the one
	// before it (ts-fsrs's deprecated elapsed_days; informative only).
	ElapsedDays int
	// ScheduledDays is the current interval in days; 0 while in steps.
	ScheduledDays int
	// LearningStep is the index of the current learning or relearning step.
	LearningStep int
	// Reps counts reviews; Lapses counts Again answers on Review cards.
	Reps   int
	Lapses int
	State  State
	// LastReview is the instant of the last review; zero when never reviewed.
	LastReview time.Time
	// Seed identifies the card for the fuzz PRNG; see SeedFromID. It is
	// unused when fuzz is off.
	Seed uint64
}

// NewCard returns a card never reviewed, due at now.
func NewCard(now time.Time) Card {
	return Card{Due: now}
}

// Reset forgets card c (spec/fsrs.md §4.3): it returns a new card due at now
// with no memory, no counters and no last review, keeping only its Seed. The
// plugin writes it as "!fsrs,<now>,0,0,0,0,0,0,0,-".
func Reset(c Card, now time.Time) Card {
	n := NewCard(now)
	n.Seed = c.Seed
	return n
}

func (c Card) memory() MemoryState {
	return MemoryState{Stability: c.Stability, Difficulty: c.Difficulty}
}
