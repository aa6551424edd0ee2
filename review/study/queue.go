package study

import (
	"strings"

	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/store"
)

// DefaultNewPerDay is the daily limit of new cards when none is set.
const DefaultNewPerDay = 20

// Queue builds the review run of a deck ("" for all decks) at the study's
// current time: due cards and new cards up to newPerDay (less those already
// studied today), in the plugin's card order, without the cards buried
// today.
func (s *Study) Queue(deckName string, newPerDay int, seed uint64) (*review.Queue, error) {
	now := s.opts.Now()
	today := s.config.Clock.Day(now)
	buried, err := s.store.Buried(s.opts.Key, today)
	if err != nil {
		return nil, err
	}
	newToday := 0
	err = s.store.ReviewsSince(s.config.Clock.DayStartOf(today), func(r store.Review) error {
		if r.Vault == s.opts.Key && r.Before.IsNew() && r.Rating != review.Reset && s.config.Clock.Day(r.Time) == today {
			newToday++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	cards := make([]review.QueueCard, 0, len(s.order))
	for _, id := range s.order {
		c := s.cards[id]
		cards = append(cards, review.QueueCard{ID: c.ID, Question: questionKey(c), Decks: c.Decks, State: c.State})
	}
	return review.NewQueue(cards, s.config.Clock, now, review.QueueOptions{
		Deck: deckName, NewPerDay: newPerDay, NewDoneToday: newToday,
		Order: s.opts.Settings.FlashcardCardOrder, DeckOrder: s.opts.Settings.FlashcardDeckOrder, Seed: seed, Buried: buried,
	}), nil
}

// Bury hides cards for the rest of the review day.
func (s *Study) Bury(ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	return s.store.Bury(s.opts.Key, s.config.Clock.Day(s.opts.Now()), ids)
}

// questionKey groups siblings: a card ID is its question's identity, a dash
// and its sibling index. The identity is a hash of the note's path and the
// question (see deck's assignIDs), so it tells questions of different
// notes apart too; taking it from the ID allocates nothing.
func questionKey(c store.CardRecord) string {
	if i := strings.LastIndexByte(c.ID, '-'); i > 0 {
		return c.ID[:i]
	}
	return c.ID
}
