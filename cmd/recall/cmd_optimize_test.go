package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestOptimizeJosh(t *testing.T) {
	code, stdout, stderr := runRecall(t, nil, "optimize", "--log", joshLog)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		"josh.csv: fitted FSRS-6 to 6032 reviews of 1205 cards (12580 rows)",
		"default parameters      0.4667      0.0855",
		"fitted parameters       0.45",
		"not saved; run again with --save",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	// The printed parameters are accepted back by --params.
	_, line, _ := strings.Cut(stdout, "parameters: ")
	params, _, _ := strings.Cut(line, "\n")
	if n := len(strings.Split(params, ",")); n != 21 {
		t.Fatalf("%d parameters printed: %q", n, params)
	}
	code, stdout, stderr = runRecall(t, nil, "evaluate", "--log", joshLog, "--params", params)
	if code != 0 || !strings.Contains(stdout, "FSRS-6 fitted       0.45") {
		t.Errorf("evaluate --params: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestOptimizeRefusesSmallHistory(t *testing.T) {
	small := writeLog(t, "card_id,review_time,review_rating\n1,1700000000000,3\n1,1700086400000,3\n2,1700000000000,1\n2,1700172800000,3\n")
	code, stdout, stderr := runRecall(t, nil, "optimize", "--log", small)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "not enough reviews to fit parameters: 2 reviews") ||
		!strings.Contains(stderr, "at least 64") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestFormatParams(t *testing.T) {
	w, err := parseParams(formatParams([21]float64{0.1, 1, 2, 3, 4, 5, 6, 0.5, 0, 0.8, 1, 1, 0.1, 0.2, 0, 0.5, 2, 1, 1, 0.1, 0.2}))
	if err != nil {
		t.Fatal(err)
	}
	if w[5] != 4 || w[0] != 0.1 {
		t.Errorf("round trip gives %v (clipped: w5 at most 4)", *w)
	}
	if got := formatParams(*w); !strings.HasPrefix(got, "0.1000,1.0000,2.0000,3.0000,4.0000,4.0000,") {
		t.Errorf("formatParams = %q", got)
	}
}

func TestOptimizeSaveIsUsed(t *testing.T) {
	vars := map[string]string{"RECALL_DB": filepath.Join(t.TempDir(), "recall.db")}
	code, stdout, stderr := runRecall(t, vars, "optimize", "--log", joshLog, "--save")
	if code != 0 || !strings.Contains(stdout, "Saved in "+vars["RECALL_DB"]) {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	// evaluate scores the saved parameters without --params.
	code, stdout, _ = runRecall(t, vars, "evaluate", "--log", joshLog, "--json")
	var got map[string]map[string]float64
	if err := json.Unmarshal([]byte(stdout), &got); code != 0 || err != nil {
		t.Fatalf("exit %d: %v", code, err)
	}
	if fitted, ok := got["FSRS-6 fitted"]; !ok || fitted["log_loss"] >= got["FSRS-6 default"]["log_loss"] {
		t.Errorf("saved parameters not evaluated: %v", got)
	}
	// Scheduling uses them: the first Good on a new card differs from the
	// default parameters' 10-minute step only in stability.
	vault := writeVault(t, map[string]string{".obsidian/plugins/obsidian-spaced-repetition/data.json": pluginSettings, "n.md": "#🧠\n\nQ->->->A\n"})
	vars["RECALL_NOW"] = "2023-10-04T09:00:00Z"
	ids := cardIDs(t, vars, "--vault", vault)
	_, stdout, _ = runRecall(t, vars, "grade", "--vault", vault, "--algorithm", "fsrs", "--card", ids[0], "--rating", "easy", "--json")
	if strings.Contains(stdout, `"stability": 8.2956`) || !strings.Contains(stdout, `"stability"`) {
		t.Errorf("grade ignored the saved parameters (default S0(Easy) = 8.2956): %s", stdout)
	}
}
