package sm2osr

import "testing"

func TestHistogramCounts(t *testing.T) {
	h := NewHistogram(3, 3, -2, 10)
	tests := []struct {
		days, n int
		ok      bool
	}{{3, 2, true}, {-2, 1, true}, {10, 1, true}, {4, 0, false}}
	for _, tt := range tests {
		if n, ok := h.Count(tt.days); n != tt.n || ok != tt.ok {
			t.Errorf("Count(%d) = %d, %v; want %d, %v", tt.days, n, ok, tt.n, tt.ok)
		}
	}
	h.Decrement(10)
	h.Decrement(10)
	if n, ok := h.Count(10); n != 0 || !ok {
		t.Errorf("after decrements Count(10) = %d, %v; want 0, true", n, ok)
	}
	h.Decrement(4)
	if _, ok := h.Count(4); ok {
		t.Errorf("Decrement created an entry")
	}
}

func TestLeastUsed(t *testing.T) {
	tests := []struct {
		name           string
		counts         map[string]int
		interval, fuzz int
		want           int
	}{
		{"no entry for the interval", map[string]int{"9": 1}, 10, 1, 10},
		{"first free candidate wins", map[string]int{"10": 5, "9": 1}, 10, 2, 11},
		{"lower before higher", map[string]int{"9": 1, "10": 5, "11": 1}, 10, 1, 9},
		{"strictly smaller only", map[string]int{"9": 5, "10": 5, "11": 5}, 10, 1, 10},
		{"zero entry is an entry", map[string]int{"9": 0, "10": 2, "11": 0, "8": 0, "12": 0}, 10, 2, 9},
		{"best so far, not best original", map[string]int{"8": 2, "9": 3, "10": 4, "11": 1, "12": 1}, 10, 2, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := histogramFromCounts(t, tt.counts).leastUsed(tt.interval, tt.fuzz); got != tt.want {
				t.Errorf("leastUsed(%d, %d) = %d, want %d", tt.interval, tt.fuzz, got, tt.want)
			}
		})
	}
}

func TestFuzzWindows(t *testing.T) {
	tests := []struct{ interval, v1154, v1101 int }{
		{4, 1, 0}, {5, 1, 1}, {6, 1, 1}, {7, 1, 2}, {8, 1, 2}, {14, 1, 2}, {20, 1, 3}, {21, 1, 3},
		{22, 1, 3}, {29, 1, 4}, {30, 1, 4}, {39, 1, 4}, {40, 2, 4}, {59, 2, 4}, {60, 3, 4}, {100, 3, 5},
		{180, 3, 9}, {181, 4, 9}, {200, 5, 10}, {280, 7, 14}, {1000, 7, 50},
	}
	for _, tt := range tests {
		if tt.interval > 7 {
			if got := fuzz(tt.interval); got != tt.v1154 {
				t.Errorf("fuzz(%d) = %d, want %d", tt.interval, got, tt.v1154)
			}
		}
		if got := legacyFuzz(tt.interval); got != tt.v1101 {
			t.Errorf("legacyFuzz(%d) = %d, want %d", tt.interval, got, tt.v1101)
		}
	}
}

// TestReviewUpdatesHistogram follows two reviews of a run: the old due day
// loses the card, the new one gains it, and load balancing sees the change.
func TestReviewUpdatesHistogram(t *testing.T) {
	today := 1000
	s := DefaultSettings()
	// Cards due in 10 days (3 of them), 11 (2), 9 (1) and today (the reviewed one).
	h := NewHistogram(10, 10, 10, 11, 11, 9, 0)
	card := Schedule{Due: today, Interval: 4, Ease: 250}
	got := Review(&card, Good, today, 250, s, h)
	// 4 · 2.5 = 10: busy (3); 9 has 1, 11 has 2 → 9.
	if want := (Schedule{today + 9, 9, 250}); got != want {
		t.Fatalf("Review = %+v, want %+v", got, want)
	}
	for _, c := range []struct{ days, n int }{{0, 0}, {9, 2}, {10, 3}} {
		if n, _ := h.Count(c.days); n != c.n {
			t.Errorf("Count(%d) = %d, want %d", c.days, n, c.n)
		}
	}
	// Again writes interval 0: the key 0 gains the card.
	again := Review(&got, Again, today, 250, s, h)
	if n, _ := h.Count(9); n != 1 {
		t.Errorf("Count(9) after Again = %d, want 1", n)
	}
	if n, _ := h.Count(0); n != 1 {
		t.Errorf("Count(0) after Again = %d, want 1", n)
	}
	// Reset: the old key loses the card, key 1 (the interval) gains it.
	reset := Reset(again, today, s, h)
	if want := (Schedule{today, 1, 250}); reset != want {
		t.Errorf("Reset = %+v, want %+v", reset, want)
	}
	if n, _ := h.Count(0); n != 0 {
		t.Errorf("Count(0) after Reset = %d, want 0", n)
	}
	if n, _ := h.Count(1); n != 1 {
		t.Errorf("Count(1) after Reset = %d, want 1", n)
	}
}

// TestReviewLegacyHistogram: v1.10.1 recorded the new day inside the
// scheduling function and never took the old one away.
func TestReviewLegacyHistogram(t *testing.T) {
	today := 1000
	s := settings(true, true, true)
	h := NewHistogram(5)
	card := Schedule{Due: today + 5, Interval: 4, Ease: 250}
	got := Review(&card, Good, today, 250, s, h)
	if want := (Schedule{today + 10, 10, 250}); got != want {
		t.Fatalf("Review = %+v, want %+v", got, want)
	}
	for _, c := range []struct{ days, n int }{{5, 1}, {10, 1}} {
		if n, _ := h.Count(c.days); n != c.n {
			t.Errorf("Count(%d) = %d, want %d", c.days, n, c.n)
		}
	}
}

func TestNextPanicsOnInvalidResponse(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("Next did not panic")
		}
	}()
	Next(Response(0), 1, 250, 0, DefaultSettings(), nil)
}
