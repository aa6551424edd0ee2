package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/recall-srs/recall/review/fsrs"
)

// retentionCmd simulates the workload of each desired retention.
type retentionCmd struct {
	Log       string `help:"Review log CSV (as for recall optimize): fit the parameters to it, unless --params is given, and take the answers and their durations from it." type:"path" placeholder:"FILE.csv"`
	Params    string `help:"FSRS-6 parameters: 21 numbers separated by commas (default: fitted to --log, else the saved ones, else the defaults)." placeholder:"W0,…,W20"`
	Days      int    `help:"Days to simulate." default:"365"`
	NewPerDay int    `help:"New cards learnt per day." default:"10"`
	Seed      uint64 `help:"Seed of the simulated answers." default:"1"`
}

// Run simulates and prints the table, a chart and the optimum.
func (c *retentionCmd) Run(e *env) error {
	w, err := parseParams(c.Params)
	if err != nil {
		return err
	}
	if c.Days < 1 || c.NewPerDay < 1 {
		return usageError{"--days and --new-per-day must be positive"}
	}
	o := fsrs.RetentionOptions{Days: c.Days, NewPerDay: c.NewPerDay, Seed: c.Seed}
	source := "given parameters"
	if c.Log != "" {
		log, d, err := logFlags{Log: c.Log}.load(e)
		if err != nil {
			return err
		}
		o.Learner = fsrs.LearnerFromLog(log.Reviews, nil)
		if w == nil {
			bar := newProgress(e, "fitting")
			fitted, err := d.Optimize(fsrs.OptimizeOptions{Progress: bar.update})
			bar.finish()
			if err != nil {
				return err
			}
			w, source = &fitted, "parameters fitted to "+filepath.Base(c.Log)
		}
	}
	if w == nil {
		if w, err = (logFlags{}).savedParams(e); err != nil {
			return err
		}
		source = "the parameters saved by recall optimize --save"
	}
	if w == nil {
		def := fsrs.DefaultWeights()
		w, source = &def, "default parameters"
	}
	table, err := fsrs.SimulateRetention(*w, o)
	if err != nil {
		return err
	}
	learner := "a typical learner"
	if c.Log != "" {
		learner = "answers and times from " + filepath.Base(c.Log)
	}
	fmt.Fprintf(e.stdout, "FSRS-6 with %s; %d days, %d new cards a day (%d cards), %s\n\n",
		source, table.Days, c.NewPerDay, table.Cards, learner)
	printRetentionTable(e.stdout, table)
	fmt.Fprintln(e.stdout)
	printRetentionChart(e.stdout, table)
	best := table.Points[table.Optimal]
	fmt.Fprintf(e.stdout, "\nsuggested desired retention: %.2f (%.0f s of reviews per card retained, %.0f reviews a day)\n",
		best.DesiredRetention, best.SecondsPerRetained, best.ReviewsPerDay)
	return nil
}

// printRetentionTable writes one row per desired retention.
func printRetentionTable(w io.Writer, t fsrs.RetentionTable) {
	fmt.Fprintf(w, "%9s %12s %12s %9s %9s %14s\n", "retention", "reviews/day", "minutes/day", "retained", "share", "s per retained")
	for i, p := range t.Points {
		mark := ""
		if i == t.Optimal {
			mark = "  ← optimal"
		}
		fmt.Fprintf(w, "%9.2f %12.1f %12.1f %9.0f %8.1f%% %14.1f%s\n", p.DesiredRetention, p.ReviewsPerDay,
			p.MinutesPerDay, p.Retained, 100*p.RetainedShare, p.SecondsPerRetained, mark)
	}
}

// printRetentionChart draws the review time per retained card and the
// reviews per day against desired retention, one block per retention.
func printRetentionChart(w io.Writer, t fsrs.RetentionTable) {
	cost := make([]float64, len(t.Points))
	load := make([]float64, len(t.Points))
	for i, p := range t.Points {
		cost[i], load[i] = p.SecondsPerRetained, p.ReviewsPerDay
	}
	fmt.Fprintf(w, "%-22s %s\n", "time per retained card", sparkline(cost))
	fmt.Fprintf(w, "%-22s %s\n", "reviews per day", sparkline(load))
	axis := []rune(strings.Repeat(" ", len(t.Points)))
	axis[t.Optimal] = '^'
	lo, hi := t.Points[0].DesiredRetention, t.Points[len(t.Points)-1].DesiredRetention
	fmt.Fprintf(w, "%-22s %s\n%-22s %.2f%s%.2f\n", "", string(axis), "retention",
		lo, strings.Repeat(" ", max(1, len(t.Points)-8)), hi)
}

// sparkline draws values as eighth blocks scaled from their minimum to
// their maximum.
func sparkline(values []float64) string {
	blocks := []rune("▁▂▃▄▅▆▇█")
	lo, hi := values[0], values[0]
	for _, v := range values {
		lo, hi = min(lo, v), max(hi, v)
	}
	var b strings.Builder
	for _, v := range values {
		i := 0
		if hi > lo {
			i = int((v - lo) / (hi - lo) * float64(len(blocks)-1))
		}
		b.WriteRune(blocks[i])
	}
	return b.String()
}
