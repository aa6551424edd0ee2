package simulator

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestLabRunsEveryScenario drives every scenario through a real lab on
// loopback, as the lab screen does, and checks each answer and transcript.
func TestLabRunsEveryScenario(t *testing.T) {
	start := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	lab, err := StartLab(DefaultConfig(), func() time.Time { return start })
	if err != nil {
		t.Fatal(err)
	}
	defer lab.Close()
	if !strings.HasPrefix(lab.URL(), "http://127.0.0.1:") {
		t.Fatalf("lab listens on %s", lab.URL())
	}
	for _, sc := range Scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			xs, diffs, err := lab.Run(context.Background(), sc)
			if err != nil {
				t.Fatal(err)
			}
			for i, d := range diffs {
				if d != nil {
					t.Errorf("step %d: %v\n%s", i+1, d, xs[i].Response)
				}
				if !strings.HasPrefix(xs[i].Response, "HTTP/1.1 ") || xs[i].Curl == "" {
					t.Errorf("step %d: transcript %q", i+1, xs[i].Response)
				}
			}
		})
	}
}
