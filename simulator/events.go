package simulator

import (
	"sync"
	"time"
)

// Event kinds recorded in the event log.
const (
	EventAuthFailure   = "auth_failure"   // a client failed to authenticate
	EventIssued        = "token_issued"   // tokens were issued (new grant or rotation)
	EventGraceRetry    = "grace_retry"    // the predecessor token was accepted inside the grace window
	EventReuseDetected = "reuse_detected" // a rotated-out refresh token came back: the family is revoked
	EventRevoked       = "token_revoked"  // a token or a grant was revoked through /revoke
	EventCodeIssued    = "code_issued"    // /authorize issued an authorization code
	EventCodeReused    = "code_reused"    // an authorization code was presented twice
	EventDiscouraged   = "discouraged"    // a request used a discouraged but accepted form
	EventClock         = "clock_advanced" // the lab clock was fast-forwarded
	EventReset         = "reset"          // the fixtures were restored
)

// eventLogSize is how many events the log keeps; older ones are dropped so the
// log stays bounded however long the server runs.
const eventLogSize = 1000

// Event is one entry of the server-side event log, shown to the learner.
type Event struct {
	Seq     int       `json:"seq"`              // 1 for the first event since New, then increasing
	Time    time.Time `json:"time"`             // lab time
	Kind    string    `json:"kind"`             // one of the Event… constants
	Client  string    `json:"client,omitempty"` // client id, when one is involved
	Grant   string    `json:"grant,omitempty"`  // grant (token family) id, when one is involved
	Message string    `json:"message"`          // one sentence for the learner
}

// eventLog is a bounded, concurrency-safe list of events.
type eventLog struct {
	mu     sync.Mutex
	seq    int
	events []Event
}

func (l *eventLog) add(e Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	e.Seq = l.seq
	l.events = append(l.events, e)
	if len(l.events) >= 2*eventLogSize {
		l.events = append([]Event(nil), l.events[len(l.events)-eventLogSize:]...)
	}
}

func (l *eventLog) list() []Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	from := max(0, len(l.events)-eventLogSize)
	return append([]Event(nil), l.events[from:]...)
}

// log stamps e with the lab time and records it.
func (s *Server) log(e Event) {
	e.Time = s.Now()
	s.events.add(e)
}

// Events returns a copy of the most recent events (at most 1000), oldest first.
func (s *Server) Events() []Event {
	return s.events.list()
}
