package sm2osr

import (
	"testing"
	"time"
)

// day returns the day index of a calendar date, as review.DayIndex does for
// UTC with the default day start.
func day(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func settings(loadBalance, overdueBonus, legacy bool) Settings {
	s := DefaultSettings()
	s.LoadBalance = loadBalance
	s.OverdueBonus = overdueBonus
	s.Legacy = legacy
	return s
}

// TestNextExamples covers spec/obsidian-sr.md §8.1: the plugin's own
// assertions and the evaluation order.
func TestNextExamples(t *testing.T) {
	tests := []struct {
		name         string
		r            Response
		interval     float64
		ease, delay  int
		loadBalance  bool
		wantInterval float64
		wantEase     int
	}{
		{"plugin test new Easy", Easy, 1, 250, 0, true, 4, 270},
		{"plugin test new Good", Good, 1, 250, 0, true, 3, 250},
		{"plugin test new Hard", Hard, 1, 250, 0, true, 1, 230},
		{"plugin test late Easy", Easy, 10, 250, 2, true, 42, 270},
		{"plugin test late Good", Good, 10, 250, 2, true, 28, 250},
		{"plugin test late Hard", Hard, 10, 250, 2, true, 5, 230},
		// (3·165)/100 = 4.95 → 5; 3·(165/100) = 4.949999999999999 → 4.9.
		{"product before division", Good, 3, 165, 0, false, 5, 165},
		{"negative delay counts as 0", Good, 10, 250, -3, false, 25, 250},
		{"interval 0 counts as 1", Easy, 0, 250, 0, false, 3.5, 270},
		{"Again", Again, 40, 250, 0, false, 0, 230},
		{"ease floor", Again, 40, 140, 0, false, 0, 130},
		{"Hard at least a day", Hard, 1, 130, 0, false, 1, 130},
		{"no ease ceiling", Easy, 1, 1000, 0, false, 13.3, 1020},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h *Histogram
			if tt.loadBalance {
				h = NewHistogram()
			}
			interval, ease := Next(tt.r, tt.interval, tt.ease, tt.delay, settings(tt.loadBalance, false, false), h)
			if interval != tt.wantInterval || ease != tt.wantEase {
				t.Errorf("Next = %v, %d; want %v, %d", interval, ease, tt.wantInterval, tt.wantEase)
			}
		})
	}
}

// TestNewCardExamples covers spec/obsidian-sr.md §8.2.
func TestNewCardExamples(t *testing.T) {
	tests := []struct {
		r                    Response
		balanced, unbalanced float64
		wantEase             int
	}{
		{Easy, 4, 3.5, 270},
		{Good, 3, 2.5, 250},
		{Hard, 1, 1, 230},
		{Again, 0, 0, 230},
	}
	for _, tt := range tests {
		t.Run(tt.r.String(), func(t *testing.T) {
			interval, ease := NewCard(tt.r, 250, settings(true, false, false), NewHistogram())
			if interval != tt.balanced || ease != tt.wantEase {
				t.Errorf("balanced: %v, %d; want %v, %d", interval, ease, tt.balanced, tt.wantEase)
			}
			interval, ease = NewCard(tt.r, 250, settings(false, false, false), nil)
			if interval != tt.unbalanced || ease != tt.wantEase {
				t.Errorf("unbalanced: %v, %d; want %v, %d", interval, ease, tt.unbalanced, tt.wantEase)
			}
		})
	}
}

// TestWorkedExample covers spec/obsidian-sr.md §8.7, the card
// <!--SR:!2023-09-15,19,210--> reviewed with the plugin's defaults (load
// balancing on, empty histogram).
func TestWorkedExample(t *testing.T) {
	card := Schedule{Due: day(2023, 9, 15), Interval: 19, Ease: 210}
	late := day(2023, 10, 4)
	tests := []struct {
		name  string
		today int
		r     Response
		s     Settings
		want  Schedule
	}{
		{"on time Good", day(2023, 9, 15), Good, settings(true, false, false), Schedule{day(2023, 10, 25), 40, 210}},
		{"late Easy", late, Easy, settings(true, false, false), Schedule{day(2023, 11, 30), 57, 230}},
		{"late Good", late, Good, settings(true, false, false), Schedule{day(2023, 11, 13), 40, 210}},
		{"late Hard", late, Hard, settings(true, false, false), Schedule{day(2023, 10, 14), 10, 190}},
		{"late Again", late, Again, settings(true, false, false), Schedule{late, 0, 190}},
		{"late Good without load balancing", late, Good, settings(false, false, false), Schedule{day(2023, 11, 13), 39.9, 210}},
		// sm2.overdue_bonus = true gives the v1.10.1 column, with either
		// version's load balancing.
		{"overdue bonus Easy", late, Easy, settings(true, true, false), Schedule{late + 114, 114, 230}},
		{"overdue bonus Good", late, Good, settings(true, true, false), Schedule{late + 60, 60, 210}},
		{"overdue bonus Hard", late, Hard, settings(true, true, false), Schedule{late + 12, 12, 190}},
		{"v1.10.1 Easy", late, Easy, settings(true, true, true), Schedule{late + 114, 114, 230}},
		{"v1.10.1 Good", late, Good, settings(true, true, true), Schedule{late + 60, 60, 210}},
		{"v1.10.1 Hard", late, Hard, settings(true, true, true), Schedule{late + 12, 12, 190}},
		{"1167 days late Good", card.Due + 1167, Good, settings(true, true, false), Schedule{card.Due + 1167 + 1265, 1265, 210}},
		{"1167 days late Easy", card.Due + 1167, Easy, settings(true, true, false), Schedule{card.Due + 1167 + 3546, 3546, 230}},
		{"1167 days late Hard", card.Due + 1167, Hard, settings(true, true, false), Schedule{card.Due + 1167 + 155, 155, 190}},
		{"1167 days late Good, no bonus", card.Due + 1167, Good, settings(true, false, false), Schedule{card.Due + 1167 + 40, 40, 210}},
		{"1167 days late Easy, no bonus", card.Due + 1167, Easy, settings(true, false, false), Schedule{card.Due + 1167 + 57, 57, 230}},
		{"1167 days late Hard, no bonus", card.Due + 1167, Hard, settings(true, false, false), Schedule{card.Due + 1167 + 10, 10, 190}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev := card
			got := Review(&prev, tt.r, tt.today, 250, tt.s, NewHistogram())
			if got != tt.want {
				t.Errorf("Review = %+v, want %+v", got, tt.want)
			}
		})
	}
	t.Run("Reset", func(t *testing.T) {
		want := Schedule{late, 1, 250}
		if got := Reset(card, late, DefaultSettings(), nil); got != want {
			t.Errorf("Reset = %+v, want %+v", got, want)
		}
	})
}

func TestReviewNewCard(t *testing.T) {
	today := day(2023, 10, 4)
	got := Review(nil, Easy, today, 250, DefaultSettings(), NewHistogram())
	if want := (Schedule{today + 4, 4, 270}); got != want {
		t.Errorf("Review(new, Easy) = %+v, want %+v", got, want)
	}
	// The overdue bonus never applies to a new card.
	got = Review(nil, Good, today, 230, settings(false, true, false), nil)
	if want := (Schedule{today + 2, 2.3, 230}); got != want {
		t.Errorf("Review(new, Good) = %+v, want %+v", got, want)
	}
}

func TestInitialEase(t *testing.T) {
	tests := []struct {
		name        string
		legacy      bool
		cardEases   []int
		noteEase    float64
		hasNoteEase bool
		want        int
	}{
		{"no note schedule", false, []int{130, 150}, 0, false, 250},
		{"note schedule only", false, nil, 262.5, true, 263},
		// c = ln 2.5 / ln 64 = 0.2203…, cardAvg = 252.203…, (252.203… + 230) / 2 = 241.10…
		{"note schedule and cards", false, []int{250, 270}, 230, true, 241},
		// 64 cards: c = 1, cardAvg = avg.
		{"many cards", false, repeat(130, 64), 300, true, 215},
		{"v1.10.1 cards only", true, []int{210, 190, 230}, 0, false, 238},
		{"v1.10.1 nothing", true, nil, 0, false, 250},
		{"v1.10.1 note only", true, nil, 200.4, true, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := InitialEase(settings(true, false, tt.legacy), tt.cardEases, tt.noteEase, tt.hasNoteEase)
			if got != tt.want {
				t.Errorf("InitialEase = %d, want %d", got, tt.want)
			}
		})
	}
}

func repeat(e, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = e
	}
	return out
}
