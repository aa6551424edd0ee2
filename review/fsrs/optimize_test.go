package fsrs

import (
	"errors"
	"math"
	"runtime"
	"testing"
)

// outOfSampleReference is the log loss of the reference optimizer (fsrs-rs)
// on josh.csv with time-series splits (spec/fsrs.md §11.3).
const outOfSampleReference = 0.4411

func TestOptimizeJoshOutOfSample(t *testing.T) {
	d := joshDataset(t)
	var calls, last int
	res, err := d.EvaluateOutOfSample(OptimizeOptions{Progress: func(step, steps int) {
		calls++
		if step != last+1 || steps != TimeSeriesSplits*optimizeSteps {
			t.Fatalf("progress %d of %d after %d", step, steps, last)
		}
		last = step
	}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != TimeSeriesSplits*optimizeSteps {
		t.Errorf("%d progress calls; want %d", calls, TimeSeriesSplits*optimizeSteps)
	}
	fitted, def := res.Results[0], res.Results[1]
	t.Logf("out of sample: fitted %+v, default %+v", fitted.Metrics, def.Metrics)
	// 6032 items: parts of 1005, the first takes 1007; 5 × 1005 are tested.
	if fitted.Model != ModelFSRSFitted || fitted.Reviews != 5025 || def.Reviews != 5025 {
		t.Fatalf("results %+v", res.Results)
	}
	if fitted.LogLoss > outOfSampleReference {
		t.Errorf("out-of-sample log loss %.4f; want at most %.4f (fsrs-rs)", fitted.LogLoss, outOfSampleReference)
	}
	if fitted.LogLoss >= def.LogLoss || fitted.RMSEBins >= def.RMSEBins {
		t.Errorf("fitted %+v is not better than the defaults %+v on the same reviews", fitted.Metrics, def.Metrics)
	}
	for k, w := range res.Parameters {
		checkBounds(t, w)
		if k > 0 && w == res.Parameters[k-1] {
			t.Errorf("part %d has the parameters of part %d", k+1, k)
		}
	}
}

func TestOptimizeJoshInSample(t *testing.T) {
	d := joshDataset(t)
	w, err := d.Optimize(OptimizeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkBounds(t, w)
	got := d.Evaluate(&w)[1]
	t.Logf("in sample: %+v with %.4f", got.Metrics, w)
	// At least as good as the parameters fsrs-rs fits (spec/fsrs.md §11.3).
	if got.LogLoss > 0.4551 || got.RMSEBins > 0.0577 {
		t.Errorf("in-sample %+v; want log loss ≤ 0.4551 and RMSE(bins) ≤ 0.0577", got.Metrics)
	}
}

func TestOptimizeDeterministic(t *testing.T) {
	d := joshDataset(t)
	first, err := d.fit(1500, OptimizeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	again, err := d.fit(1500, OptimizeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if first != again {
		t.Errorf("two fits differ:\n%v\n%v", first, again)
	}
	if first == DefaultWeights() {
		t.Error("the fit returned the default parameters")
	}
}

// checkBounds fails if w lies outside the bounds of recall's defaults.
func checkBounds(t *testing.T, w Weights) {
	t.Helper()
	for i, x := range w {
		if !(x >= bounds[i][0] && x <= bounds[i][1]) {
			t.Errorf("w[%d] = %v outside [%v, %v]", i, x, bounds[i][0], bounds[i][1])
		}
	}
}

// syntheticLog returns cards reviewed with the given grades at the given
// day gaps, for cards cards.
func syntheticLog(cards int, grades []Grade, gaps []int) []LogReview {
	var log []LogReview
	for c := range cards {
		dayN := 0
		for k, g := range grades {
			dayN += gaps[k]
			log = append(log, LogReview{CardID: int64(c), Time: day(dayN, c%50), Rating: g})
		}
	}
	return log
}

func TestOptimizeExtremeLogsStayInBounds(t *testing.T) {
	tests := []struct {
		name   string
		grades []Grade
		gaps   []int
	}{
		{"always forgotten", []Grade{Again, Again, Again, Again}, []int{0, 1, 1, 1}},
		{"always recalled after years", []Grade{Easy, Good, Good, Easy}, []int{0, 400, 900, 2000}},
		{"same-day cramming then forgotten", []Grade{Good, Good, Good, Again, Hard}, []int{0, 0, 0, 30, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDataset(syntheticLog(40, tt.grades, tt.gaps), nil)
			w, err := d.Optimize(OptimizeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkBounds(t, w)
			if w.Clip(1, true) != w {
				t.Errorf("Clip changes the fitted parameters %v", w)
			}
		})
	}
}

func TestOptimizeNotEnoughData(t *testing.T) {
	d := NewDataset(syntheticLog(10, []Grade{Good, Good, Again}, []int{0, 1, 3}), nil)
	if d.Items() != 20 {
		t.Fatalf("%d items; want 20", d.Items())
	}
	if _, err := d.Optimize(OptimizeOptions{}); !errors.Is(err, ErrNotEnoughData) {
		t.Errorf("Optimize: %v; want ErrNotEnoughData", err)
	}
	big := NewDataset(syntheticLog(100, []Grade{Good, Good, Again}, []int{0, 1, 3}), nil)
	if _, err := big.EvaluateOutOfSample(OptimizeOptions{}); !errors.Is(err, ErrNotEnoughData) {
		t.Errorf("EvaluateOutOfSample with %d items: %v; want ErrNotEnoughData", big.Items(), err)
	}
}

// TestLossModelMatchesModel checks that the optimizer's differentiable
// formulas are Model's: replaying josh.csv gives the same states and
// predictions up to ts-fsrs's rounding to 8 decimals.
func TestLossModelMatchesModel(t *testing.T) {
	d := joshDataset(t)
	for _, w := range []Weights{DefaultWeights(), joshFitted} {
		m, lm := evalModel(w), newLossModel(w)
		worst := 0.0
		for _, c := range d.cards {
			mem := m.NextState(MemoryState{}, 0, c.reviews[0].grade)
			s, dd := lm.initState(c.reviews[0].grade)
			for _, r := range c.reviews[1:] {
				want := m.Retrievability(float64(r.delta), mem.Stability)
				ret := lm.retrievability(float64(r.delta), &s)
				worst = math.Max(worst, math.Abs(ret.v-want))
				mem = m.NextState(mem, r.delta, r.grade)
				s, dd = lm.next(&s, &dd, r.delta, r.grade, &ret)
				worst = math.Max(worst, math.Abs(s.v-mem.Stability)/mem.Stability)
				worst = math.Max(worst, math.Abs(dd.v-mem.Difficulty))
			}
		}
		if worst > 1e-5 {
			t.Errorf("weights %v: largest difference %g", w, worst)
		}
	}
}

// TestLossGradient compares the dual-number gradient with central finite
// differences.
func TestLossGradient(t *testing.T) {
	d := joshDataset(t)
	ts := newTrainingSet(d, 800)
	w := joshFitted
	w[0], w[7] = 0.3, 0.05 // away from the floor of S0 and the bound of w7
	_, grad := ts.loss(w)
	for i := range w {
		h := 1e-6 * math.Max(1, math.Abs(w[i]))
		up, down := w, w
		up[i] += h
		down[i] -= h
		lu, _ := ts.loss(up)
		ld, _ := ts.loss(down)
		numeric := (lu - ld) / (2 * h)
		if math.Abs(numeric-grad[i]) > 1e-5+1e-3*math.Abs(numeric) {
			t.Errorf("∂loss/∂w[%d] = %.8f; finite differences give %.8f", i, grad[i], numeric)
		}
	}
}

func TestFillStabilities(t *testing.T) {
	def := DefaultWeights()
	tests := []struct {
		name  string
		s0    [4]float64
		known [4]bool
		want  [4]float64
	}{
		{"all known", [4]float64{0.2, 1, 3, 9}, [4]bool{true, true, true, true}, [4]float64{0.2, 1, 3, 9}},
		{"none known", [4]float64{}, [4]bool{}, [4]float64{def[0], def[1], def[2], def[3]}},
		{"only Good", [4]float64{0, 0, 4.613, 0}, [4]bool{false, false, true, false},
			[4]float64{0.424, 2.5862, 4.613, 16.5912}},
		{"Hard between", [4]float64{0.212, 0, 2.3065, 8}, [4]bool{true, false, true, true},
			[4]float64{0.212, 1.2931, 2.3065, 8}},
		{"made non-decreasing", [4]float64{3, 1, 2, 9}, [4]bool{true, true, true, true}, [4]float64{3, 3, 3, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s0 := tt.s0
			fillStabilities(&s0, tt.known, def)
			for i := range s0 {
				if math.Abs(s0[i]-tt.want[i]) > 1e-9 {
					t.Errorf("got %v; want %v", s0, tt.want)
					break
				}
			}
		})
	}
}

func TestMinimize(t *testing.T) {
	tests := []struct {
		name   string
		lo, hi float64
		f      func(float64) float64
		want   float64
	}{
		{"parabola", -3, 5, func(x float64) float64 { return (x - 1.2345) * (x - 1.2345) }, 1.2345},
		{"at the lower end", 0, 1, func(x float64) float64 { return x }, 0},
		{"at the upper end", 0, 1, func(x float64) float64 { return -x }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := minimize(tt.lo, tt.hi, tt.f); math.Abs(got-tt.want) > 1e-6 {
				t.Errorf("minimize = %v; want %v", got, tt.want)
			}
		})
	}
}

func BenchmarkOptimize(b *testing.B) {
	d := joshDataset(b)
	for b.Loop() {
		if _, err := d.Optimize(OptimizeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
