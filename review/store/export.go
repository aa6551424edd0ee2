package store

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/fsrs"
)

// ExportCSV writes the review log in the column layout the FSRS optimizers
// accept (spec/fsrs.md §12): card_id (a stable integer per card),
// review_time (Unix milliseconds), review_rating (1–4), review_state (the
// FSRS state before the review, 0–3) and review_duration (milliseconds).
// Resets are not reviews and are left out.
func (s *Store) ExportCSV(w io.Writer) error {
	out := csv.NewWriter(w)
	out.Write([]string{"card_id", "review_time", "review_rating", "review_state", "review_duration"})
	err := s.Reviews(func(r Review) error {
		if r.Rating < review.Again || r.Rating > review.Easy {
			return nil
		}
		return out.Write([]string{
			strconv.FormatInt(CardNumber(r.Vault, r.CardID), 10),
			strconv.FormatInt(r.Time.UnixMilli(), 10),
			strconv.Itoa(int(r.Rating)),
			strconv.Itoa(int(stateBefore(r.Before))),
			strconv.FormatInt(r.Duration.Milliseconds(), 10),
		})
	})
	if err != nil {
		return err
	}
	out.Flush()
	if err := out.Error(); err != nil {
		return fmt.Errorf("cannot write the review log: %w", err)
	}
	return nil
}

// CardNumber maps a card to a stable positive integer, as the optimizers
// want integer card ids.
func CardNumber(vaultKey, cardID string) int64 {
	sum := sha256.Sum256([]byte(vaultKey + "\x00" + cardID))
	return int64(binary.BigEndian.Uint64(sum[:8]) >> 11) // 53 bits: exact in JavaScript too
}

// stateBefore is the FSRS state of a card before a review: New for a new
// card, Review for an SM-2 card.
func stateBefore(s review.State) fsrs.State {
	switch {
	case s.FSRS != nil:
		return s.FSRS.State
	case s.SM2 != nil:
		return fsrs.Review
	}
	return fsrs.New
}
