package fsrs

import "testing"

func TestClip(t *testing.T) {
	def := DefaultWeights()
	if got := def.Clip(1, true); got != def {
		t.Errorf("defaults changed by clipping: %v", got)
	}
	w := def
	w[0], w[4], w[17], w[19], w[20] = -1, 11, 5, 0, 0.9
	tests := []struct {
		name         string
		relearning   int
		shortTerm    bool
		w17, w19, w0 float64
		w4, w20      float64
	}{
		{"short-term: w19 at least 0.01", 1, true, 2, 0.01, MinStability, 10, 0.8},
		{"long-term: w19 may be 0", 1, false, 2, 0, MinStability, 10, 0.8},
		// c = sqrt(−(ln w11 + ln(2^w13 − 1) + 0.3·w14) / n), rounded to 8 decimals.
		{"two relearning steps", 2, true, 0.60045935, 0.01, MinStability, 10, 0.8},
		{"three relearning steps", 3, true, 0.49027301, 0.01, MinStability, 10, 0.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := w.Clip(tt.relearning, tt.shortTerm)
			if got[17] != tt.w17 || got[19] != tt.w19 || got[0] != tt.w0 || got[4] != tt.w4 || got[20] != tt.w20 {
				t.Errorf("w0 %v w4 %v w17 %v w19 %v w20 %v; want %v %v %v %v %v",
					got[0], got[4], got[17], got[19], got[20], tt.w0, tt.w4, tt.w17, tt.w19, tt.w20)
			}
		})
	}
	// With three relearning steps the default w17 = 0.5425 exceeds c.
	if got := def.Clip(3, true); got[17] != 0.49027301 || got[18] != def[18] {
		t.Errorf("three relearning steps: w17 %v w18 %v", got[17], got[18])
	}
}

func TestMigrateWeights(t *testing.T) {
	fsrs5 := []float64{0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575,
		0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621}
	w, err := MigrateWeights(fsrs5)
	if err != nil {
		t.Fatalf("19 values: %v", err)
	}
	if w[18] != 0.6621 || w[19] != 0 || w[20] != 0.5 {
		t.Errorf("19 values: w18 %v w19 %v w20 %v; want 0.6621 0 0.5", w[18], w[19], w[20])
	}
	if c := w.Clip(1, true); c[19] != 0.01 {
		t.Errorf("migrated FSRS-5 with short-term: w19 %v, want 0.01", c[19])
	}

	fsrs45 := []float64{0.4872, 1.4003, 3.7145, 13.8206, 5.1618, 1.2298, 0.8975, 0.031, 1.6474,
		0.1367, 1.0461, 2.1072, 0.0793, 0.3246, 1.587, 0.2272, 2.8755}
	w, err = MigrateWeights(fsrs45)
	if err != nil {
		t.Fatalf("17 values: %v", err)
	}
	// w4' = w4 + 2·w5, w5' = ln(3·w5 + 1) / 3, w6' = w6 + 0.5, then 0, 0, 0, 0.5.
	want := [...]float64{4: 7.6214, 5: 0.51510155, 6: 1.3975, 16: 2.8755, 17: 0, 18: 0, 19: 0, 20: 0.5}
	for _, i := range []int{4, 5, 6, 16, 17, 18, 19, 20} {
		if w[i] != want[i] {
			t.Errorf("17 values: w[%d] = %v, want %v", i, w[i], want[i])
		}
	}

	d := DefaultWeights()
	if w, err := MigrateWeights(d[:]); err != nil || w != d {
		t.Errorf("21 values: %v, %v", w, err)
	}
	if _, err := MigrateWeights(d[:20]); err == nil {
		t.Errorf("20 values: no error")
	}
}
