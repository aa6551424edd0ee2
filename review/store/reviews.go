package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrNothingToUndo is returned by Undo when the log has no review of the
// vault.
var ErrNothingToUndo = errors.New("there is no review to undo")

// Record stores one grade in a single transaction: the card's new record
// (and its due-index entry) and the review appended to the log. It returns
// the review's sequence number.
func (s *Store) Record(vaultKey string, card CardRecord, r Review, dueOf func(CardRecord) time.Time) (uint64, error) {
	var seq uint64
	err := s.db.Update(func(tx *bolt.Tx) error {
		v, err := vault(tx, vaultKey)
		if err != nil {
			return err
		}
		if err := putCard(v.Bucket(bucketCards), v.Bucket(bucketDue), card, dueOf); err != nil {
			return err
		}
		log := tx.Bucket(bucketReviews)
		if seq, err = log.NextSequence(); err != nil {
			return err
		}
		r.V, r.Seq, r.Vault = recordVersion, seq, vaultKey
		data, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("cannot encode the review: %w", err)
		}
		return log.Put(seqKey(seq), data)
	})
	return seq, err
}

// seqKey is the log key of a sequence number, big-endian so that byte order
// is log order.
func seqKey(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }

// LastReview returns the latest review of a vault.
func (s *Store) LastReview(vaultKey string) (Review, error) {
	var out Review
	found := false
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketReviews).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var r Review
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("damaged review %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if r.Vault == vaultKey {
				out, found = r, true
				return nil
			}
		}
		return nil
	})
	if err == nil && !found {
		err = ErrNothingToUndo
	}
	return out, err
}

// Undo removes review seq from the log and puts back the card record it
// replaced, in one transaction.
func (s *Store) Undo(vaultKey string, seq uint64, restored CardRecord, dueOf func(CardRecord) time.Time) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		v, err := vault(tx, vaultKey)
		if err != nil {
			return err
		}
		if err := putCard(v.Bucket(bucketCards), v.Bucket(bucketDue), restored, dueOf); err != nil {
			return err
		}
		return tx.Bucket(bucketReviews).Delete(seqKey(seq))
	})
}

// Reviews calls fn for every review of the log, oldest first.
func (s *Store) Reviews(fn func(Review) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketReviews).ForEach(func(k, v []byte) error {
			var r Review
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("damaged review %d: %w", binary.BigEndian.Uint64(k), err)
			}
			return fn(r)
		})
	})
}

// ReviewsSince calls fn for the reviews of the log made at or after since,
// newest first. It reads the log backwards and stops at the first older
// review, so it costs only the recent reviews.
func (s *Store) ReviewsSince(since time.Time, fn func(Review) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketReviews).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var r Review
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("damaged review %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if r.Time.Before(since) {
				return nil
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	})
}
