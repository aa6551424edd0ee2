package simulator

import (
	"errors"
	"time"
)

// Clock tells the current time. Production code passes time.Now; tests pass a
// function returning a fixed instant. The server adds its own offset (see
// [Server.Advance]) on top, so a Clock never needs to be adjustable.
type Clock func() time.Time

// Now returns the lab time: the clock's time plus every [Server.Advance] so far.
func (s *Server) Now() time.Time {
	return s.clock().Add(time.Duration(s.offset.Load()))
}

// Advance fast-forwards the lab clock by d and returns the new lab time. Tokens
// whose lifetime ends before that time expire at once. The lab clock never runs
// backwards: a negative d is refused.
func (s *Server) Advance(d time.Duration) (time.Time, error) {
	if d < 0 {
		return time.Time{}, errors.New("advance the clock: the duration must not be negative")
	}
	s.offset.Add(int64(d))
	s.log(Event{Kind: EventClock, Message: "lab clock advanced by " + d.String()})
	return s.Now(), nil
}
