package sm2osr

import "testing"

func TestJSRound(t *testing.T) {
	tests := []struct{ in, want float64 }{
		{2.5, 3},
		{52.5, 53},
		{2.4999999999999996, 2},
		{-2.5, -2},
		{-2.6, -3},
		{0.49999999999999994, 0},             // math.Floor(x+0.5) gives 1 here; Math.round gives 0
		{4503599627370497, 4503599627370497}, // 2^52+1: x+0.5 rounds up to 2^52+2
		{0, 0},
	}
	for _, tt := range tests {
		if got := jsRound(tt.in); got != tt.want {
			t.Errorf("jsRound(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
