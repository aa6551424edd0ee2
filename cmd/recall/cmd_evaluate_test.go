package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// joshLog is the reference review log of spec/fsrs.md §11.2.
const joshLog = "../../review/fsrs/testdata/josh.csv"

// writeLog writes a review log CSV and returns its path.
func writeLog(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "log.csv")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEvaluateJSON(t *testing.T) {
	code, stdout, stderr := runRecall(t, nil, "evaluate", "--log", joshLog, "--json", "--params",
		"0.1659, 0.8197, 2.488, 6.406, 6.5646, 0.4961, 3.2013, 0.0354, 1.6375, 0.2537, 0.5868, 1.5975, 0.0306, 0.3912, 1.8249, 0.6, 1.8729, 0.821, 0.0983, 0.1623, 0.2237")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got map[string]struct {
		LogLoss  float64 `json:"log_loss"`
		RMSEBins float64 `json:"rmse_bins"`
		AUC      float64 `json:"auc"`
		Reviews  int     `json:"reviews"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v in %s", err, stdout)
	}
	// spec/fsrs.md §11.3.
	want := map[string][3]float64{
		"FSRS-6 default": {0.4667, 0.0855, 0.7280},
		"FSRS-6 fitted":  {0.4551, 0.0577, 0.7399},
		"SM-2":           {0.6393, 0.1506, 0.6027},
		"AVG":            {0.5279, 0.1237, 0.5000},
	}
	if len(got) != len(want) {
		t.Errorf("models %v; want %v", got, want)
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok || g.Reviews != 6032 || math.Abs(g.LogLoss-w[0]) > 5e-5 || math.Abs(g.RMSEBins-w[1]) > 5e-5 || math.Abs(g.AUC-w[2]) > 5e-5 {
			t.Errorf("%s: %+v; want %v over 6032 reviews", name, g, w)
		}
	}
}

func TestEvaluateText(t *testing.T) {
	code, stdout, stderr := runRecall(t, nil, "evaluate", "--log", joshLog)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		"josh.csv: 12580 reviews of 1205 cards; 6032 evaluated, 77.9 % recalled",
		"FSRS-6 default      0.4667      0.0855  0.7280     6032",
		"SM-2                0.6393      0.1506  0.6027     6032",
		"AVG                 0.5279      0.1237  0.5000     6032",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "fitted") {
		t.Errorf("fitted parameters shown without --params:\n%s", stdout)
	}
}

func TestEvaluateOutOfSample(t *testing.T) {
	code, stdout, stderr := runRecall(t, nil, "evaluate", "--log", joshLog, "--out-of-sample")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, "scored out of sample") || !strings.Contains(stdout, "FSRS-6 fitted       0.440") {
		t.Errorf("output:\n%s", stdout)
	}
}

func TestEvaluateWarningsAndErrors(t *testing.T) {
	bad := writeLog(t, "card_id,review_time,review_rating\n1,1700000000000,3\n1,1700086400000,9\n1,1699000000000,1\n")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"empty own log", []string{"evaluate"}, 1, "", "recall's review log has no reviews yet"},
		{"missing file", []string{"evaluate", "--log", "/nonexistent.csv"}, 1, "", "cannot open the review log"},
		{"bad params", []string{"evaluate", "--log", bad, "--params", "1,2,x"}, 2, "", `--params: "x" is not a number`},
		{"wrong number of params", []string{"evaluate", "--log", bad, "--params", "1,2,3"}, 2, "", "3 parameters; want 21"},
		{"invalid rows", []string{"evaluate", "--log", bad}, 0, "1 reviews of 1 cards; 0 evaluated",
			"warning: log.csv:3: unknown rating \"9\""},
		{"time going backwards", []string{"evaluate", "--log", bad}, 0, "", "warning: log.csv:4: card 1: time"},
		{"too small out of sample", []string{"evaluate", "--log", bad, "--out-of-sample"}, 1, "", "not enough reviews"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runRecall(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q, %q", code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}

func TestEvaluateManyWarningsAreCut(t *testing.T) {
	var b strings.Builder
	b.WriteString("card_id,review_time,review_rating\n")
	for range maxLogWarnings + 5 {
		b.WriteString("1,1700000000000,7\n")
	}
	_, _, stderr := runRecall(t, nil, "evaluate", "--log", writeLog(t, b.String()))
	if n := strings.Count(stderr, "unknown rating"); n != maxLogWarnings || !strings.Contains(stderr, "5 more rows left out") {
		t.Errorf("%d warnings shown:\n%s", n, stderr)
	}
}
