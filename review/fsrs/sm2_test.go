package fsrs

import (
	"math"
	"testing"
	"time"
	_ "time/tzdata" // the test zone must not depend on the host's zoneinfo
)

func TestEaseToDifficulty(t *testing.T) {
	tests := []struct{ ease, want float64 }{
		{250, 5.5}, {210, 7}, {130, 10}, {100, 10}, {370, 1}, {400, 1}, {math.NaN(), 5.5},
	}
	for _, tt := range tests {
		if got := EaseToDifficulty(tt.ease); got != tt.want {
			t.Errorf("EaseToDifficulty(%v) = %v, want %v", tt.ease, got, tt.want)
		}
	}
}

func TestDifficultyToEase(t *testing.T) {
	tests := []struct {
		d    float64
		want int
	}{
		{5.1, 261}, {5.5, 250}, {7, 210}, {1, 370}, {0, 370}, {10, 130}, {11, 130},
	}
	for _, tt := range tests {
		if got := DifficultyToEase(tt.d); got != tt.want {
			t.Errorf("DifficultyToEase(%v) = %v, want %v", tt.d, got, tt.want)
		}
	}
}

// TestFromSM2WorkedExample is spec/fsrs.md §9.3: <!--SR:!2023-09-15,19,210-->
// reviewed on 2023-10-04T09:00Z.
func TestFromSM2WorkedExample(t *testing.T) {
	due := time.Date(2023, 9, 15, 0, 0, 0, 0, time.UTC)
	now := time.Date(2023, 10, 4, 9, 0, 0, 0, time.UTC)
	card := FromSM2(due, 19, 210, now)
	want := Card{
		Due: due, Stability: 19, Difficulty: 7, ElapsedDays: 38, ScheduledDays: 19, Reps: 4,
		State: Review, LastReview: time.Date(2023, 8, 27, 0, 0, 0, 0, time.UTC),
	}
	if card != want {
		t.Fatalf("FromSM2 = %+v, want %+v", card, want)
	}
	s := mustScheduler(t, DefaultOptions())
	if r := s.Model().Retrievability(38, card.Stability); r != 0.84588465 {
		t.Errorf("R = %v, want 0.84588465", r)
	}
	o, err := s.Preview(card, now)
	if err != nil {
		t.Fatalf("Preview: %v", err)
	}
	tests := []struct {
		g     Grade
		state State
		due   time.Time
		days  int
		s, d  float64
	}{
		{Again, Relearning, now.Add(10 * time.Minute), 0, 2.03330478, 8.99914877},
		{Hard, Review, now.AddDate(0, 0, 43), 43, 42.7515944, 7.99368857},
		{Good, Review, now.AddDate(0, 0, 58), 58, 58.49383838, 6.98822837},
		{Easy, Review, now.AddDate(0, 0, 93), 93, 92.96800991, 5.98276817},
	}
	for _, tt := range tests {
		c := o.Get(tt.g)
		if c.State != tt.state || !c.Due.Equal(tt.due) || c.ScheduledDays != tt.days || c.Stability != tt.s || c.Difficulty != tt.d {
			t.Errorf("%s: %s due %v (%d days) S %v D %v; want %s %v (%d) S %v D %v",
				tt.g, c.State, c.Due, c.ScheduledDays, c.Stability, c.Difficulty, tt.state, tt.due, tt.days, tt.s, tt.d)
		}
	}
	// Good writes !fsrs,2023-12-01T09:00:00.000Z,58,58.49383838,6.98822837,2,5,0,0,2023-10-04T09:00:00.000Z
	if g := o.Good; g.Reps != 5 || g.Lapses != 0 || g.LearningStep != 0 || !g.LastReview.Equal(now) ||
		g.Due.Format("2006-01-02T15:04:05.000Z07:00") != "2023-12-01T09:00:00.000Z" {
		t.Errorf("Good: %+v", g)
	}
}

func TestFromSM2Missing(t *testing.T) {
	now := time.Date(2023, 10, 4, 9, 0, 0, 0, time.UTC)
	card := FromSM2(time.Time{}, math.NaN(), math.NaN(), now)
	want := Card{
		Due: now, Stability: 1, Difficulty: 5.5, ElapsedDays: 1, ScheduledDays: 1, Reps: 1,
		State: Review, LastReview: now.AddDate(0, 0, -1),
	}
	if card != want {
		t.Errorf("FromSM2 = %+v, want %+v", card, want)
	}
	// Interval 0 (Again) also becomes 1 day.
	if c := FromSM2(now, 0, 250, now); c.ScheduledDays != 1 || c.Stability != 1 {
		t.Errorf("interval 0: %+v", c)
	}
}

// TestFromSM2LocalMidnight: the last review is whole calendar days before
// the due date, also across a DST change.
func TestFromSM2LocalMidnight(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatalf("load zone: %v", err)
	}
	due := time.Date(2025, 4, 5, 0, 0, 0, 0, berlin)
	card := FromSM2(due, 10, 250, time.Date(2025, 4, 5, 9, 0, 0, 0, berlin))
	if want := time.Date(2025, 3, 26, 0, 0, 0, 0, berlin); !card.LastReview.Equal(want) {
		t.Errorf("last review %v, want %v", card.LastReview, want)
	}
	if card.ElapsedDays != 10 {
		t.Errorf("elapsed %d days, want 10", card.ElapsedDays)
	}
}
