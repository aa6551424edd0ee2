package fsrs

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"
)

// vectorFile is testdata/fsrs-vectors.json (format in data/README.md); the
// sm2 section is reference material and not read.
type vectorFile struct {
	DefaultParameters []float64               `json:"default_parameters"`
	Configs           map[string]vectorConfig `json:"configs"`
	Units             vectorUnits             `json:"units"`
}

type vectorConfig struct {
	Effective struct {
		RequestRetention float64   `json:"request_retention"`
		MaximumInterval  int       `json:"maximum_interval"`
		W                []float64 `json:"w"`
		EnableFuzz       bool      `json:"enable_fuzz"`
		EnableShortTerm  bool      `json:"enable_short_term"`
		LearningSteps    []string  `json:"learning_steps"`
		RelearningSteps  []string  `json:"relearning_steps"`
	} `json:"effective_parameters"`
	IntervalModifier float64          `json:"interval_modifier"`
	Sequences        []vectorSequence `json:"sequences"`
}

type vectorSequence struct {
	Name  string       `json:"name"`
	Note  string       `json:"note"`
	Steps []vectorStep `json:"steps"`
}

type vectorStep struct {
	Index          int                      `json:"index"`
	ReviewTime     time.Time                `json:"review_time"`
	Rating         string                   `json:"rating"`
	RatingValue    int                      `json:"rating_value"`
	ElapsedDays    int                      `json:"elapsed_days_calendar_utc"`
	Retrievability *float64                 `json:"retrievability_at_review"`
	Before         vectorCard               `json:"before"`
	After          vectorCard               `json:"after"`
	Preview        map[string]vectorOutcome `json:"preview_all_grades"`
}

type vectorCard struct {
	Due           time.Time  `json:"due"`
	Stability     float64    `json:"stability"`
	Difficulty    float64    `json:"difficulty"`
	ElapsedDays   int        `json:"elapsed_days"`
	ScheduledDays int        `json:"scheduled_days"`
	LearningSteps int        `json:"learning_steps"`
	Reps          int        `json:"reps"`
	Lapses        int        `json:"lapses"`
	State         string     `json:"state"`
	LastReview    *time.Time `json:"last_review"`
}

type vectorOutcome struct {
	Due           time.Time `json:"due"`
	Stability     float64   `json:"stability"`
	Difficulty    float64   `json:"difficulty"`
	ScheduledDays int       `json:"scheduled_days"`
	State         string    `json:"state"`
	LearningSteps int       `json:"learning_steps"`
}

func loadVectorFile(t *testing.T) vectorFile {
	t.Helper()
	data, err := os.ReadFile("testdata/fsrs-vectors.json")
	if err != nil {
		t.Fatalf("read vectors: %v", err)
	}
	var f vectorFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("decode vectors: %v", err)
	}
	return f
}

func parseGrade(t *testing.T, name string) Grade {
	t.Helper()
	for g := Again; g <= Easy; g++ {
		if g.String() == name {
			return g
		}
	}
	t.Fatalf("unknown grade %q", name)
	return 0
}

// schedulerFor builds the scheduler of a vector configuration: UTC days,
// fuzz off, and ts-fsrs's clamping before ordering where the maximum
// interval is in reach.
func schedulerFor(t *testing.T, name string, c vectorConfig) *Scheduler {
	t.Helper()
	e := c.Effective
	o := Options{
		Parameters:         e.W,
		DesiredRetention:   e.RequestRetention,
		MaximumInterval:    e.MaximumInterval,
		ShortTerm:          e.EnableShortTerm,
		Fuzz:               e.EnableFuzz,
		ClampAfterOrdering: name != "short_term_on_r080_max100",
	}
	for _, s := range e.LearningSteps {
		d, err := ParseStep(s)
		if err != nil {
			t.Fatalf("learning step: %v", err)
		}
		o.LearningSteps = append(o.LearningSteps, d)
	}
	for _, s := range e.RelearningSteps {
		d, err := ParseStep(s)
		if err != nil {
			t.Fatalf("relearning step: %v", err)
		}
		o.RelearningSteps = append(o.RelearningSteps, d)
	}
	s, err := NewScheduler(o)
	if err != nil {
		t.Fatalf("NewScheduler: %v", err)
	}
	return s
}

func TestSequences(t *testing.T) {
	f := loadVectorFile(t)
	if len(f.Configs) != 4 {
		t.Fatalf("got %d configs, want 4", len(f.Configs))
	}
	for name, cfg := range f.Configs {
		t.Run(name, func(t *testing.T) {
			s := schedulerFor(t, name, cfg)
			if s.intervalModifier != cfg.IntervalModifier {
				t.Errorf("interval modifier = %v, want %v", s.intervalModifier, cfg.IntervalModifier)
			}
			if len(cfg.Sequences) != 11 {
				t.Fatalf("got %d sequences, want 11", len(cfg.Sequences))
			}
			for _, seq := range cfg.Sequences {
				t.Run(seq.Name, func(t *testing.T) {
					replay(t, s, seq)
				})
			}
		})
	}
}

// replay reviews a new card through the steps of seq, checking the card
// before and after every review and the preview of all four grades.
func replay(t *testing.T, s *Scheduler, seq vectorSequence) {
	// The card is created at START (the first step's due), not at its first review.
	card := NewCard(seq.Steps[0].Before.Due)
	for _, st := range seq.Steps {
		where := fmt.Sprintf("step %d (%s at %s)", st.Index, st.Rating, st.ReviewTime.Format(time.RFC3339))
		checkCard(t, where+" before", card, st.Before)
		if st.Retrievability != nil {
			r := s.Model().Retrievability(float64(st.ElapsedDays), card.Stability)
			if r != *st.Retrievability {
				t.Errorf("%s: retrievability %v, want %v", where, r, *st.Retrievability)
			}
		}
		preview, err := s.Preview(card, st.ReviewTime)
		if err != nil {
			t.Fatalf("%s: Preview: %v", where, err)
		}
		for g := Again; g <= Easy; g++ {
			want, ok := st.Preview[g.String()]
			if !ok {
				t.Fatalf("%s: no preview for %s", where, g)
			}
			checkOutcome(t, fmt.Sprintf("%s preview %s", where, g), preview.Get(g), want)
		}
		g := parseGrade(t, st.Rating)
		if int(g) != st.RatingValue {
			t.Fatalf("%s: rating %s has value %d", where, st.Rating, st.RatingValue)
		}
		next, err := s.Next(card, st.ReviewTime, g)
		if err != nil {
			t.Fatalf("%s: Next: %v", where, err)
		}
		checkCard(t, where+" after", next, st.After)
		if next.ElapsedDays != st.ElapsedDays {
			t.Errorf("%s: elapsed days %d, want %d", where, next.ElapsedDays, st.ElapsedDays)
		}
		card = next
	}
}

func checkCard(t *testing.T, where string, got Card, want vectorCard) {
	t.Helper()
	checkOutcome(t, where, got, vectorOutcome{
		Due: want.Due, Stability: want.Stability, Difficulty: want.Difficulty,
		ScheduledDays: want.ScheduledDays, State: want.State, LearningSteps: want.LearningSteps,
	})
	if got.ElapsedDays != want.ElapsedDays || got.Reps != want.Reps || got.Lapses != want.Lapses {
		t.Errorf("%s: elapsed %d reps %d lapses %d, want %d %d %d",
			where, got.ElapsedDays, got.Reps, got.Lapses, want.ElapsedDays, want.Reps, want.Lapses)
	}
	var wantLast time.Time
	if want.LastReview != nil {
		wantLast = *want.LastReview
	}
	if !got.LastReview.Equal(wantLast) {
		t.Errorf("%s: last review %v, want %v", where, got.LastReview, wantLast)
	}
}

// checkOutcome compares S and D exactly: the package rounds as ts-fsrs does.
func checkOutcome(t *testing.T, where string, got Card, want vectorOutcome) {
	t.Helper()
	if !got.Due.Equal(want.Due) {
		t.Errorf("%s: due %v, want %v", where, got.Due.UTC(), want.Due)
	}
	if got.Stability != want.Stability || got.Difficulty != want.Difficulty {
		t.Errorf("%s: S %v D %v, want S %v D %v (ΔS %.3g ΔD %.3g)", where, got.Stability, got.Difficulty,
			want.Stability, want.Difficulty, got.Stability-want.Stability, got.Difficulty-want.Difficulty)
	}
	if got.ScheduledDays != want.ScheduledDays || got.State.String() != want.State || got.LearningStep != want.LearningSteps {
		t.Errorf("%s: scheduled %d state %s step %d, want %d %s %d", where,
			got.ScheduledDays, got.State, got.LearningStep, want.ScheduledDays, want.State, want.LearningSteps)
	}
}

func TestDefaultParametersMatchVectors(t *testing.T) {
	f := loadVectorFile(t)
	w := DefaultWeights()
	if len(f.DefaultParameters) != len(w) {
		t.Fatalf("vectors have %d default parameters", len(f.DefaultParameters))
	}
	for i, x := range f.DefaultParameters {
		if w[i] != x {
			t.Errorf("w[%d] = %v, want %v", i, w[i], x)
		}
	}
}
