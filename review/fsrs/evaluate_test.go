package fsrs

import (
	"math"
	"testing"
	"time"
)

// joshFitted are the parameters fitted on josh.csv by the fsrs-rs optimizer
// (spec/fsrs.md §11.3).
var joshFitted = Weights{0.1659, 0.8197, 2.488, 6.406, 6.5646, 0.4961, 3.2013, 0.0354, 1.6375, 0.2537, 0.5868,
	1.5975, 0.0306, 0.3912, 1.8249, 0.6, 1.8729, 0.821, 0.0983, 0.1623, 0.2237}

// joshDataset is josh.csv arranged with UTC days.
func joshDataset(t testing.TB) *Dataset {
	t.Helper()
	return NewDataset(readJosh(t).Reviews, nil)
}

func TestEvaluateJoshReference(t *testing.T) {
	d := joshDataset(t)
	if d.Items() != 6032 || d.Cards() != 1205 || math.Abs(d.MeanLabel()-0.7792) > 5e-5 {
		t.Fatalf("%d items of %d cards, mean label %.5f; want 6032, 1205, 0.7792", d.Items(), d.Cards(), d.MeanLabel())
	}
	// spec/fsrs.md §11.3, to 4 decimals.
	want := []ModelResult{
		{ModelFSRSDefault, Metrics{0.4667, 0.0855, 0.7280, 6032}},
		{ModelFSRSFitted, Metrics{0.4551, 0.0577, 0.7399, 6032}},
		{ModelSM2, Metrics{0.6393, 0.1506, 0.6027, 6032}},
		{ModelAverage, Metrics{0.5279, 0.1237, 0.5000, 6032}},
	}
	got := d.Evaluate(&joshFitted)
	if len(got) != len(want) {
		t.Fatalf("got %d results; want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Model != w.Model || g.Reviews != w.Reviews ||
			math.Abs(g.LogLoss-w.LogLoss) > 5e-5 || math.Abs(g.RMSEBins-w.RMSEBins) > 5e-5 || math.Abs(g.AUC-w.AUC) > 5e-5 {
			t.Errorf("%s: %+v; want %+v", w.Model, g, w)
		}
	}
	if without := d.Evaluate(nil); len(without) != 3 || without[1].Model != ModelSM2 {
		t.Errorf("without fitted parameters: %+v; want default, SM-2, AVG", without)
	}
}

// day is the instant of noon UTC n days after 2024-01-01, plus minutes.
func day(n, minutes int) time.Time {
	return time.Date(2024, 1, 1+n, 12, minutes, 0, 0, time.UTC)
}

func TestDatasetItems(t *testing.T) {
	reviews := []LogReview{
		// Card 7: a same-day repeat, then three later days.
		{CardID: 7, Time: day(0, 0), Rating: Again},
		{CardID: 7, Time: day(0, 10), Rating: Good},
		{CardID: 7, Time: day(2, 0), Rating: Again},
		{CardID: 7, Time: day(3, 0), Rating: Good},
		{CardID: 7, Time: day(3, 5), Rating: Good},
		{CardID: 7, Time: day(9, 0), Rating: Hard},
		// Card 3, given out of order: evaluated on day 1 before card 7's day 2.
		{CardID: 3, Time: day(1, 0), Rating: Easy},
		{CardID: 3, Time: day(0, 30), Rating: Good},
		// Card 5: reviewed once, never evaluated; a manual entry is ignored.
		{CardID: 5, Time: day(0, 0), Rating: Good},
		{CardID: 5, Time: day(4, 0), Rating: 0},
	}
	d := NewDataset(reviews, nil)
	if d.Items() != 4 || d.Cards() != 3 {
		t.Fatalf("%d items of %d cards; want 4 of 3", d.Items(), d.Cards())
	}
	want := []struct {
		delta int
		label float64
		bin   binKey
	}{
		{1, 1, binKey{248, 4, 0}}, // card 3 on day 1: n = 2 → 1.99·1.89 = 3.76 → 4
		{2, 0, binKey{248, 4, 0}}, // card 7 on day 2: the same-day review is not long-term
		{1, 1, binKey{248, 4, 2}}, // day 3: n = 3 → 4; one lapse → 1.65 → 2
		{6, 1, binKey{898, 7, 2}}, // day 9: 2.48·3.62·100 → 898; n = 4 → 1.99·1.89² = 7.11 → 7
	}
	for i, w := range want {
		it := d.items[i]
		if it.delta != w.delta || it.label != w.label || it.bin != w.bin {
			t.Errorf("item %d: Δt %d, label %v, bin %+v; want %d, %v, %+v", i, it.delta, it.label, it.bin, w.delta, w.label, w.bin)
		}
	}
	if d.MeanLabel() != 0.75 {
		t.Errorf("mean label %v; want 0.75", d.MeanLabel())
	}
	// SM-2 on card 7: Again → I 1; Good → I 1 (first success); prediction
	// at Δt 2 is 0.9^2; Again → I 1; Good → 1 (first success after the
	// reset), Good (same day) → 6; prediction at Δt 6 is 0.9^(6/6).
	p := d.PredictSM2()
	for i, w := range []float64{0.9, 0.81, 0.9, 0.9} {
		if math.Abs(p[i]-w) > 1e-12 {
			t.Errorf("SM-2 prediction %d = %v; want %v", i, p[i], w)
		}
	}
}

func TestNewBinKey(t *testing.T) {
	tests := []struct {
		delta, longTerm, lapses int
		want                    binKey
	}{
		{1, 0, 0, binKey{248, 4, 0}},
		{3, 1, 0, binKey{248, 4, 0}},     // 3 < 3.62; n = 3 < 1.89²
		{4, 2, 1, binKey{898, 7, 2}},     // 2.48·3.62·100 = 897.8; n = 4 → 1.99·1.89² = 7.11
		{14, 5, 2, binKey{3250, 13, 3}},  // 2.48·3.62²·100 = 3249.9; n = 7 → 13.4; m = 2 → 1.65·1.73 = 2.85
		{100, 0, 3, binKey{11765, 4, 5}}, // 2.48·3.62³·100 = 11764.6; m = 3 → 1.65·1.73² = 4.94
	}
	for _, tt := range tests {
		if got := newBinKey(tt.delta, tt.longTerm, tt.lapses); got != tt.want {
			t.Errorf("newBinKey(%d, %d, %d) = %+v; want %+v", tt.delta, tt.longTerm, tt.lapses, got, tt.want)
		}
	}
}

func TestAUC(t *testing.T) {
	items := func(labels ...float64) []item {
		its := make([]item, len(labels))
		for i, l := range labels {
			its[i].label = l
		}
		return its
	}
	tests := []struct {
		name   string
		labels []float64
		p      []float64
		want   float64
	}{
		{"perfect", []float64{0, 0, 1, 1}, []float64{0.1, 0.2, 0.8, 0.9}, 1},
		{"inverted", []float64{1, 1, 0, 0}, []float64{0.1, 0.2, 0.8, 0.9}, 0},
		{"constant", []float64{1, 0, 1}, []float64{0.5, 0.5, 0.5}, 0.5},
		{"ties between classes", []float64{0, 1, 1}, []float64{0.4, 0.4, 0.9}, 0.75},
		{"one class", []float64{1, 1}, []float64{0.3, 0.6}, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := auc(items(tt.labels...), tt.p); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("AUC = %v; want %v", got, tt.want)
			}
		})
	}
}
