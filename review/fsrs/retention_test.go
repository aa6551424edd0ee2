package fsrs

import (
	"strings"
	"testing"
	"time"
)

func TestSimulateRetention(t *testing.T) {
	o := RetentionOptions{Days: 120, NewPerDay: 5, Seed: 7}
	table, err := SimulateRetention(DefaultWeights(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(table.Points) != 28 || table.Cards != 600 || table.Days != 120 {
		t.Fatalf("%d points, %d cards, %d days; want 28, 600, 120", len(table.Points), table.Cards, table.Days)
	}
	for i, p := range table.Points {
		if want := 0.70 + float64(i)/100; p.DesiredRetention < want-1e-9 || p.DesiredRetention > want+1e-9 {
			t.Errorf("point %d is retention %v; want %v", i, p.DesiredRetention, want)
		}
		if p.ReviewsPerDay < 5 || p.Retained <= 0 || p.Retained > 600 || p.RetainedShare != p.Retained/600 {
			t.Errorf("point %d: %+v", i, p)
		}
		if p.SecondsPerRetained < table.Points[table.Optimal].SecondsPerRetained {
			t.Errorf("point %d costs less than the optimum %d", i, table.Optimal)
		}
	}
	lo, hi := table.Points[0], table.Points[27]
	if hi.ReviewsPerDay < 1.5*lo.ReviewsPerDay || hi.RetainedShare <= lo.RetainedShare || hi.MinutesPerDay <= lo.MinutesPerDay {
		t.Errorf("0.97 (%+v) should cost much more and retain more than 0.70 (%+v)", hi, lo)
	}
	again, err := SimulateRetention(DefaultWeights(), o)
	if err != nil {
		t.Fatal(err)
	}
	for i := range table.Points {
		if again.Points[i] != table.Points[i] {
			t.Fatalf("same seed, different point %d: %+v, %+v", i, table.Points[i], again.Points[i])
		}
	}
	o.Seed = 8
	other, err := SimulateRetention(DefaultWeights(), o)
	if err != nil {
		t.Fatal(err)
	}
	if other.Points[10] == table.Points[10] {
		t.Error("another seed gives the same simulation")
	}
}

func TestSimulateRetentionErrors(t *testing.T) {
	tests := []struct {
		name string
		o    RetentionOptions
		want string
	}{
		{"negative days", RetentionOptions{Days: -1}, "must be positive"},
		{"negative probability", RetentionOptions{Learner: Learner{FirstRatings: [4]float64{-1, 1, 1, 1}, RecallRatings: [3]float64{1, 1, 1}}}, "negative"},
		{"no recall ratings", RetentionOptions{Learner: Learner{FirstRatings: [4]float64{1, 1, 1, 1}}}, "all zero"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := SimulateRetention(DefaultWeights(), tt.o)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v; want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLearnerFromLog(t *testing.T) {
	l := LearnerFromLog(readJosh(t).Reviews, nil)
	if l.FirstRatings != [4]float64{869, 0, 336, 0} || l.RecallRatings != [3]float64{1, 4699, 0} {
		t.Errorf("ratings %v, %v; want [869 0 336 0], [1 4699 0]", l.FirstRatings, l.RecallRatings)
	}
	// Mean durations of josh.csv: 1205 first reviews, 4700 recalled and
	// 1332 forgotten review cards, 5343 same-day steps.
	for _, c := range []struct {
		name     string
		got      time.Duration
		lo, high time.Duration
	}{
		{"learn", l.Learn, 16800 * time.Millisecond, 17 * time.Second},
		{"recall", l.Recall, 12 * time.Second, 12200 * time.Millisecond},
		{"forget", l.Forget, 15300 * time.Millisecond, 15400 * time.Millisecond},
		{"step", l.Step, 11900 * time.Millisecond, 12 * time.Second},
	} {
		if c.got < c.lo || c.got > c.high {
			t.Errorf("%s: %v; want in [%v, %v]", c.name, c.got, c.lo, c.high)
		}
	}
	empty := LearnerFromLog(nil, nil)
	if empty != TypicalLearner {
		t.Errorf("learner of an empty log %+v; want TypicalLearner", empty)
	}
}
