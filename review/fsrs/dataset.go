package fsrs

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Dataset is a review log arranged for evaluating and fitting models
// (spec/fsrs.md §11.1): every card's reviews in time order with the days
// elapsed between them, and the evaluated reviews ("items") in time order.
// An item is a review on a later day than the card's previous review; its
// history is every earlier review of the card, same-day ones included.
type Dataset struct {
	cards []cardHistory
	items []item
}

// cardHistory is one card's reviews in time order.
type cardHistory struct {
	reviews []pastReview
}

// pastReview is one review of a card: its grade, the days since the card's
// previous review (0 for the first), and its index in Dataset.items, or -1
// if it is not evaluated.
type pastReview struct {
	grade Grade
	delta int
	item  int
}

// item is one evaluated review.
type item struct {
	card, review int // indexes in Dataset.cards and cardHistory.reviews
	time         time.Time
	delta        int     // days since the previous review, > 0
	label        float64 // 1 if recalled (Hard, Good, Easy), 0 for Again
	bin          binKey  // RMSE(bins) bin of the item
}

// NewDataset arranges reviews for evaluation. dayIndex gives the review day
// of an instant (review.DayIndex with the user's location and day start);
// nil means UTC calendar days, as the reference numbers use. Reviews with
// an invalid rating are ignored.
func NewDataset(reviews []LogReview, dayIndex func(time.Time) int) *Dataset {
	if dayIndex == nil {
		dayIndex = utcDay
	}
	byCard := map[int64][]LogReview{}
	var ids []int64
	for _, r := range reviews {
		if !r.Rating.valid() {
			continue
		}
		if _, ok := byCard[r.CardID]; !ok {
			ids = append(ids, r.CardID)
		}
		byCard[r.CardID] = append(byCard[r.CardID], r)
	}
	slices.Sort(ids)
	d := &Dataset{cards: make([]cardHistory, len(ids))}
	for ci, id := range ids {
		rs := byCard[id]
		slices.SortStableFunc(rs, func(a, b LogReview) int { return a.Time.Compare(b.Time) })
		h := cardHistory{reviews: make([]pastReview, len(rs))}
		var longTerm, lapses int // history reviews with Δt > 0, and those that are Again
		for k, r := range rs {
			pr := pastReview{grade: r.Rating, item: -1}
			if k > 0 {
				pr.delta = dayIndex(r.Time) - dayIndex(rs[k-1].Time)
			}
			if pr.delta > 0 {
				pr.item = len(d.items)
				it := item{card: ci, review: k, time: r.Time, delta: pr.delta, bin: newBinKey(pr.delta, longTerm, lapses)}
				if r.Rating != Again {
					it.label = 1
				}
				d.items = append(d.items, it)
				longTerm++
				if r.Rating == Again {
					lapses++
				}
			}
			h.reviews[k] = pr
		}
		d.cards[ci] = h
	}
	// Put the items in time order, keeping the cards' references in step.
	order := make([]int, len(d.items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(d.items[a].time.Compare(d.items[b].time), cmp.Compare(d.items[a].card, d.items[b].card))
	})
	sorted := make([]item, len(d.items))
	for to, from := range order {
		sorted[to] = d.items[from]
		d.cards[sorted[to].card].reviews[sorted[to].review].item = to
	}
	d.items = sorted
	return d
}

// Items returns the number of evaluated reviews.
func (d *Dataset) Items() int { return len(d.items) }

// Cards returns the number of cards.
func (d *Dataset) Cards() int { return len(d.cards) }

// MeanLabel returns the share of evaluated reviews that were recalled (not
// Again); 0 for a dataset without items.
func (d *Dataset) MeanLabel() float64 {
	return d.meanLabel(0, len(d.items))
}

// meanLabel is the share of recalled items among items[from:to].
func (d *Dataset) meanLabel(from, to int) float64 {
	if to <= from {
		return 0
	}
	var sum float64
	for _, it := range d.items[from:to] {
		sum += it.label
	}
	return sum / float64(to-from)
}

// binKey is the RMSE(bins) bin of an item (spec/fsrs.md §11.1 step 10):
// classes of elapsed days, of the number of long-term reviews and of lapses.
type binKey struct{ days, reviews, lapses int }

// newBinKey returns the bin of an item delta days after the previous review
// with longTerm earlier reviews on a later day than their predecessor, of
// which lapses were Again.
func newBinKey(delta, longTerm, lapses int) binKey {
	k := binKey{
		days:    int(jsRound(2.48 * math.Pow(3.62, math.Floor(math.Log(float64(delta))/math.Log(3.62))) * 100)),
		reviews: int(jsRound(1.99 * math.Pow(1.89, math.Floor(math.Log(float64(longTerm+2))/math.Log(1.89))))),
	}
	if lapses > 0 {
		k.lapses = int(jsRound(1.65 * math.Pow(1.73, math.Floor(math.Log(float64(lapses))/math.Log(1.73)))))
	}
	return k
}
