package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// keyFSRSParameters holds the learner's fitted FSRS parameters in the meta
// bucket.
var keyFSRSParameters = []byte("fsrs_parameters")

// SetFSRSParameters saves fitted FSRS parameters; scheduling uses them from
// then on.
func (s *Store) SetFSRSParameters(w []float64) error {
	data, err := json.Marshal(w)
	if err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyFSRSParameters, data)
	})
}

// FSRSParameters returns the saved FSRS parameters, or nil when none were
// saved.
func (s *Store) FSRSParameters() ([]float64, error) {
	var w []float64
	err := s.db.View(func(tx *bolt.Tx) error {
		data := tx.Bucket(bucketMeta).Get(keyFSRSParameters)
		if data == nil {
			return nil
		}
		if err := json.Unmarshal(data, &w); err != nil {
			return fmt.Errorf("damaged FSRS parameters in the database: %w", err)
		}
		return nil
	})
	return w, err
}
