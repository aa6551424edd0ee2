package simulator

import (
	"io"
	"net/http"
	"testing"
)

// TestScenarios sends every scenario to a fresh lab and checks each step's
// expected outcome.
func TestScenarios(t *testing.T) {
	names := map[string]bool{}
	for _, sc := range Scenarios {
		if names[sc.Name] || sc.Title == "" || sc.Description == "" || len(sc.Steps) == 0 {
			t.Errorf("scenario %q: duplicate or incomplete", sc.Name)
		}
		names[sc.Name] = true
		t.Run(sc.Name, func(t *testing.T) {
			l := newLab(t, DefaultConfig())
			vars := NewVars()
			for i, st := range sc.Steps {
				if st.Advance > 0 {
					l.advance(st.Advance)
				}
				req, err := st.Request.Build(l.url, vars)
				if err != nil {
					t.Fatal(err)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err := st.Expect.Check(resp.StatusCode, body); err != nil {
					t.Fatalf("step %d (%s): %v; body %s", i+1, st.Note, err, body)
				}
				if resp.StatusCode == http.StatusOK {
					vars.Capture(body)
				}
			}
		})
	}
	if len(Scenarios) != 10 {
		t.Errorf("%d scenarios, want the 10 of issue 5", len(Scenarios))
	}
}
