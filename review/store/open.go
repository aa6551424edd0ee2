package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrLocked is returned (wrapped) by Open when another recall holds the
// database.
var ErrLocked = errors.New("database is locked")

// SchemaVersion is the version of the database layout this build writes:
// 1, the first release, kept the index's note and card records as JSON; 2
// keeps them in a binary form (see codec.go).
const SchemaVersion = 2

// Bucket names.
var (
	bucketMeta    = []byte("meta")
	bucketReviews = []byte("reviews")
	bucketVaults  = []byte("vaults")
	bucketNotes   = []byte("notes")
	bucketCards   = []byte("cards")
	bucketDue     = []byte("due")
	keySchema     = []byte("schema_version")
)

// Store is an open database. It is safe for concurrent use; the caller must
// Close it.
type Store struct {
	db   *bolt.DB
	path string
}

// lockTimeout is how long Open waits for another recall to release the
// database.
const lockTimeout = time.Second

// Open opens (creating it and its folder if needed) the database at path.
// If another process holds it, Open fails after about a second with an error
// wrapping ErrLocked.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the folder of the database %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("recall is already running (database %s is locked): %w", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot open the database %s: %w (if it is damaged, delete it: the notes keep every schedule; only the review history is lost)", path, err)
	}
	s := &Store{db: db, path: path}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// migrations upgrade the database from version i+1 to i+2. Version 1 is the
// first release; later layouts append a function here.
var migrations = []func(tx *bolt.Tx) error{binaryIndex}

// binaryIndex re-encodes the note and card records of every vault from
// JSON into the binary form (schema 1 to 2).
func binaryIndex(tx *bolt.Tx) error {
	type record struct{ key, value []byte }
	vaults := tx.Bucket(bucketVaults)
	return vaults.ForEachBucket(func(name []byte) error {
		v := vaults.Bucket(name)
		for _, b := range []struct {
			name   []byte
			encode func(data []byte) ([]byte, error)
		}{
			{bucketNotes, func(data []byte) ([]byte, error) {
				var n NoteInfo
				err := json.Unmarshal(data, &n)
				return encodeNote(n), err
			}},
			{bucketCards, func(data []byte) ([]byte, error) {
				var c CardRecord
				err := json.Unmarshal(data, &c)
				return encodeCard(c), err
			}},
		} {
			bucket := v.Bucket(b.name)
			if bucket == nil {
				continue
			}
			// A bucket cannot change while it is iterated.
			var records []record
			err := bucket.ForEach(func(k, data []byte) error {
				value, err := b.encode(data)
				if err != nil {
					return fmt.Errorf("damaged record %s of vault %s: %w", k, name, err)
				}
				records = append(records, record{slices.Clone(k), value})
				return nil
			})
			if err != nil {
				return err
			}
			for _, r := range records {
				if err := bucket.Put(r.key, r.value); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// migrate creates the buckets and brings the schema to SchemaVersion.
func (s *Store) migrate() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketReviews, bucketVaults} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("cannot create bucket %s: %w", name, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		version := 0
		if v := meta.Get(keySchema); len(v) == 8 {
			version = int(binary.BigEndian.Uint64(v))
		} else {
			version = 1 // a new database starts at the first layout
		}
		if version > SchemaVersion {
			return fmt.Errorf("the database %s was written by a newer recall (schema %d; this one knows %d)", s.path, version, SchemaVersion)
		}
		for ; version < SchemaVersion; version++ {
			if err := migrations[version-1](tx); err != nil {
				return fmt.Errorf("cannot upgrade the database from schema %d: %w", version, err)
			}
		}
		return meta.Put(keySchema, binary.BigEndian.AppendUint64(nil, SchemaVersion))
	})
}
