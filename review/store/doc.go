// Package store keeps recall's database: one bbolt file holding, per vault,
// the index of notes and cards (for fast start-up and incremental scans),
// the schedules of cards whose notes recall does not write, and the
// append-only review log shared by all vaults.
//
// The notes stay the truth for schedules written in them: deleting the
// database loses only the review history, and a scan rebuilds the rest.
package store
