package simulator

import (
	"net/http"
	"time"
)

// clockAnswer is the JSON body of /lab/clock and /lab/reset.
type clockAnswer struct {
	Now      time.Time `json:"now"`
	Advanced string    `json:"advanced,omitempty"`
}

// handleClock serves the lab clock: GET reads it; POST with the form field
// advance (a Go duration such as 90s or 2h) fast-forwards it.
func (s *Server) handleClock(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		writeJSON(w, http.StatusOK, clockAnswer{Now: s.Now()})
		return
	}
	form, e := readForm(w, r)
	if e != nil {
		if e.status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", "GET, POST")
		}
		s.writeOAuthError(w, e)
		return
	}
	d, err := time.ParseDuration(form.get("advance"))
	if err != nil || d < 0 {
		s.writeOAuthError(w, fail(errInvalidRequest, "The advance parameter must be a non-negative Go duration such as 90s or 2h."))
		return
	}
	now, _ := s.Advance(d) // d is not negative
	writeJSON(w, http.StatusOK, clockAnswer{Now: now, Advanced: d.String()})
}

// handleEvents serves GET /lab/events: the event log, oldest first.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	events := s.Events()
	if events == nil {
		events = []Event{}
	}
	writeJSON(w, http.StatusOK, events)
}

// handleReset serves POST /lab/reset: the fixtures are restored.
func (s *Server) handleReset(w http.ResponseWriter, r *http.Request) {
	s.Reset()
	writeJSON(w, http.StatusOK, clockAnswer{Now: s.Now()})
}
