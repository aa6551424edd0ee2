package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// StatsView is the input of the statistics screen, computed by the caller
// from the review log and the card index.
type StatsView struct {
	// Today is the current review day; the heatmap ends with its week and
	// the forecast starts with it.
	Today time.Time
	// Weeks is the number of weeks in the heatmap; fewer are shown when
	// the width cannot hold them.
	Weeks int
	// Reviews counts reviews per day, in any order; days outside the
	// heatmap are ignored.
	Reviews []DayCount
	// Forecast counts the cards due on each day from today on (index 0 is
	// today, overdue cards included); up to 30 days are shown.
	Forecast []int
	// Retention counts the reviews of cards in review (not learning) over
	// the last 30 days.
	Retention Retention
	// States counts the cards by state, such as New, Learning, Review.
	States []Count
	// Distribution is the ease (SM-2) or difficulty (FSRS) histogram.
	Distribution Distribution
}

// DayCount is the number of reviews on one calendar day.
type DayCount struct {
	// Day is any instant of the day, in the location of the day boundary.
	Day time.Time
	// Reviews is the number of reviews that day.
	Reviews int
}

// Retention counts passed and failed reviews for true retention.
type Retention struct {
	// Passed counts reviews graded Hard, Good or Easy; Failed those graded
	// Again.
	Passed, Failed int
}

// Count is a labelled number, such as a state and its card count.
type Count struct {
	// Label names what is counted.
	Label string
	// N is the count.
	N int
}

// Distribution is a histogram with a title, such as "Difficulty".
type Distribution struct {
	// Title names the measure, such as "Ease" or "Difficulty".
	Title string
	// Buckets are the histogram's bars in order, labelled with their
	// ranges.
	Buckets []Count
}

// heatShades are the heatmap's cells from no reviews to the most; "·" for
// none keeps a past day without reviews apart from a day still to come.
var heatShades = [5]string{"·", "░", "▒", "▓", "█"}

// maxBarW is the length of the longest horizontal bar.
const maxBarW = 40

// hbar returns a horizontal bar for n of most in at most room columns,
// after a space: "▏" for a count too small for a full block, "" for 0.
func hbar(n, most, room int) string {
	if n <= 0 || most <= 0 {
		return ""
	}
	if bar := strings.Repeat("█", n*room/most); bar != "" {
		return " " + bar
	}
	return " ▏"
}

// forecastDays is the number of days the forecast shows.
const forecastDays = 30

// RenderStats renders the statistics screen in width columns: the review
// heatmap, the due forecast and the table of retention, card states and
// the ease or difficulty distribution, separated by blank lines.
func RenderStats(v StatsView, width int, s Styles) string {
	return strings.Join([]string{
		RenderHeatmap(v.Reviews, v.Today, v.Weeks, width, s),
		RenderForecast(v.Forecast, width, s),
		RenderStatsTable(v, width, s),
	}, "\n\n")
}

// RenderHeatmap renders a calendar of reviews per day like GitHub's
// contribution grid: a column per week (Sunday at the top) up to today's
// week, month names above, shade characters "·░▒▓█" from none to the most
// reviews, a legend and the totals below. At most weeks columns are shown,
// fewer if width is too narrow.
func RenderHeatmap(reviews []DayCount, today time.Time, weeks, width int, s Styles) string {
	const labelW, cellW = 4, 2
	weeks = max(min(weeks, (width-labelW)/cellW), 1)
	y, m, d := today.Date()
	loc := today.Location()
	first := time.Date(y, m, d-int(today.Weekday())-7*(weeks-1), 0, 0, 0, 0, loc)
	dayKey := func(t time.Time) string { return t.Format(time.DateOnly) }

	counts := map[string]int{}
	for _, r := range reviews {
		counts[dayKey(r.Day)] += r.Reviews
	}
	most, total, days := 0, 0, 0
	for c := range weeks * 7 {
		n := counts[dayKey(first.AddDate(0, 0, c))]
		most = max(most, n)
		total += n
		if n > 0 {
			days++
		}
	}

	var b strings.Builder
	b.WriteString(s.Strong.Render(fmt.Sprintf("Reviews · last %d weeks", weeks)))
	b.WriteString("\n")

	// Month names over the first week whose Sunday is in the month; the
	// first column only if the next one is in the same month.
	months := []byte(strings.Repeat(" ", labelW+cellW*weeks+len("Jan")))
	free := labelW
	for w := range weeks {
		start := first.AddDate(0, 0, 7*w)
		prev, next := start.AddDate(0, 0, -7), start.AddDate(0, 0, 7)
		if (w > 0 && start.Month() == prev.Month()) || (w == 0 && next.Month() != start.Month()) {
			continue
		}
		at := labelW + cellW*w
		name := start.Format("Jan")
		if at < free || at+len(name) > width {
			continue
		}
		copy(months[at:], name)
		free = at + len(name) + 1
	}
	b.WriteString(s.Muted.Render(strings.TrimRight(string(months), " ")))

	rowLabels := [7]string{"", "Mon", "", "Wed", "", "Fri", ""}
	for r := range 7 {
		b.WriteString("\n")
		b.WriteString(s.Muted.Render(padRight(rowLabels[r], labelW)))
		for w := range weeks {
			day := first.AddDate(0, 0, 7*w+r)
			if day.After(today) {
				break
			}
			if w > 0 {
				b.WriteString(" ")
			}
			lvl := heatLevel(counts[dayKey(day)], most)
			b.WriteString(s.Heat[lvl].Render(heatShades[lvl]))
		}
	}

	// The legend on the left and the totals on the right under the grid.
	b.WriteString("\n")
	legend := strings.Repeat(" ", labelW) + s.Muted.Render("Less ")
	for lvl, shade := range heatShades {
		legend += s.Heat[lvl].Render(shade) + " "
	}
	legend += s.Muted.Render("More")
	summary := fmt.Sprintf("%d reviews on %d days", total, days)
	lineW := max(labelW+cellW*weeks-1, ansi.StringWidth(legend)+2+ansi.StringWidth(summary))
	if lineW <= width {
		b.WriteString(legend + strings.Repeat(" ", lineW-ansi.StringWidth(legend)-ansi.StringWidth(summary)) + summary)
	} else {
		b.WriteString(legend + "\n" + strings.Repeat(" ", labelW) + summary)
	}
	return b.String()
}

// heatLevel maps a day's reviews to a shade: 0 for none, else 1 to 4 in
// quarters of the busiest day.
func heatLevel(n, most int) int {
	if n <= 0 || most <= 0 {
		return 0
	}
	return min(1+(n-1)*4/most, 4)
}

// RenderForecast renders the cards due on each of the next 30 days as a
// vertical bar chart six lines high, eighth blocks giving the tops, with
// the largest count on the axis and the days below ("today", "+7", …),
// then the totals for tomorrow and the week.
func RenderForecast(due []int, width int, s Styles) string {
	const rows = 6
	days := make([]int, forecastDays)
	copy(days, due)
	due = days
	most := 0
	for _, n := range due {
		most = max(most, n)
	}
	axis := strconv.Itoa(most)
	most = max(most, 1)
	axisW := len(axis) + 1
	barW := 1
	if axisW+1+2*forecastDays <= width {
		barW = 2
	}

	var b strings.Builder
	b.WriteString(s.Strong.Render(fmt.Sprintf("Due · next %d days", forecastDays)))
	eighths := []rune(" ▁▂▃▄▅▆▇█")
	for r := rows - 1; r >= 0; r-- {
		b.WriteString("\n")
		label := ""
		if r == rows-1 {
			label = axis
		}
		b.WriteString(s.Muted.Render(padLeft(label, axisW-1) + " │"))
		var line strings.Builder
		for _, n := range due {
			filled := n * rows * 8 / most // in eighths of a line
			if n > 0 && filled == 0 {
				filled = 1 // a day with cards never looks empty
			}
			cell := min(max(filled-r*8, 0), 8)
			line.WriteString(strings.Repeat(string(eighths[cell]), barW))
		}
		b.WriteString(s.Bar.Render(strings.TrimRight(line.String(), " ")))
	}
	b.WriteString("\n")
	b.WriteString(s.Muted.Render(padLeft("0", axisW-1) + " └" + strings.Repeat("─", barW*forecastDays)))
	b.WriteString("\n")
	ticks := []byte(strings.Repeat(" ", axisW+1+barW*forecastDays+len("today")))
	for _, day := range []int{0, 7, 14, 21, 28} {
		label := "+" + strconv.Itoa(day)
		if day == 0 {
			label = "today"
		}
		at := axisW + 1 + barW*day
		if day > 0 && at < axisW+1+len("today")+1 {
			continue
		}
		copy(ticks[at:], label)
	}
	b.WriteString(s.Muted.Render(strings.TrimRight(string(ticks), " ")))
	b.WriteString("\n")
	week := 0
	for _, n := range due[:7] {
		week += n
	}
	b.WriteString(ansi.Truncate(fmt.Sprintf("Due today %d · tomorrow %d · next 7 days %d", due[0], due[1], week), width, ellipsis))
	return b.String()
}

// RenderStatsTable renders true retention over the last 30 days, the cards
// by state and the ease or difficulty distribution as a bar per bucket.
func RenderStatsTable(v StatsView, width int, s Styles) string {
	var b strings.Builder
	labelW := len("True retention")
	for _, c := range v.States {
		labelW = max(labelW, ansi.StringWidth(c.Label))
	}
	for _, c := range v.Distribution.Buckets {
		labelW = max(labelW, ansi.StringWidth(c.Label))
	}
	row := func(label, value string) {
		b.WriteString("\n" + padRight(label, labelW+2) + value)
	}

	b.WriteString(s.Strong.Render("Retention · last 30 days"))
	if n := v.Retention.Passed + v.Retention.Failed; n > 0 {
		row("True retention", s.Strong.Render(fmt.Sprintf("%.1f%%", 100*float64(v.Retention.Passed)/float64(n)))+
			s.Muted.Render(fmt.Sprintf("  %d of %d reviews passed", v.Retention.Passed, n)))
	} else {
		row("True retention", s.Muted.Render("no reviews yet"))
	}

	b.WriteString("\n\n" + s.Strong.Render("Cards by state"))
	numW := 1
	for _, c := range v.States {
		numW = max(numW, len(strconv.Itoa(c.N)))
	}
	for _, c := range v.States {
		row(c.Label, padLeft(strconv.Itoa(c.N), numW))
	}
	if len(v.States) == 0 {
		b.WriteString("\n" + s.Muted.Render("no cards"))
	}

	if len(v.Distribution.Buckets) > 0 {
		b.WriteString("\n\n" + s.Strong.Render(v.Distribution.Title))
		most, numW := 1, 1
		for _, c := range v.Distribution.Buckets {
			most = max(most, c.N)
			numW = max(numW, len(strconv.Itoa(c.N)))
		}
		barRoom := min(max(width-labelW-2-numW-1, 1), maxBarW)
		for _, c := range v.Distribution.Buckets {
			row(c.Label, padLeft(strconv.Itoa(c.N), numW)+s.Bar.Render(hbar(c.N, most, barRoom)))
		}
	}
	return b.String()
}
