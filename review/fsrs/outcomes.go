package fsrs

// Outcomes holds the card that each grade would produce.
type Outcomes struct {
	Again, Hard, Good, Easy Card
}

// Get returns the outcome of grade g, which must be valid.
func (o Outcomes) Get(g Grade) Card {
	switch g {
	case Again:
		return o.Again
	case Hard:
		return o.Hard
	case Good:
		return o.Good
	default:
		return o.Easy
	}
}

func (o *Outcomes) set(g Grade, c Card) {
	switch g {
	case Again:
		o.Again = c
	case Hard:
		o.Hard = c
	case Good:
		o.Good = c
	default:
		o.Easy = c
	}
}
