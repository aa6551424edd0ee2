package fsrs

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// readJosh reads testdata/josh.csv, the reference review log (spec/fsrs.md
// §11.2).
func readJosh(t testing.TB) ReviewLog {
	t.Helper()
	f, err := os.Open("testdata/josh.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	log, err := ReadReviewLog(f)
	if err != nil {
		t.Fatal(err)
	}
	return log
}

func TestReadReviewLogJosh(t *testing.T) {
	log := readJosh(t)
	if len(log.Reviews) != 12580 || len(log.Warnings) != 0 || log.Manual != 0 {
		t.Fatalf("%d reviews, %d warnings, %d manual; want 12580, 0, 0", len(log.Reviews), len(log.Warnings), log.Manual)
	}
	var counts [5]int
	cards := map[int64]bool{}
	for _, r := range log.Reviews {
		counts[r.Rating]++
		cards[r.CardID] = true
	}
	if counts != [5]int{0, 3676, 1, 8903, 0} || len(cards) != 1205 {
		t.Errorf("ratings %v over %d cards; want [0 3676 1 8903 0] over 1205", counts, len(cards))
	}
	first := log.Reviews[0]
	want := LogReview{CardID: 1711684180217, Time: time.Date(2024, 3, 29, 20, 32, 32, 250e6, time.UTC), Rating: Again,
		Duration: 25060 * time.Millisecond, Line: 2}
	if !first.Time.Equal(want.Time) || first.CardID != want.CardID || first.Rating != want.Rating ||
		first.Duration != want.Duration || first.Line != want.Line || first.HasState {
		t.Errorf("first review %+v; want %+v", first, want)
	}
}

func TestReadReviewLogWarnings(t *testing.T) {
	const input = "card_id,review_time,review_rating,review_state,review_duration\n" +
		"1,1700000000000,3,0,5000\n" + // line 2: fine
		"1,1700086400000,5,2,5000\n" + // line 3: unknown rating
		"1,yesterday,3,2,5000\n" + // line 4: unparsable time
		"1,1700086400000,3,2,4000\n" + // line 5: fine
		"1,1700000000001,3,2,4000\n" + // line 6: backwards
		"1,1700086400000,3,2,4000\n" + // line 7: duplicate of line 5
		"2,2023-11-14T22:13:20Z,1,0,7000\n" + // line 8: fine
		"2,2023-11-15T22:13:20Z,0,2,0\n" + // line 9: manual, skipped silently
		"x,1700000000000,3,0,1\n" + // line 10: bad card id
		"3,1700000000000,3,7,1\n" + // line 11: unknown state
		"3,1700000000000,3,0,-1\n" + // line 12: bad duration
		"3,1700000000000,3\n" + // line 13: too few fields
		"\n" + // line 14: blank, ignored
		"3,1700000000000,2,,\n" // line 15: fine, no state nor duration
	log, err := ReadReviewLog(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	wantWarnings := []struct {
		line   int
		reason string
	}{
		{3, `unknown rating "5"`},
		{4, `review_time "yesterday"`},
		{6, "is before its previous review on line 5"},
		{7, "duplicate of line 5"},
		{10, `card_id "x" is not an integer`},
		{11, `unknown review_state "7"`},
		{12, `review_duration "-1"`},
		{13, "3 fields; the header has 5"},
	}
	if len(log.Warnings) != len(wantWarnings) {
		t.Fatalf("warnings %v; want %d", log.Warnings, len(wantWarnings))
	}
	for i, w := range wantWarnings {
		got := log.Warnings[i]
		if got.Line != w.line || !strings.Contains(got.Reason, w.reason) || !strings.HasPrefix(got.String(), "line ") {
			t.Errorf("warning %d: %q; want line %d with %q", i, got, w.line, w.reason)
		}
	}
	var lines []int
	for _, r := range log.Reviews {
		lines = append(lines, r.Line)
	}
	if want := []int{2, 5, 8, 15}; !slices.Equal(lines, want) {
		t.Errorf("reviews from lines %v; want %v", lines, want)
	}
	if log.Manual != 1 {
		t.Errorf("manual = %d; want 1", log.Manual)
	}
	r := log.Reviews[1]
	if r.State != Review || !r.HasState || r.Duration != 4*time.Second || !r.Time.Equal(time.UnixMilli(1700086400000)) {
		t.Errorf("line 5 read as %+v", r)
	}
	if r := log.Reviews[3]; r.HasState || r.Duration != 0 || r.Rating != Hard {
		t.Errorf("line 15 read as %+v", r)
	}
}

func TestReadReviewLogErrors(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", "empty"},
		{"missing columns", "card_id,review_rating\n1,3\n", "lacks column review_time"},
		{"column twice", "card_id,review_time,review_rating,card_id\n", "column card_id twice"},
		{"bad quoting", "card_id,review_time,review_rating\n1,\"2024,3\n", "cannot read the review log"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadReviewLog(strings.NewReader(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v; want one containing %q", err, tt.want)
			}
		})
	}
}

func TestReadReviewLogColumnOrder(t *testing.T) {
	// Header-driven: any order, other columns ignored, a byte-order mark
	// and surrounding spaces tolerated.
	const input = "\ufeffextra, review_rating ,card_id,review_time\nfoo,4,42,2024-01-02T03:04:05.5+01:00\n"
	log, err := ReadReviewLog(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2024, 1, 2, 2, 4, 5, 5e8, time.UTC)
	if len(log.Reviews) != 1 || log.Reviews[0].CardID != 42 || log.Reviews[0].Rating != Easy || !log.Reviews[0].Time.Equal(want) {
		t.Errorf("got %+v, warnings %v", log.Reviews, log.Warnings)
	}
}
