package fsrs

import "testing"

// vectorUnits are the single-formula tables of the vector file.
type vectorUnits struct {
	DecayFactor struct {
		Decay  float64 `json:"decay"`
		Factor float64 `json:"factor"`
	} `json:"decay_factor"`
	IntervalModifierR090 float64 `json:"interval_modifier_r090"`
	Init                 []struct {
		Grade      string  `json:"grade"`
		S          float64 `json:"init_stability"`
		DUnclamped float64 `json:"init_difficulty_unclamped"`
		DClamped   float64 `json:"init_difficulty_clamped"`
	} `json:"init"`
	ForgettingCurve []struct {
		T float64 `json:"t"`
		S float64 `json:"S"`
		R float64 `json:"R"`
	} `json:"forgetting_curve"`
	NextInterval []struct {
		Retention        float64 `json:"request_retention"`
		S                float64 `json:"S"`
		IntervalModifier float64 `json:"interval_modifier"`
		Days             int     `json:"interval_days"`
	} `json:"next_interval"`
	NextDifficulty []struct {
		D     float64 `json:"D"`
		Grade string  `json:"grade"`
		Next  float64 `json:"next_D"`
	} `json:"next_difficulty"`
	NextRecallStability []struct {
		D     float64 `json:"D"`
		S     float64 `json:"S"`
		R     float64 `json:"R"`
		Grade string  `json:"grade"`
		Next  float64 `json:"S_new"`
	} `json:"next_recall_stability"`
	NextForgetStability []struct {
		D  float64 `json:"D"`
		S  float64 `json:"S"`
		R  float64 `json:"R"`
		SF float64 `json:"S_f"`
	} `json:"next_forget_stability_raw"`
	NextShortTermStability []struct {
		S     float64 `json:"S"`
		Grade string  `json:"grade"`
		Next  float64 `json:"S_new"`
	} `json:"next_short_term_stability"`
	NextState []struct {
		Memory       *vectorMemory `json:"memory_state"`
		T            int           `json:"t"`
		Grade        string        `json:"grade"`
		ShortTermOn  vectorMemory  `json:"short_term_on"`
		ShortTermOff vectorMemory  `json:"short_term_off"`
	} `json:"next_state"`
	CrossCheck struct {
		Ratings       []int        `json:"ratings"`
		DeltaT        []int        `json:"delta_t"`
		Default       vectorMemory `json:"ts_fsrs_default"`
		ZeroShortTerm vectorMemory `json:"ts_fsrs_w17_w18_w19_zero_short_term_on"`
		ZeroLongTerm  vectorMemory `json:"ts_fsrs_w17_w18_w19_zero_short_term_off"`
	} `json:"fsrs_rs_crosscheck"`
	FuzzRanges []struct {
		Interval    float64 `json:"interval"`
		ElapsedDays int     `json:"elapsed_days"`
		Maximum     int     `json:"max_ivl_param"`
		Min         int     `json:"min_ivl"`
		Max         int     `json:"max_ivl"`
	} `json:"fuzz_ranges"`
}

type vectorMemory struct {
	Difficulty float64 `json:"difficulty"`
	Stability  float64 `json:"stability"`
}

func (v vectorMemory) state() MemoryState {
	return MemoryState{Stability: v.Stability, Difficulty: v.Difficulty}
}

func defaultModel(shortTerm bool) Model {
	return NewModel(DefaultWeights().Clip(1, shortTerm), shortTerm)
}

func TestUnits(t *testing.T) {
	u := loadVectorFile(t).Units
	m := defaultModel(true)

	t.Run("decay_factor", func(t *testing.T) {
		if m.Decay() != u.DecayFactor.Decay || m.Factor() != u.DecayFactor.Factor {
			t.Errorf("decay %v factor %v, want %v %v", m.Decay(), m.Factor(), u.DecayFactor.Decay, u.DecayFactor.Factor)
		}
		if got := m.IntervalModifier(0.9); got != u.IntervalModifierR090 {
			t.Errorf("IntervalModifier(0.9) = %v, want %v", got, u.IntervalModifierR090)
		}
	})

	t.Run("init", func(t *testing.T) {
		for _, c := range u.Init {
			g := parseGrade(t, c.Grade)
			if s := m.InitStability(g); s != c.S {
				t.Errorf("InitStability(%s) = %v, want %v", g, s, c.S)
			}
			if d := m.InitDifficulty(g); d != c.DUnclamped {
				t.Errorf("InitDifficulty(%s) = %v, want %v", g, d, c.DUnclamped)
			}
			if mem := m.NextState(MemoryState{}, 0, g); mem.Difficulty != c.DClamped || mem.Stability != c.S {
				t.Errorf("NextState(new, %s) = %+v, want D %v S %v", g, mem, c.DClamped, c.S)
			}
		}
	})

	t.Run("forgetting_curve", func(t *testing.T) {
		for _, c := range u.ForgettingCurve {
			if r := m.Retrievability(c.T, c.S); r != c.R {
				t.Errorf("Retrievability(%v, %v) = %v, want %v", c.T, c.S, r, c.R)
			}
		}
	})

	t.Run("next_interval", func(t *testing.T) {
		for _, c := range u.NextInterval {
			o := DefaultOptions()
			o.DesiredRetention = c.Retention
			s, err := NewScheduler(o)
			if err != nil {
				t.Fatalf("NewScheduler: %v", err)
			}
			if s.intervalModifier != c.IntervalModifier {
				t.Errorf("r %v: interval modifier %v, want %v", c.Retention, s.intervalModifier, c.IntervalModifier)
			}
			r := review{s: s}
			if days := r.interval(c.S); days != c.Days {
				t.Errorf("r %v S %v: interval %d, want %d", c.Retention, c.S, days, c.Days)
			}
		}
	})

	t.Run("next_difficulty", func(t *testing.T) {
		for _, c := range u.NextDifficulty {
			g := parseGrade(t, c.Grade)
			if d := m.NextDifficulty(c.D, g); d != c.Next {
				t.Errorf("NextDifficulty(%v, %s) = %v, want %v", c.D, g, d, c.Next)
			}
		}
	})

	t.Run("next_recall_stability", func(t *testing.T) {
		for _, c := range u.NextRecallStability {
			g := parseGrade(t, c.Grade)
			if s := m.RecallStability(c.D, c.S, c.R, g); s != c.Next {
				t.Errorf("RecallStability(%v, %v, %v, %s) = %v, want %v", c.D, c.S, c.R, g, s, c.Next)
			}
		}
	})

	t.Run("next_forget_stability_raw", func(t *testing.T) {
		for _, c := range u.NextForgetStability {
			if s := m.ForgetStability(c.D, c.S, c.R); s != c.SF {
				t.Errorf("ForgetStability(%v, %v, %v) = %v, want %v", c.D, c.S, c.R, s, c.SF)
			}
		}
	})

	t.Run("next_short_term_stability", func(t *testing.T) {
		for _, c := range u.NextShortTermStability {
			g := parseGrade(t, c.Grade)
			if s := m.ShortTermStability(c.S, g); s != c.Next {
				t.Errorf("ShortTermStability(%v, %s) = %v, want %v", c.S, g, s, c.Next)
			}
		}
	})

	t.Run("next_state", func(t *testing.T) {
		off := defaultModel(false)
		for _, c := range u.NextState {
			g := parseGrade(t, c.Grade)
			var mem MemoryState
			if c.Memory != nil {
				mem = c.Memory.state()
			}
			if got := m.NextState(mem, c.T, g); got != c.ShortTermOn.state() {
				t.Errorf("short-term on: NextState(%+v, %d, %s) = %+v, want %+v", mem, c.T, g, got, c.ShortTermOn.state())
			}
			if got := off.NextState(mem, c.T, g); got != c.ShortTermOff.state() {
				t.Errorf("short-term off: NextState(%+v, %d, %s) = %+v, want %+v", mem, c.T, g, got, c.ShortTermOff.state())
			}
		}
	})

	t.Run("fsrs_rs_crosscheck", func(t *testing.T) {
		c := u.CrossCheck
		zero := DefaultWeights()
		zero[17], zero[18], zero[19] = 0, 0, 0
		tests := []struct {
			name string
			m    Model
			want vectorMemory
		}{
			{"defaults", m, c.Default},
			// Short-term on raises w19 to its lower bound 0.01.
			{"w17-w19 zero, short-term on", NewModel(zero.Clip(1, true), true), c.ZeroShortTerm},
			{"w17-w19 zero, short-term off", NewModel(zero.Clip(1, false), false), c.ZeroLongTerm},
		}
		for _, tt := range tests {
			var mem MemoryState
			for i, r := range c.Ratings {
				mem = tt.m.NextState(mem, c.DeltaT[i], Grade(r))
			}
			if mem != tt.want.state() {
				t.Errorf("%s: %+v, want %+v", tt.name, mem, tt.want.state())
			}
		}
	})

	t.Run("fuzz_ranges", func(t *testing.T) {
		for _, c := range u.FuzzRanges {
			lo, hi := FuzzRange(c.Interval, c.ElapsedDays, c.Maximum)
			if lo != c.Min || hi != c.Max {
				t.Errorf("FuzzRange(%v, %d, %d) = [%d, %d], want [%d, %d]",
					c.Interval, c.ElapsedDays, c.Maximum, lo, hi, c.Min, c.Max)
			}
		}
	})
}

// TestUnitCounts guards against a table silently decoding as empty.
func TestUnitCounts(t *testing.T) {
	u := loadVectorFile(t).Units
	counts := map[string]int{
		"init":                      len(u.Init),
		"forgetting_curve":          len(u.ForgettingCurve),
		"next_interval":             len(u.NextInterval),
		"next_difficulty":           len(u.NextDifficulty),
		"next_recall_stability":     len(u.NextRecallStability),
		"next_forget_stability_raw": len(u.NextForgetStability),
		"next_short_term_stability": len(u.NextShortTermStability),
		"next_state":                len(u.NextState),
		"fuzz_ranges":               len(u.FuzzRanges),
		"crosscheck ratings":        len(u.CrossCheck.Ratings),
	}
	want := map[string]int{
		"init": 4, "forgetting_curve": 42, "next_interval": 56, "next_difficulty": 24,
		"next_recall_stability": 18, "next_forget_stability_raw": 6, "next_short_term_stability": 20,
		"next_state": 52, "fuzz_ranges": 12, "crosscheck ratings": 6,
	}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%s: %d entries, want %d", k, counts[k], n)
		}
	}
	if u.DecayFactor.Factor == 0 {
		t.Errorf("decay_factor not decoded")
	}
}
