package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/fsrs"
	"github.com/recall-srs/recall/review/store"
)

// evaluateCmd scores schedulers on a review log.
type evaluateCmd struct {
	logFlags
	Params      string `help:"Fitted FSRS-6 parameters to evaluate too: 21 numbers separated by commas (as recall optimize prints them)." placeholder:"W0,…,W20"`
	OutOfSample bool   `help:"Fit on earlier reviews and score later ones (time-series splits, 5 fits) instead of scoring on every review."`
	JSON        bool   `help:"Print one JSON object: model name → {log_loss, rmse_bins, auc, reviews}."`
}

// logFlags name the review log a command reads.
type logFlags struct {
	Log string `help:"Review log CSV with a header naming card_id, review_time and review_rating (review_state and review_duration optional), e.g. from Anki or recall log export (default: recall's own review log)." type:"path" placeholder:"FILE.csv"`
	DB  string `help:"Database file (default: $RECALL_DB, else $XDG_DATA_HOME/recall/recall.db)." type:"path" placeholder:"PATH"`
}

// openDB opens recall's database.
func (f logFlags) openDB(e *env) (*store.Store, error) {
	return store.Open((&studyFlags{DB: f.DB}).dbPath(e))
}

// name is how the log is named in output.
func (f logFlags) name() string {
	if f.Log == "" {
		return "recall's review log"
	}
	return filepath.Base(f.Log)
}

// maxLogWarnings is the number of invalid rows reported one by one.
const maxLogWarnings = 20

// load reads the review log, reports its invalid rows on e.stderr and
// returns it with its dataset (UTC calendar days).
func (f logFlags) load(e *env) (fsrs.ReviewLog, *fsrs.Dataset, error) {
	var src io.Reader
	if f.Log == "" {
		db, err := f.openDB(e)
		if err != nil {
			return fsrs.ReviewLog{}, nil, err
		}
		var buf bytes.Buffer
		err = db.ExportCSV(&buf)
		db.Close()
		if err != nil {
			return fsrs.ReviewLog{}, nil, err
		}
		src = &buf
	} else {
		file, err := os.Open(f.Log)
		if err != nil {
			return fsrs.ReviewLog{}, nil, fmt.Errorf("cannot open the review log: %w", err)
		}
		defer file.Close()
		src = file
	}
	log, err := fsrs.ReadReviewLog(src)
	if err != nil {
		return log, nil, fmt.Errorf("%s: %w", f.name(), err)
	}
	if f.Log == "" && len(log.Reviews) == 0 {
		return log, nil, fmt.Errorf("%s has no reviews yet: review some cards first, or pass --log FILE.csv", f.name())
	}
	name := f.name()
	for i, w := range log.Warnings {
		if i == maxLogWarnings {
			fmt.Fprintf(e.stderr, "warning: %s: %d more rows left out\n", name, len(log.Warnings)-i)
			break
		}
		fmt.Fprintf(e.stderr, "warning: %s:%d: %s; row left out\n", name, w.Line, w.Reason)
	}
	return log, fsrs.NewDataset(log.Reviews, localDays), nil
}

// parseParams reads parameters written as numbers separated by commas:
// 21 (FSRS-6), or 19 or 17 of an older FSRS, migrated.
func parseParams(s string) (*fsrs.Weights, error) {
	if s == "" {
		return nil, nil
	}
	var ws []float64
	for f := range strings.SplitSeq(strings.Trim(strings.TrimSpace(s), "[]"), ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil {
			return nil, usageError{fmt.Sprintf("--params: %q is not a number", strings.TrimSpace(f))}
		}
		ws = append(ws, x)
	}
	w, err := fsrs.MigrateWeights(ws)
	if err != nil {
		return nil, usageError{fmt.Sprintf("--params: %v", err)}
	}
	w = w.Clip(1, true)
	return &w, nil
}

// Run evaluates the models and prints their metrics.
func (c *evaluateCmd) Run(e *env) error {
	fitted, err := parseParams(c.Params)
	if err != nil {
		return err
	}
	if fitted == nil {
		if fitted, err = c.savedParams(e); err != nil {
			return err
		}
	}
	log, d, err := c.load(e)
	if err != nil {
		return err
	}
	var results []fsrs.ModelResult
	scope := "scored on every review on a later day than the card's previous one"
	if c.OutOfSample {
		bar := newProgress(e, "fitting")
		oos, err := d.EvaluateOutOfSample(fsrs.OptimizeOptions{Progress: bar.update})
		bar.finish()
		if err != nil {
			return err
		}
		results = oos.Results
		scope = fmt.Sprintf("scored out of sample: the last %d sixths, each scored with parameters fitted on the reviews before it", fsrs.TimeSeriesSplits)
	} else {
		results = d.Evaluate(fitted)
	}
	if c.JSON {
		out := map[string]fsrs.Metrics{}
		for _, r := range results {
			out[r.Model] = r.Metrics
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(e.stdout, "%s: %d reviews of %d cards; %d evaluated, %.1f %% recalled\n",
		c.name(), len(log.Reviews), d.Cards(), d.Items(), 100*d.MeanLabel())
	fmt.Fprintf(e.stdout, "%s (UTC days)\n\n", scope)
	printMetrics(e.stdout, results)
	return nil
}

// printMetrics writes one line per model.
func printMetrics(w io.Writer, results []fsrs.ModelResult) {
	fmt.Fprintf(w, "%-16s %9s %11s %7s %8s\n", "model", "log loss", "RMSE(bins)", "AUC", "reviews")
	for _, r := range results {
		fmt.Fprintf(w, "%-16s %9.4f %11.4f %7.4f %8d\n", r.Model, r.LogLoss, r.RMSEBins, r.AUC, r.Reviews)
	}
}

// localDays is the review day of an instant on the local clock, for the
// elapsed days of a review log.
func localDays(t time.Time) int {
	return review.Clock{Location: time.Local}.Day(t)
}

// savedParams returns the parameters saved by recall optimize --save, or
// nil; it never creates a database.
func (f logFlags) savedParams(e *env) (*fsrs.Weights, error) {
	path := (&studyFlags{DB: f.DB}).dbPath(e)
	if _, err := os.Stat(path); err != nil {
		return nil, nil
	}
	db, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	ws, err := db.FSRSParameters()
	if err != nil || ws == nil {
		return nil, err
	}
	w, err := fsrs.MigrateWeights(ws)
	if err != nil {
		return nil, fmt.Errorf("the saved FSRS parameters: %w", err)
	}
	return &w, nil
}
