package review

import (
	"testing"
	"time"

	"github.com/recall-srs/recall/deck"
)

// utc is a clock on UTC days starting at midnight.
var utc = Clock{Location: time.UTC}

// segmentState parses one segment into a state.
func segmentState(t *testing.T, seg string) State {
	t.Helper()
	c := deck.ParseComment("<!--SR:" + seg + "-->")
	if len(c.Segments) != 1 {
		t.Fatalf("segment %q", seg)
	}
	s := c.Segments[0]
	if seg != "" && s.Kind != deck.SegmentSM2 && s.Kind != deck.SegmentFSRS {
		t.Fatalf("segment %q: %s", seg, s.Problem)
	}
	return StateOf(&s)
}

// The worked examples of obsidian-sr.md §7.3 and §8.7, and the SM-2 → FSRS
// migration of fsrs.md §9.3.
func TestGradeWorkedExamples(t *testing.T) {
	settings := deck.DefaultSettings()
	fsrsSettings := settings
	fsrsSettings.Algorithm = deck.AlgorithmFSRS
	noBalance := settings
	noBalance.LoadBalance = false
	cardE := "!2023-09-15,19,210"
	tests := []struct {
		name     string
		settings deck.Settings
		state    string // "" for a new card
		now      string
		rating   Rating
		want     string
	}{
		{"E on time good", settings, cardE, "2023-09-15T10:00:00Z", Good, "!2023-10-25,40,210"},
		{"E late easy", settings, cardE, "2023-10-04T10:00:00Z", Easy, "!2023-11-30,57,230"},
		{"E late good", settings, cardE, "2023-10-04T10:00:00Z", Good, "!2023-11-13,40,210"},
		{"E late hard", settings, cardE, "2023-10-04T10:00:00Z", Hard, "!2023-10-14,10,190"},
		{"E late again", settings, cardE, "2023-10-04T10:00:00Z", Again, "!2023-10-04,0,190"},
		{"E late reset", settings, cardE, "2023-10-04T10:00:00Z", Reset, "!2023-10-04,1,250"},
		{"E late easy unbalanced", noBalance, cardE, "2023-10-04T10:00:00Z", Easy, "!2023-11-30,56.8,230"},
		{"E late good unbalanced", noBalance, cardE, "2023-10-04T10:00:00Z", Good, "!2023-11-13,39.9,210"},
		{"E late hard unbalanced", noBalance, cardE, "2023-10-04T10:00:00Z", Hard, "!2023-10-14,9.5,190"},
		{"N easy", settings, "", "2023-10-04T10:00:00Z", Easy, "!2023-10-08,4,270"},
		{"N good", settings, "", "2023-10-04T10:00:00Z", Good, "!2023-10-07,3,250"},
		{"N hard", settings, "", "2023-10-04T10:00:00Z", Hard, "!2023-10-05,1,230"},
		{"N again", settings, "", "2023-10-04T10:00:00Z", Again, "!2023-10-04,0,230"},
		{"N reset stays new", settings, "", "2023-10-04T10:00:00Z", Reset, ""},
		{"again interval counts as 1", settings, "!2023-10-04,0,190", "2023-10-05T08:00:00Z", Good, "!2023-10-07,1.9,190"},
		{"E migrates to FSRS", fsrsSettings, cardE, "2023-10-04T09:00:00Z", Good, "!fsrs,2023-12-01T09:00:00.000Z,58,58.49383838,6.98822837,2,5,0,0,2023-10-04T09:00:00.000Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now, _ := time.Parse(time.RFC3339, tt.now)
			st := State{}
			if tt.state != "" {
				st = segmentState(t, tt.state)
			}
			cfg := ConfigFor(tt.settings, utc)
			if tt.name == "again interval counts as 1" {
				cfg.SM2.LoadBalance = false
			}
			s, err := NewScheduler(cfg, now, []State{st})
			if err != nil {
				t.Fatal(err)
			}
			next, err := s.Grade(st, tt.rating, now, "card-id")
			if err != nil {
				t.Fatal(err)
			}
			got, err := next.Segment()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPreviewDoesNotRecord(t *testing.T) {
	now := time.Date(2023, 10, 4, 10, 0, 0, 0, time.UTC)
	s, err := NewScheduler(ConfigFor(deck.DefaultSettings(), utc), now, nil)
	if err != nil {
		t.Fatal(err)
	}
	st := segmentState(t, "!2023-10-04,30,250")
	first, _ := s.Preview(st, now, "x")
	second, _ := s.Preview(st, now, "x")
	for r, a := range first {
		if a.SM2.Interval != second[r].SM2.Interval {
			t.Errorf("%v: preview changed from %v to %v", r, a.SM2.Interval, second[r].SM2.Interval)
		}
	}
	// Grading records the due date: the same answer on an identical card
	// is then load-balanced away from it.
	a, _ := s.Grade(st, Good, now, "a")
	b, _ := s.Grade(st, Good, now, "b")
	if a.SM2.Due.Equal(b.SM2.Due) {
		t.Errorf("two identical cards got the same due date %v: load balancing saw no histogram", a.SM2.Due)
	}
}

func TestIsDue(t *testing.T) {
	c := Clock{Location: time.UTC, DayStart: 4 * time.Hour}
	sm2 := segmentState(t, "!2023-10-04,3,250")
	if c.IsDue(sm2, time.Date(2023, 10, 4, 3, 0, 0, 0, time.UTC)) {
		t.Error("due before the day starts at 04:00")
	}
	if !c.IsDue(sm2, time.Date(2023, 10, 4, 4, 0, 0, 0, time.UTC)) {
		t.Error("not due when its day starts")
	}
	learning := segmentState(t, "!fsrs,2023-10-04T10:10:00.000Z,0,2.3,5,1,1,0,1,2023-10-04T10:00:00.000Z")
	if c.IsDue(learning, time.Date(2023, 10, 4, 10, 5, 0, 0, time.UTC)) || !c.IsDue(learning, time.Date(2023, 10, 4, 10, 10, 0, 0, time.UTC)) {
		t.Error("a learning card is due at its instant")
	}
	if c.IsDue(State{}, time.Now()) {
		t.Error("a new card is not due")
	}
}
