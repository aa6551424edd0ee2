package store

import (
	"time"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review"
)

// recordVersion is the version of the records (index and review log) this
// build writes.
const recordVersion = 1

// NoteInfo is what the index keeps of a note to tell whether it changed.
type NoteInfo struct {
	V       int      `json:"v"`
	Size    int64    `json:"size"`
	ModTime int64    `json:"mtime_ns"`
	SHA256  [32]byte `json:"sha256"`
	// Cards are the IDs of the note's cards.
	Cards []string `json:"cards"`
	// Warnings are the problems found when the note was read.
	Warnings []deck.Warning `json:"warnings,omitempty"`
}

// CardRecord is the index entry of one card.
type CardRecord struct {
	V       int      `json:"v"`
	ID      string   `json:"id"`
	Path    string   `json:"path"`
	Line    int      `json:"line"`
	Type    string   `json:"type"`
	Sibling int      `json:"sibling"`
	Decks   []string `json:"decks"`
	// State is the card's schedule as recall knows it: read from the note,
	// or kept here for notes recall does not write.
	State review.State `json:"state"`
	// Pending holds a schedule graded but not yet written to the note.
	Pending *Pending `json:"pending,omitempty"`
}

// Pending is a grade whose write-back to the note failed (for example the
// note changed on disk); it is retried on the next scan.
type Pending struct {
	Segment string    `json:"segment"`
	Since   time.Time `json:"since"`
	Reason  string    `json:"reason"`
}

// Review is one entry of the append-only review log.
type Review struct {
	V int `json:"v"`
	// Seq orders the log; it is set by the store.
	Seq      uint64        `json:"seq"`
	Vault    string        `json:"vault"`
	CardID   string        `json:"card_id"`
	Path     string        `json:"path"`
	Time     time.Time     `json:"time"`
	Rating   review.Rating `json:"rating"`
	Duration time.Duration `json:"duration"`
	Before   review.State  `json:"before"`
	After    review.State  `json:"after"`
	// Edit is the change made to the note, for undo; nil when the note was
	// not written.
	Edit *deck.Edit `json:"edit,omitempty"`
	// Segment is the text of the sibling's schedule segment before the
	// review (kept for unreadable segments that a grade replaced).
	OldSegment string `json:"old_segment,omitempty"`
}
