package review

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// QueueCard is a card a review queue can show.
type QueueCard struct {
	ID string
	// Question groups siblings: cards with the same Question are siblings.
	Question string
	Decks    []string
	State    State
}

// The card orders of the plugin's flashcardCardOrder setting.
const (
	NewFirstSequential         = "NewFirstSequential"
	NewFirstRandom             = "NewFirstRandom"
	DueFirstSequential         = "DueFirstSequential"
	DueFirstRandom             = "DueFirstRandom"
	EveryCardRandomDeckAndCard = "EveryCardRandomDeckAndCard"
)

// The deck orders of the plugin's flashcardDeckOrder setting.
const (
	PrevDeckCompleteSequential = "PrevDeckComplete_Sequential"
	PrevDeckCompleteRandom     = "PrevDeckComplete_Random"
)

// QueueOptions shape a review queue.
type QueueOptions struct {
	// Deck limits the queue to a deck and its sub-decks ("🧠/network");
	// empty means every deck.
	Deck string
	// NewPerDay is the daily limit of new cards; NewDoneToday of them were
	// already studied today.
	NewPerDay, NewDoneToday int
	// Order is the plugin's flashcardCardOrder (DueFirstRandom when empty).
	Order string
	// DeckOrder is the plugin's flashcardDeckOrder: decks one after the
	// other in the order of the notes (PrevDeckComplete_Sequential, the
	// default) or in random order.
	DeckOrder string
	// Seed makes random orders repeatable.
	Seed uint64
	// Buried are cards hidden for today.
	Buried map[string]bool
}

// Queue is one review run: due cards and new cards in the configured order.
// Again puts a card back later in the same run; answering a card buries its
// siblings for the day. It is not safe for concurrent use.
type Queue struct {
	clock  Clock
	ready  []QueueCard // to show now, in order
	later  []QueueCard // answered Again or in learning steps, by due time
	buried map[string]bool
	cards  map[string][]QueueCard // siblings by question
	done   int
}

// NewQueue builds the queue of the cards due at now (and new cards up to
// the daily limit) in the decks asked for.
func NewQueue(cards []QueueCard, clock Clock, now time.Time, o QueueOptions) *Queue {
	q := &Queue{clock: clock, buried: map[string]bool{}, cards: map[string][]QueueCard{}}
	for id := range o.Buried {
		q.buried[id] = true
	}
	var due, fresh []QueueCard
	rank := map[string]int{}
	for _, c := range cards {
		if q.buried[c.ID] || !inDeck(c.Decks, o.Deck) {
			continue
		}
		if _, ok := rank[firstDeck(c)]; !ok {
			rank[firstDeck(c)] = len(rank)
		}
		switch {
		case c.State.IsNew():
			fresh = append(fresh, c)
		case clock.IsDue(c.State, now):
			due = append(due, c)
		}
	}
	if limit := o.NewPerDay - o.NewDoneToday; len(fresh) > max(limit, 0) {
		fresh = fresh[:max(limit, 0)]
	}
	// Siblings are tracked only among the cards of the run: the others
	// are not shown today anyway.
	for _, group := range [2][]QueueCard{due, fresh} {
		for _, c := range group {
			q.cards[c.Question] = append(q.cards[c.Question], c)
		}
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x5eed))
	shuffle := func(cs []QueueCard) {
		rng.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
	}
	if o.Order == EveryCardRandomDeckAndCard {
		q.ready = append(due, fresh...)
		shuffle(q.ready)
		q.dropBuriedSiblings()
		return q
	}
	// The plugin finishes one deck before the next (flashcardDeckOrder):
	// decks in the order of the notes, or shuffled; the card order applies
	// within each.
	decks, byDeck := groupByDeck(due, fresh, rank)
	if o.DeckOrder == PrevDeckCompleteRandom {
		rng.Shuffle(len(decks), func(i, j int) { decks[i], decks[j] = decks[j], decks[i] })
	}
	for _, d := range decks {
		g := byDeck[d]
		switch o.Order {
		case NewFirstSequential:
			q.ready = append(append(q.ready, g.fresh...), g.due...)
		case NewFirstRandom:
			shuffle(g.fresh)
			shuffle(g.due)
			q.ready = append(append(q.ready, g.fresh...), g.due...)
		case DueFirstSequential:
			q.ready = append(append(q.ready, g.due...), g.fresh...)
		default: // DueFirstRandom, the plugin's default
			shuffle(g.due)
			shuffle(g.fresh)
			q.ready = append(append(q.ready, g.due...), g.fresh...)
		}
	}
	q.dropBuriedSiblings()
	return q
}

// deckGroup holds one deck's due and new cards.
type deckGroup struct{ due, fresh []QueueCard }

// groupByDeck groups cards by their first deck, keeping their order, and
// returns the decks in the order of rank (the order in which the notes
// first show them, as the plugin builds its deck tree).
func groupByDeck(due, fresh []QueueCard, rank map[string]int) ([]string, map[string]*deckGroup) {
	byDeck := map[string]*deckGroup{}
	var decks []string
	group := func(c QueueCard) *deckGroup {
		d := firstDeck(c)
		g := byDeck[d]
		if g == nil {
			g = &deckGroup{}
			byDeck[d] = g
			decks = append(decks, d)
		}
		return g
	}
	for _, c := range due {
		g := group(c)
		g.due = append(g.due, c)
	}
	for _, c := range fresh {
		g := group(c)
		g.fresh = append(g.fresh, c)
	}
	slices.SortFunc(decks, func(a, b string) int { return rank[a] - rank[b] })
	return decks, byDeck
}

// firstDeck is the deck a card is studied in when the run goes deck by
// deck.
func firstDeck(c QueueCard) string {
	if len(c.Decks) > 0 {
		return c.Decks[0]
	}
	return ""
}

// inDeck reports whether a card of the given decks belongs to deck or one
// of its sub-decks.
func inDeck(decks []string, deck string) bool {
	if deck == "" {
		return true
	}
	for _, d := range decks {
		if d == deck || strings.HasPrefix(d, deck+"/") {
			return true
		}
	}
	return false
}

// Current returns the card to show at now: the next ready card, else a card
// waiting for its learning step once it is due. ok is false when nothing is
// left to show now; Waiting then tells whether cards come back later today.
func (q *Queue) Current(now time.Time) (QueueCard, bool) {
	if len(q.ready) == 0 && len(q.later) > 0 && q.clock.IsDue(q.later[0].State, now) {
		q.ready = append(q.ready, q.later[0])
		q.later = q.later[1:]
	}
	if len(q.ready) == 0 {
		return QueueCard{}, false
	}
	return q.ready[0], true
}

// Waiting returns the cards that come back later in this run and when the
// first is due.
func (q *Queue) Waiting() (int, time.Time) {
	if len(q.later) == 0 {
		return 0, time.Time{}
	}
	return len(q.later), q.clock.Due(q.later[0].State)
}

// Answered records that the current card was answered and now has state
// next. A card that is due again today (Again, learning steps) comes back
// later in the run; its siblings are buried for the day. It returns the IDs
// of the siblings buried.
func (q *Queue) Answered(next State, now time.Time) []string {
	if len(q.ready) == 0 {
		return nil
	}
	c := q.ready[0]
	q.ready = q.ready[1:]
	q.done++
	c.State = next
	if endOfDay := q.clock.DayStartOf(q.clock.Day(now) + 1); !next.IsNew() && q.clock.Due(next).Before(endOfDay) {
		if q.clock.IsDue(next, now) {
			q.ready = append(q.ready, c)
		} else {
			q.later = append(q.later, c)
			slices.SortStableFunc(q.later, func(a, b QueueCard) int { return q.clock.Due(a.State).Compare(q.clock.Due(b.State)) })
		}
	}
	return q.burySiblings(c)
}

// burySiblings hides the other cards of c's question for the day.
func (q *Queue) burySiblings(c QueueCard) []string {
	var ids []string
	for _, s := range q.cards[c.Question] {
		if s.ID != c.ID && !q.buried[s.ID] {
			q.buried[s.ID] = true
			ids = append(ids, s.ID)
		}
	}
	q.dropBuriedSiblings()
	return ids
}

// dropBuriedSiblings removes buried cards from the run.
func (q *Queue) dropBuriedSiblings() {
	keep := func(cs []QueueCard) []QueueCard {
		return slices.DeleteFunc(cs, func(c QueueCard) bool { return q.buried[c.ID] })
	}
	q.ready, q.later = keep(q.ready), keep(q.later)
}

// Skip moves the current card to the end of the run.
func (q *Queue) Skip() {
	if len(q.ready) > 1 {
		q.ready = append(q.ready[1:], q.ready[0])
	}
}

// Bury hides the current card (and its siblings) for the rest of the day
// and returns the IDs buried.
func (q *Queue) Bury() []string {
	if len(q.ready) == 0 {
		return nil
	}
	c := q.ready[0]
	q.buried[c.ID] = true
	return append([]string{c.ID}, q.burySiblings(c)...)
}

// PutBack returns a card to the front of the run with its old state, for
// undo.
func (q *Queue) PutBack(c QueueCard) {
	q.ready = slices.DeleteFunc(q.ready, func(x QueueCard) bool { return x.ID == c.ID })
	q.later = slices.DeleteFunc(q.later, func(x QueueCard) bool { return x.ID == c.ID })
	q.ready = append([]QueueCard{c}, q.ready...)
	if q.done > 0 {
		q.done--
	}
}

// Done returns the number of answers given in this run.
func (q *Queue) Done() int { return q.done }

// Remaining returns the number of cards still to show, including those
// waiting for a learning step.
func (q *Queue) Remaining() int { return len(q.ready) + len(q.later) }
