package review

import (
	"testing"
	"time"

	"github.com/recall-srs/recall/deck"
)

// card makes a queue card; due "" means new.
func card(id, question, deckName, due string) QueueCard {
	c := QueueCard{ID: id, Question: question, Decks: []string{deckName}}
	if due != "" {
		d, _ := time.Parse(time.DateOnly, due)
		c.State = State{SM2: &deck.SM2Schedule{Due: d, Interval: 3, Ease: 250}}
	}
	return c
}

// ids lists the queue's ready cards by showing and skipping them.
func order(q *Queue, now time.Time) []string {
	var out []string
	for range q.Remaining() {
		c, ok := q.Current(now)
		if !ok {
			break
		}
		out = append(out, c.ID)
		q.ready = q.ready[1:]
	}
	return out
}

func TestQueueOrderAndLimits(t *testing.T) {
	now := time.Date(2023, 10, 4, 10, 0, 0, 0, time.UTC)
	cards := []QueueCard{
		card("n1", "q1", "🧠", ""), card("d1", "q2", "🧠/net", "2023-10-01"), card("n2", "q3", "🧠/net", ""),
		card("future", "q4", "🧠", "2023-10-09"), card("d2", "q5", "other", "2023-10-04"), card("n3", "q6", "🧠", ""),
	}
	tests := []struct {
		name string
		opts QueueOptions
		want []string
	}{
		// Decks one after the other, in the order the notes show them (🧠,
		// 🧠/net, other); the card order applies within each deck.
		{"due first sequential", QueueOptions{Order: DueFirstSequential, NewPerDay: 20}, []string{"n1", "n3", "d1", "n2", "d2"}},
		{"new first sequential", QueueOptions{Order: NewFirstSequential, NewPerDay: 20}, []string{"n1", "n3", "n2", "d1", "d2"}},
		{"daily new limit", QueueOptions{Order: DueFirstSequential, NewPerDay: 3, NewDoneToday: 1}, []string{"n1", "d1", "n2", "d2"}},
		{"deck and sub-decks", QueueOptions{Order: DueFirstSequential, NewPerDay: 20, Deck: "🧠"}, []string{"n1", "n3", "d1", "n2"}},
		{"sub-deck only", QueueOptions{Order: DueFirstSequential, NewPerDay: 20, Deck: "🧠/net"}, []string{"d1", "n2"}},
		{"buried", QueueOptions{Order: DueFirstSequential, NewPerDay: 20, Buried: map[string]bool{"d1": true}}, []string{"n1", "n3", "n2", "d2"}},
		{"every card random", QueueOptions{Order: EveryCardRandomDeckAndCard, NewPerDay: 20, Seed: 3}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := order(NewQueue(cards, utc, now, tt.opts), now)
			if tt.want == nil {
				if len(got) != 5 {
					t.Fatalf("got %v, want the 5 cards in any order", got)
				}
				return
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
	a := order(NewQueue(cards, utc, now, QueueOptions{NewPerDay: 20, Seed: 1}), now)
	b := order(NewQueue(cards, utc, now, QueueOptions{NewPerDay: 20, Seed: 1}), now)
	if len(a) != 5 || a[2] != "d1" || a[3] != "n2" || a[4] != "d2" {
		t.Errorf("due first random, deck by deck: %v", a)
	}
	shuffled := order(NewQueue(cards, utc, now, QueueOptions{NewPerDay: 20, Seed: 5, DeckOrder: PrevDeckCompleteRandom}), now)
	if len(shuffled) != 5 {
		t.Errorf("random deck order: %v", shuffled)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed, different orders: %v %v", a, b)
		}
	}
}

func TestQueueAgainAndSiblings(t *testing.T) {
	now := time.Date(2023, 10, 4, 10, 0, 0, 0, time.UTC)
	cards := []QueueCard{card("a-0", "a", "🧠", "2023-10-04"), card("a-1", "a", "🧠", "2023-10-04"), card("b-0", "b", "🧠", "")}
	q := NewQueue(cards, utc, now, QueueOptions{Order: DueFirstSequential, NewPerDay: 20})
	c, _ := q.Current(now)
	if c.ID != "a-0" {
		t.Fatalf("first %s", c.ID)
	}
	// Again: due today, comes back at the end; its sibling is buried.
	againState := State{SM2: &deck.SM2Schedule{Due: time.Date(2023, 10, 4, 0, 0, 0, 0, time.UTC), Interval: 0, Ease: 230}}
	if buried := q.Answered(againState, now); len(buried) != 1 || buried[0] != "a-1" {
		t.Fatalf("buried %v", buried)
	}
	if c, _ := q.Current(now); c.ID != "b-0" || q.Remaining() != 2 {
		t.Fatalf("next %s, remaining %d", c.ID, q.Remaining())
	}
	// A new card answered into a 10-minute learning step waits.
	learning := segmentState(t, "!fsrs,2023-10-04T10:10:00.000Z,0,2.3,5,1,1,0,1,2023-10-04T10:00:00.000Z")
	q.Answered(learning, now)
	if c, _ := q.Current(now); c.ID != "a-0" {
		t.Fatalf("the Again card did not come back: %s", c.ID)
	}
	q.Answered(State{SM2: &deck.SM2Schedule{Due: time.Date(2023, 10, 7, 0, 0, 0, 0, time.UTC), Interval: 3, Ease: 230}}, now)
	if _, ok := q.Current(now); ok {
		t.Fatal("the learning card is shown before its step is over")
	}
	if n, at := q.Waiting(); n != 1 || !at.Equal(time.Date(2023, 10, 4, 10, 10, 0, 0, time.UTC)) {
		t.Fatalf("waiting %d at %v", n, at)
	}
	if c, ok := q.Current(now.Add(10 * time.Minute)); !ok || c.ID != "b-0" {
		t.Fatal("the learning card did not come back after its step")
	}
	if q.Done() != 3 {
		t.Errorf("done %d", q.Done())
	}
}

func TestQueueSkipBuryPutBack(t *testing.T) {
	now := time.Date(2023, 10, 4, 10, 0, 0, 0, time.UTC)
	cards := []QueueCard{card("x", "x", "🧠", ""), card("y", "y", "🧠", ""), card("z", "z", "🧠", "")}
	q := NewQueue(cards, utc, now, QueueOptions{Order: NewFirstSequential, NewPerDay: 20})
	q.Skip()
	if c, _ := q.Current(now); c.ID != "y" {
		t.Fatalf("after skip %s", c.ID)
	}
	if b := q.Bury(); len(b) != 1 || b[0] != "y" {
		t.Fatalf("bury %v", b)
	}
	if c, _ := q.Current(now); c.ID != "z" || q.Remaining() != 2 {
		t.Fatalf("after bury %s %d", c.ID, q.Remaining())
	}
	q.Answered(State{SM2: &deck.SM2Schedule{Due: time.Date(2023, 10, 8, 0, 0, 0, 0, time.UTC), Interval: 4, Ease: 270}}, now)
	q.PutBack(cards[2])
	if c, _ := q.Current(now); c.ID != "z" || q.Done() != 0 {
		t.Fatalf("after undo %s done %d", c.ID, q.Done())
	}
}
