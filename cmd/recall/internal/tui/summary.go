package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SummaryView is what the end of a session shows.
type SummaryView struct {
	// Reviewed counts the grades given in the session (a card graded
	// twice counts twice).
	Reviewed int
	// Elapsed is the time spent reviewing.
	Elapsed time.Duration
	// Ratings counts the grades Again, Hard, Good and Easy, in that order.
	Ratings [4]int
	// NextDue is when the next card falls due; the zero time means no card
	// is scheduled.
	NextDue time.Time
	// Now is the current time, for "in 3h" and "tomorrow".
	Now time.Time
}

// RenderSummary renders the session summary in width columns: the cards
// reviewed, the time spent (and per card), a bar per rating and when the
// next card is due.
func RenderSummary(v SummaryView, width int, s Styles) string {
	const labelW = 16
	var b strings.Builder
	row := func(label, value string) {
		b.WriteString("\n" + padRight(label, labelW) + value)
	}
	b.WriteString(s.Title.Render("Session complete"))
	b.WriteString("\n")
	row("Cards reviewed", s.Strong.Render(strconv.Itoa(v.Reviewed)))
	spent := formatDuration(v.Elapsed)
	if v.Reviewed > 0 {
		spent += s.Muted.Render(fmt.Sprintf("  (%s per card)", formatDuration(v.Elapsed/time.Duration(v.Reviewed))))
	}
	row("Time spent", spent)
	b.WriteString("\n")

	most, numW := 1, 1
	for _, n := range v.Ratings {
		most = max(most, n)
		numW = max(numW, len(strconv.Itoa(n)))
	}
	barRoom := min(max(width-labelW-numW-1, 1), maxBarW)
	for i, n := range v.Ratings {
		row(s.Grades[i].Render("["+gradeNames[i]+"]"), padLeft(strconv.Itoa(n), numW)+s.Grades[i].Render(hbar(n, most, barRoom)))
	}
	b.WriteString("\n")
	row("Next due", nextDue(v.NextDue, v.Now))
	return b.String()
}

// formatDuration writes d in whole seconds as "45s", "12m 30s", "10m",
// "1h 5m" or "2h", leaving out zero seconds or minutes after a larger unit.
func formatDuration(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, sec := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	switch {
	case h > 0 && m > 0:
		return fmt.Sprintf("%dh %dm", h, m)
	case h > 0:
		return fmt.Sprintf("%dh", h)
	case m > 0 && sec > 0:
		return fmt.Sprintf("%dm %ds", m, sec)
	case m > 0:
		return fmt.Sprintf("%dm", m)
	default:
		return fmt.Sprintf("%ds", sec)
	}
}

// nextDue describes when the next card is due relative to now: "now",
// "today 15:04 (in 2h 5m)", "tomorrow 09:00" or "Mon 9 Mar (in 6 days)".
// A due time at midnight, as SM-2 days are, is left out.
func nextDue(due, now time.Time) string {
	if due.IsZero() {
		return "nothing scheduled"
	}
	if !due.After(now) {
		return "now"
	}
	loc := now.Location()
	due = due.In(loc)
	clock := due.Format(" 15:04")
	if due.Hour() == 0 && due.Minute() == 0 {
		clock = ""
	}
	y, m, d := now.Date()
	dy, dm, dd := due.Date()
	// Rounding absorbs a daylight-saving hour.
	days := int(time.Date(dy, dm, dd, 0, 0, 0, 0, loc).Sub(time.Date(y, m, d, 0, 0, 0, 0, loc)).Hours()+12) / 24
	switch days {
	case 0:
		in := due.Sub(now)
		if in >= time.Minute {
			in = in.Round(time.Minute)
		}
		return fmt.Sprintf("today%s (in %s)", clock, formatDuration(in))
	case 1:
		return "tomorrow" + clock
	default:
		return fmt.Sprintf("%s%s (in %d days)", due.Format("Mon 2 Jan"), clock, days)
	}
}
