package sm2osr

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"testing"
)

// vector is one line of testdata/osr-schedule-vectors.jsonl (see
// data/README.md).
type vector struct {
	Version     string         `json:"version"`
	Group       string         `json:"group"`
	Interval    float64        `json:"interval"`
	Ease        int            `json:"ease"`
	Delay       int            `json:"delayBeforeReview_days"`
	Response    string         `json:"response"`
	Settings    vectorSettings `json:"settings"`
	Histogram   map[string]int `json:"histogram"`
	NewInterval float64        `json:"new_interval"`
	NewEase     int            `json:"new_ease"`
	Note        string         `json:"note"`
}

type vectorSettings struct {
	BaseEase             int             `json:"baseEase"`
	EasyBonus            float64         `json:"easyBonus"`
	LapsesIntervalChange float64         `json:"lapsesIntervalChange"`
	MaximumInterval      float64         `json:"maximumInterval"`
	LoadBalance          json.RawMessage `json:"loadBalance"`
}

func loadVectors(t *testing.T) []vector {
	t.Helper()
	f, err := os.Open("testdata/osr-schedule-vectors.jsonl")
	if err != nil {
		t.Fatalf("open vectors: %v", err)
	}
	defer f.Close()
	var vs []vector
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		var v vector
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("vectors line %d: %v", line, err)
		}
		vs = append(vs, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read vectors: %v", err)
	}
	return vs
}

func parseResponse(t *testing.T, name string) Response {
	t.Helper()
	for r := Again; r <= Easy; r++ {
		if r.String() == name {
			return r
		}
	}
	t.Fatalf("unknown response %q", name)
	return 0
}

// histogramFromCounts builds a histogram with the given counts, entries with
// count 0 included (made the way the plugin makes them: up, then down).
func histogramFromCounts(t *testing.T, counts map[string]int) *Histogram {
	t.Helper()
	h := NewHistogram()
	for key, n := range counts {
		days, err := strconv.Atoi(key)
		if err != nil {
			t.Fatalf("histogram key %q: %v", key, err)
		}
		h.Increment(days)
		if n == 0 {
			h.Decrement(days)
		}
		for range n - 1 {
			h.Increment(days)
		}
	}
	return h
}

func TestVectors(t *testing.T) {
	vs := loadVectors(t)
	if len(vs) != 67 {
		t.Fatalf("got %d vectors, want 67", len(vs))
	}
	for i, v := range vs {
		t.Run(fmt.Sprintf("%d_%s_%s", i+1, v.Group, v.Response), func(t *testing.T) {
			s := Settings{
				BaseEase:             v.Settings.BaseEase,
				EasyBonus:            v.Settings.EasyBonus,
				LapsesIntervalChange: v.Settings.LapsesIntervalChange,
				MaximumInterval:      v.Settings.MaximumInterval,
			}
			var h *Histogram
			switch string(v.Settings.LoadBalance) {
			case "true":
				// Absent histogram with load balancing: an empty one (group B).
				s.LoadBalance = true
				h = histogramFromCounts(t, v.Histogram)
			case "false":
			default: // v1.10.1: always balancing over the histogram
				if v.Version != "1.10.1" {
					t.Fatalf("loadBalance %s in version %s", v.Settings.LoadBalance, v.Version)
				}
				s.Legacy = true
				h = histogramFromCounts(t, v.Histogram)
			}
			interval, ease := Next(parseResponse(t, v.Response), v.Interval, v.Ease, v.Delay, s, h)
			if interval != v.NewInterval || ease != v.NewEase {
				t.Errorf("Next(%s, %v, %d, delay %d) = %v, %d; want %v, %d (%s)",
					v.Response, v.Interval, v.Ease, v.Delay, interval, ease, v.NewInterval, v.NewEase, v.Note)
			}
		})
	}
}

// TestLegacyHistogramUpdate checks that v1.10.1 balancing records the chosen
// day, and the entries it creates while scanning.
func TestLegacyHistogramUpdate(t *testing.T) {
	s := DefaultSettings()
	s.Legacy = true
	// Good from 4 at 250 → 10; 10 is busy, 9 has no entry → 9.
	h := histogramFromCounts(t, map[string]int{"10": 3})
	interval, _ := Next(Good, 4, 250, 0, s, h)
	if interval != 9 {
		t.Fatalf("interval = %v, want 9", interval)
	}
	for _, c := range []struct{ days, n int }{{9, 1}, {10, 3}} {
		if n, ok := h.Count(c.days); !ok || n != c.n {
			t.Errorf("Count(%d) = %d, %v; want %d, true", c.days, n, ok, c.n)
		}
	}
	// An interval without an entry is used and recorded.
	h = NewHistogram()
	if interval, _ := Next(Good, 4, 250, 0, s, h); interval != 10 {
		t.Fatalf("interval = %v, want 10", interval)
	}
	if n, _ := h.Count(10); n != 1 {
		t.Errorf("Count(10) = %d, want 1", n)
	}
	// The current version leaves the histogram alone.
	s.Legacy = false
	h = NewHistogram()
	Next(Good, 4, 250, 0, s, h)
	if _, ok := h.Count(10); ok {
		t.Errorf("v1.15.4 Next changed the histogram")
	}
}
