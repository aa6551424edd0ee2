package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/recall-srs/recall/review/fsrs"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// optimizeCmd fits FSRS-6 parameters to a review log.
type optimizeCmd struct {
	logFlags
	Save bool `help:"Save the fitted parameters in recall's database; FSRS scheduling uses them from then on."`
}

// Run fits the parameters and prints them with the log loss and RMSE(bins)
// before and after.
func (c *optimizeCmd) Run(e *env) error {
	log, d, err := c.load(e)
	if err != nil {
		return err
	}
	bar := newProgress(e, "fitting")
	w, err := d.Optimize(fsrs.OptimizeOptions{Progress: bar.update})
	bar.finish()
	if err != nil {
		return err
	}
	res := d.Evaluate(&w)
	before, after := res[0], res[1]
	fmt.Fprintf(e.stdout, "%s: fitted FSRS-6 to %d reviews of %d cards (%d rows)\n\n",
		c.name(), d.Items(), d.Cards(), len(log.Reviews))
	fmt.Fprintf(e.stdout, "parameters: %s\n\n", formatParams(w))
	fmt.Fprintf(e.stdout, "%-20s %9s %11s\n", "", "log loss", "RMSE(bins)")
	fmt.Fprintf(e.stdout, "%-20s %9.4f %11.4f\n", "default parameters", before.LogLoss, before.RMSEBins)
	fmt.Fprintf(e.stdout, "%-20s %9.4f %11.4f\n", "fitted parameters", after.LogLoss, after.RMSEBins)
	fmt.Fprintln(e.stdout, "\nBoth are measured on the reviews used for fitting; 'recall evaluate --out-of-sample' measures on later reviews.")
	if !c.Save {
		fmt.Fprintln(e.stdout, "The parameters are not saved; run again with --save to schedule with them, or pass them to 'recall evaluate' or 'recall retention' with --params.")
		return nil
	}
	db, err := c.openDB(e)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.SetFSRSParameters(w[:]); err != nil {
		return fmt.Errorf("cannot save the parameters: %w", err)
	}
	fmt.Fprintf(e.stdout, "Saved in %s: FSRS scheduling uses these parameters from now on.\n", db.Path())
	return nil
}

// formatParams writes parameters as numbers separated by commas, as
// --params reads them.
func formatParams(w fsrs.Weights) string {
	parts := make([]string, len(w))
	for i, x := range w {
		parts[i] = fmt.Sprintf("%.4f", x)
	}
	return strings.Join(parts, ",")
}

// progress shows the steps of a fit as a bar on stderr, when stderr is a
// terminal; otherwise it does nothing.
type progress struct {
	w    io.Writer
	desc string
	bar  *progressbar.ProgressBar
}

// newProgress returns the progress display for e.
func newProgress(e *env, desc string) *progress {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return &progress{}
	}
	return &progress{w: e.stderr, desc: desc}
}

// update shows step of steps.
func (p *progress) update(step, steps int) {
	if p.w == nil {
		return
	}
	if p.bar == nil {
		p.bar = progressbar.NewOptions(steps, progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(p.desc), progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(65e6), progressbar.OptionShowCount())
	}
	p.bar.Set(step)
}

// finish clears the bar.
func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
