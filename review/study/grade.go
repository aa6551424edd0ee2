package study

import (
	"errors"
	"fmt"
	"time"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/store"
)

// Result is what a grade did.
type Result struct {
	Card   store.CardRecord // the card's new record
	Before review.State
	// Segment is the card's new schedule segment ("" when nothing changed,
	// as for Reset on a new SM-2 card).
	Segment string
	// Written is true when the note was updated; false for database-only
	// vaults and for a pending write-back (see Problem).
	Written bool
	// Problem says why a write-back is pending, in plain words.
	Problem string
}

// Grade answers a card at the study's current time. The new schedule goes
// into the note (unless the study keeps schedules in the database only)
// and, in one database transaction, into the card's record and the review
// log. If the note cannot be written (it changed and the card cannot be
// found), the grade is kept in the database as pending and Result.Problem
// says why.
func (s *Study) Grade(id string, r review.Rating, took time.Duration) (Result, error) {
	c, ok := s.cards[id]
	if !ok {
		return Result{}, fmt.Errorf("%w %q in this vault (see recall cards --json for the IDs)", ErrUnknownCard, id)
	}
	now := s.opts.Now()
	next, err := s.scheduler.Grade(c.State, r, now, id)
	if err != nil {
		return Result{}, err
	}
	segment, err := next.Segment()
	if err != nil {
		return Result{}, fmt.Errorf("cannot write the new schedule of %s: %w", id, err)
	}
	res := Result{Before: c.State}
	if segment == "" {
		res.Card = c
		return res, nil
	}
	res.Segment = segment
	entry := store.Review{CardID: id, Path: c.Path, Time: now.UTC(), Rating: r, Duration: took, Before: c.State, After: next}
	c.State, c.Pending = next, nil
	if s.writer != nil {
		note, q, err := s.locate(c)
		if err == nil {
			if q.Comment != nil && c.Sibling < len(q.Comment.Segments) {
				entry.OldSegment = q.Comment.Segments[c.Sibling].Raw
			}
			var edit deck.Edit
			if edit, err = s.writer.SetSegment(note, q, c.Sibling, segment); err == nil {
				entry.Edit, res.Written = &edit, true
			}
		}
		if err != nil {
			if !errors.Is(err, deck.ErrCardMoved) {
				return Result{}, err
			}
			c.Pending = &store.Pending{Segment: segment, Since: now.UTC(), Reason: err.Error()}
			res.Problem = err.Error() + "; the review is kept in recall's database and written when the card is found again"
		}
	}
	if _, err := s.store.Record(s.opts.Key, c, entry, s.dueOf); err != nil {
		if entry.Edit != nil {
			s.writer.Revert(*entry.Edit)
		}
		return Result{}, fmt.Errorf("cannot record the review: %w", err)
	}
	s.cards[id] = c
	res.Card = c
	return res, nil
}

// Preview returns the state each answer would give the card now.
func (s *Study) Preview(id string) (map[review.Rating]review.State, error) {
	c, ok := s.cards[id]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownCard, id)
	}
	return s.scheduler.Preview(c.State, s.opts.Now(), id)
}

// Undo takes back the vault's last grade: the note gets its previous bytes
// back and the database its previous record; the review leaves the log. If
// the note was edited since in a way that hides the grade's change, nothing
// is undone.
func (s *Study) Undo() (store.Review, error) {
	last, err := s.store.LastReview(s.opts.Key)
	if err != nil {
		return store.Review{}, err
	}
	c, ok := s.cards[last.CardID]
	if !ok {
		return store.Review{}, fmt.Errorf("the card of the last review (%s) is no longer in the vault; nothing was undone", last.CardID)
	}
	if last.Edit != nil {
		if s.writer == nil {
			return store.Review{}, errors.New("the last review changed a note, but notes are not written now (--no-write); nothing was undone")
		}
		if err := s.writer.Revert(*last.Edit); err != nil {
			return store.Review{}, fmt.Errorf("cannot undo: %w", err)
		}
	}
	c.State, c.Pending = last.Before, nil
	if err := s.store.Undo(s.opts.Key, last.Seq, c, s.dueOf); err != nil {
		return store.Review{}, err
	}
	s.cards[c.ID] = c
	return last, nil
}
