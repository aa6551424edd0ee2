package review

import (
	"fmt"
	"math"
	"time"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review/fsrs"
	"github.com/recall-srs/recall/review/sm2osr"
)

// Algorithm names a scheduling algorithm.
type Algorithm string

// The algorithms.
const (
	SM2  Algorithm = "sm2"  // SM-2-OSR, the plugin's algorithm
	FSRS Algorithm = "fsrs" // FSRS-6
)

// ParseAlgorithm reads "sm2" or "fsrs".
func ParseAlgorithm(s string) (Algorithm, error) {
	switch Algorithm(s) {
	case SM2, FSRS:
		return Algorithm(s), nil
	}
	return "", fmt.Errorf("unknown algorithm %q (use sm2 or fsrs)", s)
}

// Config is what scheduling needs.
type Config struct {
	Algorithm Algorithm
	SM2       sm2osr.Settings
	FSRS      fsrs.Options
	Clock     Clock
}

// ConfigFor builds the scheduling configuration from the vault's plugin
// settings: its algorithm, base ease, easy bonus, lapse interval change,
// load balancing, maximum interval and desired retention.
func ConfigFor(s deck.Settings, clock Clock) Config {
	c := Config{Algorithm: SM2, SM2: sm2osr.DefaultSettings(), FSRS: fsrs.DefaultOptions(), Clock: clock}
	if s.Algorithm == deck.AlgorithmFSRS {
		c.Algorithm = FSRS
	}
	c.SM2.BaseEase = s.BaseEase
	c.SM2.EasyBonus = s.EasyBonus
	c.SM2.LapsesIntervalChange = s.LapsesIntervalChange
	c.SM2.MaximumInterval = float64(s.MaximumInterval)
	c.SM2.LoadBalance = s.LoadBalance
	c.FSRS.DesiredRetention = s.FsrsDesiredRetention
	c.FSRS.MaximumInterval = s.MaximumInterval
	c.FSRS.DayIndex = clock.Day
	return c
}

// Scheduler grades cards. It keeps the due-date histogram that SM-2-OSR's
// load balancing needs, so it is meant for one review run; it is not safe
// for concurrent use.
type Scheduler struct {
	cfg   Config
	fsrs  *fsrs.Scheduler
	hist  *sm2osr.Histogram
	today int
}

// NewScheduler prepares a review run at now over a vault whose cards have
// the given states (every card, so that load balancing sees the whole
// vault, as the plugin does).
func NewScheduler(cfg Config, now time.Time, states []State) (*Scheduler, error) {
	fs, err := fsrs.NewScheduler(cfg.FSRS)
	if err != nil {
		return nil, fmt.Errorf("FSRS settings: %w", err)
	}
	today := cfg.Clock.Day(now)
	var offsets []int
	for _, st := range states {
		switch {
		case st.SM2 != nil:
			offsets = append(offsets, dateDay(st.SM2.Due)-today)
		case st.FSRS != nil:
			offsets = append(offsets, cfg.Clock.Day(st.FSRS.Due)-today)
		}
	}
	return &Scheduler{cfg: cfg, fsrs: fs, hist: sm2osr.NewHistogram(offsets...), today: today}, nil
}

// Algorithm returns the algorithm new schedules are computed with.
func (s *Scheduler) Algorithm() Algorithm { return s.cfg.Algorithm }

// Grade answers the card with the given ID, whose state is st, at now, and
// returns its new state. A card scheduled with the other algorithm is
// converted the way the plugin converts it. Reset of a new SM-2 card leaves
// it new.
func (s *Scheduler) Grade(st State, r Rating, now time.Time, id string) (State, error) {
	return s.grade(st, r, now, id, s.hist)
}

// Preview returns the state each answer would give, without recording
// anything.
func (s *Scheduler) Preview(st State, now time.Time, id string) (map[Rating]State, error) {
	out := map[Rating]State{}
	for _, r := range []Rating{Again, Hard, Good, Easy} {
		next, err := s.grade(st, r, now, id, s.hist.Clone())
		if err != nil {
			return nil, err
		}
		out[r] = next
	}
	return out, nil
}

// grade computes the new state, updating hist.
func (s *Scheduler) grade(st State, r Rating, now time.Time, id string, hist *sm2osr.Histogram) (State, error) {
	if r < Reset || r > Easy {
		return State{}, fmt.Errorf("unknown rating %d", int(r))
	}
	today := s.cfg.Clock.Day(now)
	if s.cfg.Algorithm == FSRS {
		var card fsrs.Card
		switch {
		case st.FSRS != nil:
			card = *st.FSRS
		case st.SM2 != nil:
			card = fsrs.FromSM2(s.cfg.Clock.DayStartOf(dateDay(st.SM2.Due)), math.Trunc(st.SM2.Interval), float64(st.SM2.Ease), now)
		default:
			card = fsrs.NewCard(now)
		}
		card.Seed = fsrs.SeedFromID(id)
		if r == Reset {
			card = fsrs.Reset(card, now)
			return State{FSRS: &card}, nil
		}
		next, err := s.fsrs.Next(card, now, fsrs.Grade(r))
		if err != nil {
			return State{}, err
		}
		return State{FSRS: &next}, nil
	}

	settings := s.cfg.SM2
	var prev *sm2osr.Schedule
	switch {
	case st.SM2 != nil:
		prev = &sm2osr.Schedule{Due: dateDay(st.SM2.Due), Interval: math.Trunc(st.SM2.Interval), Ease: st.SM2.Ease}
	case st.FSRS != nil:
		// The plugin reviews an FSRS card with SM-2 from its interval and an
		// ease derived from its difficulty, with the overdue bonus
		// (spec/fsrs.md §9.4).
		prev = &sm2osr.Schedule{Due: s.cfg.Clock.Day(st.FSRS.Due), Interval: float64(st.FSRS.ScheduledDays), Ease: fsrs.DifficultyToEase(st.FSRS.Difficulty)}
		settings.OverdueBonus = true
	}
	var next sm2osr.Schedule
	if r == Reset {
		if prev == nil {
			return st, nil
		}
		next = sm2osr.Reset(*prev, today, settings, hist)
	} else {
		next = sm2osr.Review(prev, sm2osr.Response(r), today, settings.BaseEase, settings, hist)
	}
	return State{SM2: &deck.SM2Schedule{Due: dayDate(next.Due), Interval: next.Interval, Ease: next.Ease}}, nil
}
