package fsrs

import (
	"errors"
	"math"
	"testing"
	"time"
)

var start = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)

func mustScheduler(t testing.TB, o Options) *Scheduler {
	t.Helper()
	s, err := NewScheduler(o)
	if err != nil {
		t.Fatalf("NewScheduler: %v", err)
	}
	return s
}

func options(edit func(*Options)) Options {
	o := DefaultOptions()
	edit(&o)
	return o
}

// reviewCard is a Review card last reviewed days days before start.
func reviewCard(s, d float64, days int) Card {
	last := start.AddDate(0, 0, -days)
	return Card{
		Due: last.AddDate(0, 0, days), Stability: s, Difficulty: d, ScheduledDays: days,
		Reps: 3, State: Review, LastReview: last,
	}
}

func TestStepsOutcomes(t *testing.T) {
	type want struct {
		state   State
		step    int
		minutes int // 0: graduated, check days instead
		days    int
	}
	learning := func(step int) Card {
		return Card{Due: start, Stability: 2.3065, Difficulty: 2.11810397, Reps: 1, State: Learning, LearningStep: step, LastReview: start}
	}
	relearning := func(step int) Card {
		return Card{Due: start, Stability: 2, Difficulty: 7, Reps: 5, Lapses: 1, State: Relearning, LearningStep: step, LastReview: start}
	}
	tests := []struct {
		name string
		o    Options
		card Card
		g    Grade
		want want
	}{
		{"Hard is the average of the first two steps, on every step", DefaultOptions(), learning(1), Hard, want{Learning, 1, 6, 0}},
		{"Good from the last step graduates", DefaultOptions(), learning(1), Good, want{Review, 0, 0, 2}},
		{"Again goes back to step 0", DefaultOptions(), learning(1), Again, want{Learning, 0, 1, 0}},
		{"Hard with one step is 1.5 steps", options(func(o *Options) { o.LearningSteps = []time.Duration{10 * time.Minute} }),
			NewCard(start), Hard, want{Learning, 0, 15, 0}},
		{"Hard rounds half up", options(func(o *Options) { o.LearningSteps = []time.Duration{time.Minute, 4 * time.Minute} }),
			NewCard(start), Hard, want{Learning, 0, 3, 0}},
		{"a step of a day or more is a Review day interval",
			options(func(o *Options) { o.LearningSteps = []time.Duration{10 * time.Minute, 36 * time.Hour} }),
			learning(0), Good, want{Review, 1, 36 * 60, 1}},
		{"a step beyond the list graduates", DefaultOptions(), learning(5), Again, want{Review, 0, 0, 1}},
		{"relearning Hard with one step", DefaultOptions(), relearning(0), Hard, want{Relearning, 0, 15, 0}},
		{"relearning Good to the next step",
			options(func(o *Options) { o.RelearningSteps = []time.Duration{10 * time.Minute, time.Hour} }),
			relearning(0), Good, want{Relearning, 1, 60, 0}},
		{"relearning Hard averages two steps",
			options(func(o *Options) { o.RelearningSteps = []time.Duration{10 * time.Minute, time.Hour} }),
			relearning(1), Hard, want{Relearning, 1, 35, 0}},
		{"Review Again without relearning steps stays in Review",
			options(func(o *Options) { o.RelearningSteps = nil }),
			reviewCard(20, 5, 20), Again, want{Review, 0, 0, 2}}, // S_f = 1.9436 → 2 days
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustScheduler(t, tt.o)
			got, err := s.Next(tt.card, start, tt.g)
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			if got.State != tt.want.state || got.LearningStep != tt.want.step {
				t.Errorf("state %s step %d, want %s %d", got.State, got.LearningStep, tt.want.state, tt.want.step)
			}
			wantDue := start.Add(time.Duration(tt.want.minutes) * time.Minute)
			if tt.want.minutes == 0 {
				wantDue = start.AddDate(0, 0, tt.want.days)
			}
			if !got.Due.Equal(wantDue) || got.ScheduledDays != tt.want.days {
				t.Errorf("due %v after %d days, want %v after %d", got.Due, got.ScheduledDays, wantDue, tt.want.days)
			}
			if tt.card.State == Review && tt.g == Again && got.Lapses != tt.card.Lapses+1 {
				t.Errorf("lapses %d, want %d", got.Lapses, tt.card.Lapses+1)
			}
		})
	}
}

// TestMaximumInterval checks spec/fsrs.md §4: ts-fsrs orders after clamping
// (Good and Easy exceed the maximum), recall's default clamps after ordering.
func TestMaximumInterval(t *testing.T) {
	card := reviewCard(200, 5, 200)
	tests := []struct {
		clampAfter bool
		want       [3]int
	}{
		{false, [3]int{100, 101, 102}},
		{true, [3]int{100, 100, 100}},
	}
	for _, tt := range tests {
		s := mustScheduler(t, options(func(o *Options) {
			o.MaximumInterval = 100
			o.ClampAfterOrdering = tt.clampAfter
		}))
		o, err := s.Preview(card, start)
		if err != nil {
			t.Fatalf("Preview: %v", err)
		}
		got := [3]int{o.Hard.ScheduledDays, o.Good.ScheduledDays, o.Easy.ScheduledDays}
		if got != tt.want {
			t.Errorf("clamp after ordering %v: Hard/Good/Easy %v, want %v", tt.clampAfter, got, tt.want)
		}
	}
}

// TestLongTermNewCard checks spec/fsrs.md §4.1: without short-term
// scheduling a new card gets 1/2/3/8 days, Good moved up by the ordering.
func TestLongTermNewCard(t *testing.T) {
	s := mustScheduler(t, options(func(o *Options) { o.ShortTerm = false }))
	o, err := s.Preview(NewCard(start), start)
	if err != nil {
		t.Fatalf("Preview: %v", err)
	}
	want := [4]int{1, 2, 3, 8}
	for g := Again; g <= Easy; g++ {
		c := o.Get(g)
		if c.ScheduledDays != want[g-1] || c.State != Review || c.Lapses != 0 {
			t.Errorf("%s: %d days, %s, %d lapses; want %d days, Review, 0", g, c.ScheduledDays, c.State, c.Lapses, want[g-1])
		}
	}
}

func TestFuzz(t *testing.T) {
	s := mustScheduler(t, options(func(o *Options) {
		o.Fuzz = true
		o.LearningSteps = nil
	}))
	seen := map[int]bool{}
	for seed := range uint64(200) {
		card := NewCard(start)
		card.Seed = seed
		o, err := s.Preview(card, start)
		if err != nil {
			t.Fatalf("Preview: %v", err)
		}
		// Easy: S0 = 8.2956 → 8 days, fuzzed within [6, 10].
		days := o.Easy.ScheduledDays
		if days < 6 || days > 10 {
			t.Fatalf("seed %d: Easy %d days outside [6, 10]", seed, days)
		}
		seen[days] = true
		// Hard: 1 day, under 2.5, never fuzzed.
		if o.Hard.ScheduledDays != 1 {
			t.Errorf("seed %d: Hard %d days, want 1", seed, o.Hard.ScheduledDays)
		}
		next, err := s.Next(card, start, Easy)
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if next != o.Easy {
			t.Errorf("seed %d: Next %+v differs from its preview %+v", seed, next, o.Easy)
		}
	}
	if len(seen) < 4 {
		t.Errorf("fuzz produced only %v", seen)
	}
	// Off by default: the plain interval.
	o, err := mustScheduler(t, options(func(o *Options) { o.LearningSteps = nil })).Preview(Card{Due: start, Seed: 7}, start)
	if err != nil {
		t.Fatalf("Preview: %v", err)
	}
	if o.Easy.ScheduledDays != 8 {
		t.Errorf("fuzz off: Easy %d days, want 8", o.Easy.ScheduledDays)
	}
}

func TestSeedFromID(t *testing.T) {
	a, b := SeedFromID("notes/oauth.md#^abc"), SeedFromID("notes/oauth.md#^abd")
	if a == b {
		t.Errorf("different ids give the same seed %d", a)
	}
	if a != SeedFromID("notes/oauth.md#^abc") {
		t.Errorf("SeedFromID is not deterministic")
	}
	// FNV-1a 64 of the empty string is its offset basis.
	if got := SeedFromID(""); got != 0xcbf29ce484222325 {
		t.Errorf("SeedFromID(\"\") = %#x", got)
	}
}

func TestIsDue(t *testing.T) {
	due := time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)
	utc := mustScheduler(t, DefaultOptions())
	// A day starting at 04:00 UTC.
	fourAM := mustScheduler(t, options(func(o *Options) {
		o.DayIndex = func(t time.Time) int { return utcDay(t.Add(-4 * time.Hour)) }
	}))
	tests := []struct {
		name  string
		s     *Scheduler
		state State
		now   time.Time
		want  bool
	}{
		{"new", utc, New, due.AddDate(0, 0, -5), true},
		{"review at the start of its day", utc, Review, time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC), true},
		{"review the day before", utc, Review, time.Date(2025, 1, 9, 23, 59, 0, 0, time.UTC), false},
		{"review before the 04:00 day start", fourAM, Review, time.Date(2025, 1, 10, 3, 0, 0, 0, time.UTC), false},
		{"review after the 04:00 day start", fourAM, Review, time.Date(2025, 1, 10, 4, 0, 0, 0, time.UTC), true},
		{"learning before its instant", utc, Learning, due.Add(-time.Minute), false},
		{"learning at its instant", utc, Learning, due, true},
		{"relearning after its instant", utc, Relearning, due.Add(time.Hour), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Card{Due: due, State: tt.state}
			if got := tt.s.IsDue(c, tt.now); got != tt.want {
				t.Errorf("IsDue = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDayIndexOption: elapsed days come from the injected day function.
func TestDayIndexOption(t *testing.T) {
	last := time.Date(2025, 1, 6, 23, 30, 0, 0, time.UTC)
	now := time.Date(2025, 1, 7, 0, 10, 0, 0, time.UTC)
	card := Card{Due: last.Add(10 * time.Minute), Stability: 2.3065, Difficulty: 2.11810397, Reps: 1, State: Learning, LearningStep: 1, LastReview: last}
	tests := []struct {
		name     string
		dayIndex func(time.Time) int
		wantT    int
	}{
		{"UTC days", nil, 1},
		{"day starts at 04:00", func(t time.Time) int { return utcDay(t.Add(-4 * time.Hour)) }, 0},
	}
	for _, tt := range tests {
		s := mustScheduler(t, options(func(o *Options) { o.DayIndex = tt.dayIndex }))
		got, err := s.Next(card, now, Hard)
		if err != nil {
			t.Fatalf("%s: Next: %v", tt.name, err)
		}
		if got.ElapsedDays != tt.wantT {
			t.Errorf("%s: elapsed %d days, want %d", tt.name, got.ElapsedDays, tt.wantT)
		}
		// Same day: the short-term formula leaves S unchanged for Hard.
		if sameDay := got.Stability == card.Stability; sameDay != (tt.wantT == 0) {
			t.Errorf("%s: S %v from %v", tt.name, got.Stability, card.Stability)
		}
	}
}

func TestInvalidInput(t *testing.T) {
	s := mustScheduler(t, DefaultOptions())
	good := reviewCard(10, 5, 10)
	tests := []struct {
		name string
		card Card
		now  time.Time
	}{
		{"state", Card{State: State(7)}, start},
		{"step", Card{State: Learning, LearningStep: -1, Stability: 1, Difficulty: 5, LastReview: start}, start},
		{"difficulty", Card{State: Review, Stability: 1, Difficulty: 0.5, LastReview: start}, start},
		{"stability", Card{State: Review, Stability: 0.0001, Difficulty: 5, LastReview: start}, start},
		{"NaN stability", Card{State: Review, Stability: math.NaN(), Difficulty: 5, LastReview: start}, start},
		{"review on a day before the last review", good, good.LastReview.AddDate(0, 0, -1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.Preview(tt.card, tt.now); !errors.Is(err, ErrInvalidCard) {
				t.Errorf("Preview error = %v, want ErrInvalidCard", err)
			}
		})
	}
	if _, err := s.Next(good, start, Grade(0)); err == nil {
		t.Errorf("Next with grade 0: no error")
	}
	// Earlier on the same day is not an error: t = 0.
	if _, err := s.Next(good, good.LastReview.Add(-time.Hour), Good); err != nil {
		t.Errorf("Next earlier on the same day: %v", err)
	}
}

func TestNewSchedulerValidation(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Options)
	}{
		{"retention too low", func(o *Options) { o.DesiredRetention = 0.5 }},
		{"retention too high", func(o *Options) { o.DesiredRetention = 1 }},
		{"retention NaN", func(o *Options) { o.DesiredRetention = math.NaN() }},
		{"maximum interval", func(o *Options) { o.MaximumInterval = 0 }},
		{"step not whole minutes", func(o *Options) { o.LearningSteps = []time.Duration{30 * time.Second} }},
		{"zero step", func(o *Options) { o.RelearningSteps = []time.Duration{0} }},
		{"parameter count", func(o *Options) { o.Parameters = []float64{1, 2, 3} }},
		{"NaN parameter", func(o *Options) {
			w := DefaultWeights()
			w[3] = math.NaN()
			o.Parameters = w[:]
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewScheduler(options(tt.edit)); err == nil {
				t.Errorf("NewScheduler: no error")
			}
		})
	}
	if _, err := NewScheduler(DefaultOptions()); err != nil {
		t.Errorf("defaults: %v", err)
	}
}

func TestReset(t *testing.T) {
	card := reviewCard(50, 6, 30)
	card.Seed = 42
	card.Lapses = 2
	got := Reset(card, start)
	want := Card{Due: start, Seed: 42}
	if got != want {
		t.Errorf("Reset = %+v, want %+v", got, want)
	}
	// A reset card is reviewed like a new one.
	s := mustScheduler(t, DefaultOptions())
	next, err := s.Next(got, start, Good)
	if err != nil {
		t.Fatalf("Next: %v", err)
	}
	if next.State != Learning || next.Stability != 2.3065 || next.Reps != 1 {
		t.Errorf("after reset: %+v", next)
	}
}

func TestParseStep(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"1m", time.Minute, true},
		{"10m", 10 * time.Minute, true},
		{"2h", 2 * time.Hour, true},
		{"1d", 24 * time.Hour, true},
		{"", 0, false},
		{"m", 0, false},
		{"10", 0, false},
		{"10s", 0, false},
		{"-1m", 0, false},
		{"1.5m", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseStep(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseStep(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func BenchmarkNext(b *testing.B) {
	s := mustScheduler(b, DefaultOptions())
	card := reviewCard(20, 5, 20)
	for b.Loop() {
		if _, err := s.Next(card, start, Good); err != nil {
			b.Fatal(err)
		}
	}
}
