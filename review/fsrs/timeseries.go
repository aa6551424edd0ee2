package fsrs

import "fmt"

// TimeSeriesSplits is the number of test parts of the out-of-sample
// evaluation, as in the benchmark (spec/fsrs.md §10).
const TimeSeriesSplits = 5

// OutOfSample is the result of EvaluateOutOfSample.
type OutOfSample struct {
	// Results are the models' metrics on the test items.
	Results []ModelResult
	// Parameters are the parameters fitted for each test part, in order.
	Parameters []Weights
}

// EvaluateOutOfSample evaluates fitted parameters on reviews they were not
// fitted to, with time-series splits as the reference optimizer does
// (sklearn TimeSeriesSplit with 5 splits): the items, in time order, are
// cut into 6 parts of equal size (the first takes the remainder); for each
// of the last 5, the parameters are fitted to all items before it and
// predict it. The results cover the items of those 5 parts: FSRS-6 fitted
// this way, FSRS-6 with the default parameters, SM-2, and AVG (the mean
// label of the items before each part). Progress counts the steps of all
// five fits. It fails with ErrNotEnoughData if the first part has fewer
// than MinFitReviews items.
func (d *Dataset) EvaluateOutOfSample(o OptimizeOptions) (OutOfSample, error) {
	n := len(d.items)
	size := n / (TimeSeriesSplits + 1)
	first := n - TimeSeriesSplits*size
	if size == 0 || first < MinFitReviews {
		return OutOfSample{}, fmt.Errorf("%w: %d reviews on a later day than the card's previous review; a time-series evaluation needs at least %d",
			ErrNotEnoughData, n, MinFitReviews*(TimeSeriesSplits+1))
	}
	fitted := make([]float64, n)
	average := make([]float64, n)
	var res OutOfSample
	for k := range TimeSeriesSplits {
		from := first + k*size
		fo := o
		if o.Progress != nil {
			fo.Progress = func(step, steps int) { o.Progress(k*steps+step, TimeSeriesSplits*steps) }
		}
		w, err := d.fit(from, fo)
		if err != nil {
			return OutOfSample{}, fmt.Errorf("fitting part %d of %d: %w", k+1, TimeSeriesSplits, err)
		}
		res.Parameters = append(res.Parameters, w)
		p := d.PredictFSRS(w)
		copy(fitted[from:from+size], p[from:from+size])
		mean := d.meanLabel(0, from)
		for i := from; i < from+size; i++ {
			average[i] = mean
		}
	}
	test := d.span(first, n)
	res.Results = []ModelResult{
		{ModelFSRSFitted, test.score(fitted)},
		{ModelFSRSDefault, test.score(d.PredictFSRS(DefaultWeights()))},
		{ModelSM2, test.score(d.PredictSM2())},
		{ModelAverage, test.score(average)},
	}
	return res, nil
}
