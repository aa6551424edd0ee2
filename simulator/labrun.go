package simulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Lab is a running lab: the servers on a loopback port, and the values a
// lesson carries from request to request. It is what the lab screen drives.
// The caller must Close it.
type Lab struct {
	server *Server
	http   *http.Server
	base   string
	vars   Vars
}

// StartLab starts the servers with cfg on 127.0.0.1 and a free port.
func StartLab(cfg Config, clock Clock) (*Lab, error) {
	srv, err := New(cfg, clock)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("cannot start the lab on loopback: %w", err)
	}
	l := &Lab{server: srv, base: "http://" + ln.Addr().String(), vars: NewVars(),
		http: &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second}}
	go l.http.Serve(ln)
	return l, nil
}

// Close stops the servers.
func (l *Lab) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := l.http.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// URL is the lab's base URL ("http://127.0.0.1:PORT").
func (l *Lab) URL() string { return l.base }

// Vars are the tokens and codes the lesson has so far.
func (l *Lab) Vars() Vars { return l.vars }

// Reset restores the fixtures and forgets the lesson's values.
func (l *Lab) Reset() {
	l.server.Reset()
	l.vars = NewVars()
}

// Advance moves the lab clock forward, so that tokens expire on demand.
func (l *Lab) Advance(d time.Duration) (time.Time, error) { return l.server.Advance(d) }

// Now is the lab clock's time.
func (l *Lab) Now() time.Time { return l.server.Now() }

// Events returns the servers' event log.
func (l *Lab) Events() []Event { return l.server.Events() }

// Do sends a request (with the lesson's values filled in) and records the
// exchange; a successful answer's tokens become the lesson's values.
func (l *Lab) Do(ctx context.Context, r Request) (Exchange, error) {
	req, err := r.Build(l.base, l.vars)
	if err != nil {
		return Exchange{}, err
	}
	x, err := Send(ctx, req)
	if err != nil {
		return x, err
	}
	if x.Status == http.StatusOK {
		l.vars.Capture(x.Body)
	}
	return x, nil
}

// Run sends every step of a scenario from fresh fixtures and returns the
// exchanges with, for each, nil or how the answer differs from the
// expected outcome.
func (l *Lab) Run(ctx context.Context, sc Scenario) ([]Exchange, []error, error) {
	l.Reset()
	var xs []Exchange
	var diffs []error
	for _, st := range sc.Steps {
		if st.Advance > 0 {
			if _, err := l.Advance(st.Advance); err != nil {
				return xs, diffs, err
			}
		}
		x, err := l.Do(ctx, st.Request)
		if err != nil {
			return xs, diffs, err
		}
		xs = append(xs, x)
		diffs = append(diffs, st.Expect.Check(x.Status, x.Body))
	}
	return xs, diffs, nil
}
