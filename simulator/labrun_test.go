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

func TestLockoutKnob(t *testing.T) {
	cfg := DefaultConfig()
	cfg.LockoutAfter = 2
	lab, err := StartLab(cfg, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer lab.Close()
	wrong := Request{Method: "POST", Path: "/token", Auth: AuthBasic, ClientID: DemoClientID, ClientSecret: "nope",
		Params: []Param{{"grant_type", "refresh_token"}, {"refresh_token", "{refresh_token}"}}}
	right := wrong
	right.ClientSecret = DemoClientSecret
	for i := 0; i < 2; i++ {
		if x, _ := lab.Do(context.Background(), wrong); x.Status != 401 {
			t.Fatalf("wrong secret %d: %d", i, x.Status)
		}
	}
	x, _ := lab.Do(context.Background(), right)
	if x.Status != 401 || !strings.Contains(string(x.Body), "locked out") {
		t.Fatalf("after the lockout the right secret got %d %s", x.Status, x.Body)
	}
	lab.Reset()
	if x, _ := lab.Do(context.Background(), right); x.Status != 200 {
		t.Fatalf("after reset: %d %s", x.Status, x.Body)
	}
	if _, err := ParseConfig([]byte(`{"lockout_after": -1, "clients": [{"id": "cli", "public": true, "grants": ["refresh_token"], "scopes": ["read"]}]}`)); err == nil || !strings.Contains(err.Error(), "lockout_after") {
		t.Errorf("negative lockout accepted: %v", err)
	}
}
