package fsrs

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// LogReview is one review of a review log (spec/fsrs.md §12).
type LogReview struct {
	// CardID identifies the card; the optimizer layout requires an integer.
	CardID int64
	// Time is the instant of the review.
	Time time.Time
	// Rating is the answer, Again … Easy.
	Rating Grade
	// State is the card's state before the review; valid only if HasState.
	State    State
	HasState bool
	// Duration is the time the answer took; 0 when the log has none.
	Duration time.Duration
	// Line is the line of the row in the file, from 1 (the header).
	Line int
}

// LogWarning is a row of a review log that was left out, and why.
type LogWarning struct {
	Line   int
	Reason string
}

// String returns "line N: reason".
func (w LogWarning) String() string {
	return fmt.Sprintf("line %d: %s", w.Line, w.Reason)
}

// ReviewLog is a review log as read by ReadReviewLog: the usable reviews in
// file order, and a warning for every row left out.
type ReviewLog struct {
	Reviews  []LogReview
	Warnings []LogWarning
	// Manual counts the rows with rating 0 (manual rescheduling or reset),
	// which are not reviews and are skipped without a warning.
	Manual int
}

// Columns of the optimizer layout.
const (
	colCardID   = "card_id"
	colTime     = "review_time"
	colRating   = "review_rating"
	colState    = "review_state"
	colDuration = "review_duration"
)

// ReadReviewLog reads a review log in the CSV layout of the FSRS optimizers
// (spec/fsrs.md §12): a header naming the columns card_id, review_time and
// review_rating, and optionally review_state and review_duration, in any
// order; other columns are ignored. review_time is epoch milliseconds or an
// RFC 3339 instant; review_rating is 1–4, or 0 for a manual entry (skipped);
// review_state is 0–3 and review_duration milliseconds.
//
// A row that cannot be used — a wrong number of fields, a bad card id, an
// unknown rating, state or duration, an unparsable time, a time before the
// card's previous review, or a second row for the same card and instant —
// is left out with a warning carrying its line number; the rest is used. An
// unreadable header or a CSV syntax error is an error.
func ReadReviewLog(r io.Reader) (ReviewLog, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return ReviewLog{}, errors.New("fsrs: the review log is empty; want a header line")
	}
	if err != nil {
		return ReviewLog{}, fmt.Errorf("fsrs: cannot read the review log header: %w", err)
	}
	cols, err := findColumns(header)
	if err != nil {
		return ReviewLog{}, err
	}
	var log ReviewLog
	last := map[int64]int{} // card → index in log.Reviews of its latest review
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return log, nil
		}
		if err != nil && !errors.Is(err, csv.ErrFieldCount) {
			return log, fmt.Errorf("fsrs: cannot read the review log: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			log.warn(line, fmt.Sprintf("%d fields; the header has %d", len(rec), len(header)))
			continue
		}
		rv, reason := cols.parse(rec)
		if reason != "" {
			log.warn(line, reason)
			continue
		}
		if rv.Rating == 0 {
			log.Manual++
			continue
		}
		rv.Line = line
		if i, ok := last[rv.CardID]; ok {
			prev := log.Reviews[i]
			switch {
			case rv.Time.Before(prev.Time):
				log.warn(line, fmt.Sprintf("card %d: time %s is before its previous review on line %d (%s)",
					rv.CardID, rv.Time.UTC().Format(time.RFC3339Nano), prev.Line, prev.Time.UTC().Format(time.RFC3339Nano)))
				continue
			case rv.Time.Equal(prev.Time):
				log.warn(line, fmt.Sprintf("card %d: duplicate of line %d (same instant)", rv.CardID, prev.Line))
				continue
			}
		}
		last[rv.CardID] = len(log.Reviews)
		log.Reviews = append(log.Reviews, rv)
	}
}

// warn records a row left out.
func (l *ReviewLog) warn(line int, reason string) {
	l.Warnings = append(l.Warnings, LogWarning{Line: line, Reason: reason})
}

// logColumns holds the position of each known column; -1 when absent.
type logColumns struct {
	cardID, time, rating, state, duration int
}

// findColumns finds the columns in header and fails if a required one is
// missing or a known one appears twice.
func findColumns(header []string) (logColumns, error) {
	c := logColumns{-1, -1, -1, -1, -1}
	for i, name := range header {
		name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))
		var p *int
		switch name {
		case colCardID:
			p = &c.cardID
		case colTime:
			p = &c.time
		case colRating:
			p = &c.rating
		case colState:
			p = &c.state
		case colDuration:
			p = &c.duration
		default:
			continue
		}
		if *p >= 0 {
			return c, fmt.Errorf("fsrs: the review log header names column %s twice", name)
		}
		*p = i
	}
	var missing []string
	for _, m := range []struct {
		pos  int
		name string
	}{{c.cardID, colCardID}, {c.time, colTime}, {c.rating, colRating}} {
		if m.pos < 0 {
			missing = append(missing, m.name)
		}
	}
	if len(missing) > 0 {
		return c, fmt.Errorf("fsrs: the review log header lacks column %s; want card_id, review_time and review_rating",
			strings.Join(missing, ", "))
	}
	return c, nil
}

// parse reads one row; reason is non-empty when the row is unusable.
func (c logColumns) parse(rec []string) (rv LogReview, reason string) {
	field := func(i int) string { return strings.TrimSpace(rec[i]) }
	id, err := strconv.ParseInt(field(c.cardID), 10, 64)
	if err != nil {
		return rv, fmt.Sprintf("card_id %q is not an integer", field(c.cardID))
	}
	rv.CardID = id
	rating, err := strconv.Atoi(field(c.rating))
	if err != nil || rating < 0 || rating > int(Easy) {
		return rv, fmt.Sprintf("unknown rating %q; want 1 (Again) to 4 (Easy), or 0 for a manual entry", field(c.rating))
	}
	rv.Rating = Grade(rating)
	if rv.Time, err = parseLogTime(field(c.time)); err != nil {
		return rv, fmt.Sprintf("review_time %q is neither epoch milliseconds nor an RFC 3339 instant", field(c.time))
	}
	if c.state >= 0 && field(c.state) != "" {
		s, err := strconv.Atoi(field(c.state))
		if err != nil || s < int(New) || s > int(Relearning) {
			return rv, fmt.Sprintf("unknown review_state %q; want 0 (New) to 3 (Relearning)", field(c.state))
		}
		rv.State, rv.HasState = State(s), true
	}
	if c.duration >= 0 && field(c.duration) != "" {
		ms, err := strconv.ParseFloat(field(c.duration), 64)
		if err != nil || !(ms >= 0 && ms < 1e15) {
			return rv, fmt.Sprintf("review_duration %q is not a number of milliseconds", field(c.duration))
		}
		rv.Duration = time.Duration(ms * float64(time.Millisecond))
	}
	return rv, ""
}

// parseLogTime reads epoch milliseconds or an RFC 3339 instant.
func parseLogTime(s string) (time.Time, error) {
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.UnixMilli(ms).UTC(), nil
	}
	return time.Parse(time.RFC3339Nano, s)
}
