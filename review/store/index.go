package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// vault returns the bucket of one vault, creating it in a writable
// transaction; nil when it does not exist in a read-only one.
func vault(tx *bolt.Tx, key string) (*bolt.Bucket, error) {
	vaults := tx.Bucket(bucketVaults)
	if !tx.Writable() {
		return vaults.Bucket([]byte(key)), nil
	}
	b, err := vaults.CreateBucketIfNotExists([]byte(key))
	if err != nil {
		return nil, fmt.Errorf("cannot create the index of vault %s: %w", key, err)
	}
	for _, name := range [][]byte{bucketNotes, bucketCards, bucketDue} {
		if _, err := b.CreateBucketIfNotExists(name); err != nil {
			return nil, fmt.Errorf("cannot create the index of vault %s: %w", key, err)
		}
	}
	return b, nil
}

// dueKey is the due-index key of a card: its due instant as big-endian Unix
// milliseconds, then its ID, so that byte order is time order.
func dueKey(due time.Time, id string) []byte {
	return append(binary.BigEndian.AppendUint64(nil, uint64(due.UnixMilli())), id...)
}

// Notes returns the index's notes of a vault by path.
func (s *Store) Notes(vaultKey string) (map[string]NoteInfo, error) {
	out := map[string]NoteInfo{}
	err := s.db.View(func(tx *bolt.Tx) error {
		v, _ := vault(tx, vaultKey)
		if v == nil {
			return nil
		}
		var d decoder
		return v.Bucket(bucketNotes).ForEach(func(k, val []byte) error {
			n, err := d.decodeNote(val)
			if err != nil {
				return fmt.Errorf("damaged note record %s: %w", k, err)
			}
			out[string(k)] = n
			return nil
		})
	})
	return out, err
}

// NoteUpdate is a note whose index entry changes: its new information and
// its cards.
type NoteUpdate struct {
	Path  string
	Info  NoteInfo
	Cards []CardRecord
}

// UpdateNotes replaces the index entries of changed notes and removes those
// of deleted notes, with their cards, in one transaction. dueOf gives the
// instant a card falls due (zero for a new card).
func (s *Store) UpdateNotes(vaultKey string, changed []NoteUpdate, removed []string, dueOf func(CardRecord) time.Time) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		v, err := vault(tx, vaultKey)
		if err != nil {
			return err
		}
		notes, cards, due := v.Bucket(bucketNotes), v.Bucket(bucketCards), v.Bucket(bucketDue)
		var d decoder
		drop := func(path string) error {
			old := notes.Get([]byte(path))
			if old == nil {
				return nil
			}
			n, err := d.decodeNote(old)
			if err != nil {
				return fmt.Errorf("damaged note record %s: %w", path, err)
			}
			for _, id := range n.Cards {
				if err := deleteCard(cards, due, id, dueOf); err != nil {
					return err
				}
			}
			return notes.Delete([]byte(path))
		}
		for _, p := range removed {
			if err := drop(p); err != nil {
				return err
			}
		}
		// Keys are put in order: bbolt splits a page only when the
		// transaction commits, so keys put in random order into a large
		// new bucket cost time quadratic in their number.
		var all []CardRecord
		var dueKeys [][]byte
		for _, u := range changed {
			if err := drop(u.Path); err != nil {
				return err
			}
			all = append(all, u.Cards...)
		}
		slices.SortFunc(all, func(a, b CardRecord) int { return strings.Compare(a.ID, b.ID) })
		for _, c := range all {
			// Normally a no-op: the card was dropped with its note.
			if err := deleteCard(cards, due, c.ID, dueOf); err != nil {
				return err
			}
			key, err := putCardRecord(cards, c, dueOf)
			if err != nil {
				return err
			}
			if key != nil {
				dueKeys = append(dueKeys, key)
			}
		}
		slices.SortFunc(dueKeys, bytes.Compare)
		for _, k := range dueKeys {
			if err := due.Put(k, nil); err != nil {
				return err
			}
		}
		updates := slices.Clone(changed)
		slices.SortFunc(updates, func(a, b NoteUpdate) int { return strings.Compare(a.Path, b.Path) })
		for _, u := range updates {
			u.Info.V = recordVersion
			u.Info.Cards = make([]string, 0, len(u.Cards))
			for _, c := range u.Cards {
				u.Info.Cards = append(u.Info.Cards, c.ID)
			}
			if err := notes.Put([]byte(u.Path), encodeNote(u.Info)); err != nil {
				return err
			}
		}
		return nil
	})
}

// putCard stores a card record and its due-index entry, replacing those
// of the card's previous record.
func putCard(cards, due *bolt.Bucket, c CardRecord, dueOf func(CardRecord) time.Time) error {
	if err := deleteCard(cards, due, c.ID, dueOf); err != nil {
		return err
	}
	key, err := putCardRecord(cards, c, dueOf)
	if err != nil || key == nil {
		return err
	}
	return due.Put(key, nil)
}

// putCardRecord stores a card record and returns its due-index key, nil
// for a card that is not due ever (a new card).
func putCardRecord(cards *bolt.Bucket, c CardRecord, dueOf func(CardRecord) time.Time) ([]byte, error) {
	c.V = recordVersion
	if err := cards.Put([]byte(c.ID), encodeCard(c)); err != nil {
		return nil, err
	}
	if at := dueOf(c); !at.IsZero() {
		return dueKey(at, c.ID), nil
	}
	return nil, nil
}

// deleteCard removes a card record and its due-index entry, if present.
func deleteCard(cards, due *bolt.Bucket, id string, dueOf func(CardRecord) time.Time) error {
	old := cards.Get([]byte(id))
	if old == nil {
		return nil
	}
	var d decoder
	c, err := d.decodeCard(old)
	if err != nil {
		return fmt.Errorf("damaged card record %s: %w", id, err)
	}
	if at := dueOf(c); !at.IsZero() {
		if err := due.Delete(dueKey(at, id)); err != nil {
			return err
		}
	}
	return cards.Delete([]byte(id))
}

// Card returns the record of one card; ok is false if there is none.
func (s *Store) Card(vaultKey, id string) (c CardRecord, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		v, _ := vault(tx, vaultKey)
		if v == nil {
			return nil
		}
		data := v.Bucket(bucketCards).Get([]byte(id))
		if data == nil {
			return nil
		}
		ok = true
		var d decoder
		if c, err = d.decodeCard(data); err != nil {
			return fmt.Errorf("damaged card record %s: %w", id, err)
		}
		return nil
	})
	return c, ok, err
}

// Cards calls fn for every card of a vault, in ID order.
func (s *Store) Cards(vaultKey string, fn func(CardRecord) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		v, _ := vault(tx, vaultKey)
		if v == nil {
			return nil
		}
		var d decoder
		return v.Bucket(bucketCards).ForEach(func(k, val []byte) error {
			c, err := d.decodeCard(val)
			if err != nil {
				return fmt.Errorf("damaged card record %s: %w", k, err)
			}
			return fn(c)
		})
	})
}

// DueBefore returns the IDs of the scheduled cards of a vault due before
// until, earliest first, from the due index.
func (s *Store) DueBefore(vaultKey string, until time.Time) ([]string, error) {
	var ids []string
	limit := binary.BigEndian.AppendUint64(nil, uint64(until.UnixMilli()))
	err := s.db.View(func(tx *bolt.Tx) error {
		v, _ := vault(tx, vaultKey)
		if v == nil {
			return nil
		}
		c := v.Bucket(bucketDue).Cursor()
		for k, _ := c.First(); k != nil && string(k[:8]) < string(limit); k, _ = c.Next() {
			ids = append(ids, string(k[8:]))
		}
		return nil
	})
	return ids, err
}

// UpdateCard replaces one card's record (and its due-index entry).
func (s *Store) UpdateCard(vaultKey string, c CardRecord, dueOf func(CardRecord) time.Time) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		v, err := vault(tx, vaultKey)
		if err != nil {
			return err
		}
		return putCard(v.Bucket(bucketCards), v.Bucket(bucketDue), c, dueOf)
	})
}

// bucketBury holds, per vault, the cards buried until the end of a review
// day: card ID → day index (decimal).
var bucketBury = []byte("bury")

// Bury hides cards until the end of review day day.
func (s *Store) Bury(vaultKey string, day int, ids []string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		v, err := vault(tx, vaultKey)
		if err != nil {
			return err
		}
		b, err := v.CreateBucketIfNotExists(bucketBury)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := b.Put([]byte(id), []byte(strconv.Itoa(day))); err != nil {
				return err
			}
		}
		return nil
	})
}

// Buried returns the cards buried for review day day.
func (s *Store) Buried(vaultKey string, day int) (map[string]bool, error) {
	out := map[string]bool{}
	want := strconv.Itoa(day)
	err := s.db.View(func(tx *bolt.Tx) error {
		v, _ := vault(tx, vaultKey)
		if v == nil || v.Bucket(bucketBury) == nil {
			return nil
		}
		return v.Bucket(bucketBury).ForEach(func(k, val []byte) error {
			if string(val) == want {
				out[string(k)] = true
			}
			return nil
		})
	})
	return out, err
}
