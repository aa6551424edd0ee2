package study

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"time"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/store"
)

// Options say which vault to study and how.
type Options struct {
	// Key names the vault in the database (its absolute path, or a fixed
	// name for the built-in deck).
	Key string
	// FS is the vault's files.
	FS fs.FS
	// Root is the vault folder for writing schedules into notes; nil means
	// schedules are kept in the database only (the built-in deck, or
	// --no-write).
	Root *os.Root
	// Settings are the plugin settings (with command-line overrides).
	Settings deck.Settings
	// Algorithm overrides the plugin's algorithm setting when not empty.
	Algorithm review.Algorithm
	// FSRSParameters are the learner's fitted FSRS parameters; nil means the
	// defaults.
	FSRSParameters []float64
	// Clock says where review days start.
	Clock review.Clock
	// Now is the current time of the review clock (RECALL_NOW in tests
	// and demos).
	Now func() time.Time
	// Wall is the real time, for the age of files; nil means Now.
	Wall func() time.Time
	// Progress, when set, is called while changed notes are read.
	Progress func(done, total int)
}

// staleTempAge is how old a temporary file of the writer must be before it
// is taken for litter of a killed write and removed.
const staleTempAge = 10 * time.Minute

// Study is an opened vault with its index and scheduler.
type Study struct {
	opts      Options
	store     *store.Store
	parser    *deck.Parser
	writer    *deck.Writer
	config    review.Config
	scheduler *review.Scheduler
	cards     map[string]store.CardRecord
	order     []string // card IDs in note and line order
	warnings  []deck.Warning
	// Removed lists temporary files of killed writes removed when opening.
	Removed []string
}

// Open brings the database's index of the vault up to date (reading only
// the notes whose size or modification time changed), retries pending
// write-backs, and prepares the scheduler for a review run.
func Open(st *store.Store, opts Options) (*Study, error) {
	s := &Study{opts: opts, store: st, parser: deck.NewParser(opts.Settings)}
	if opts.Root != nil {
		s.writer = deck.NewWriter(opts.Root, s.parser)
	}
	s.config = review.ConfigFor(opts.Settings, opts.Clock)
	if opts.Algorithm != "" {
		s.config.Algorithm = opts.Algorithm
	}
	s.config.FSRS.Parameters = opts.FSRSParameters
	notes, err := s.sync()
	if err != nil {
		return nil, err
	}
	pending, err := s.load(notes)
	if err != nil {
		return nil, err
	}
	if pending > 0 {
		if err := s.retryPending(); err != nil {
			return nil, err
		}
	}
	states := make([]review.State, 0, len(s.cards))
	for _, c := range s.cards {
		states = append(states, c.State)
	}
	sched, err := review.NewScheduler(s.config, opts.Now(), states)
	if err != nil {
		return nil, err
	}
	s.scheduler = sched
	return s, nil
}

// Writes reports whether schedules are written into the notes.
func (s *Study) Writes() bool { return s.writer != nil }

// Algorithm returns the algorithm grades are computed with.
func (s *Study) Algorithm() review.Algorithm { return s.config.Algorithm }

// Clock returns the study's clock.
func (s *Study) Clock() review.Clock { return s.config.Clock }

// Warnings returns the problems found in the vault's notes and settings.
func (s *Study) Warnings() []deck.Warning { return s.warnings }

// Cards returns every card's record in note and line order.
func (s *Study) Cards() []store.CardRecord {
	out := make([]store.CardRecord, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, s.cards[id])
	}
	return out
}

// Card returns one card's record.
func (s *Study) Card(id string) (store.CardRecord, bool) {
	c, ok := s.cards[id]
	return c, ok
}

// dueOf is the instant a card falls due, for the database's due index.
func (s *Study) dueOf(c store.CardRecord) time.Time {
	return s.config.Clock.Due(c.State)
}

// sync reads the notes that changed since the index was written and
// updates the index in one transaction. It returns the index's notes.
func (s *Study) sync() (map[string]store.NoteInfo, error) {
	listing, err := s.parser.List(s.opts.FS)
	if err != nil {
		return nil, err
	}
	s.warnings = listing.Warnings
	if s.opts.Root != nil {
		wall := s.opts.Wall
		if wall == nil {
			wall = s.opts.Now
		}
		s.Removed = deck.RemoveStaleTemps(s.opts.Root, listing.TempFiles, staleTempAge, wall())
	}
	known, err := s.store.Notes(s.opts.Key)
	if err != nil {
		return nil, err
	}
	var changed []string
	files := map[string]deck.NoteFile{}
	for _, f := range listing.Files {
		files[f.Path] = f
		info, ok := known[f.Path]
		if !ok || info.Size != f.Size || info.ModTime != f.ModTime.UnixNano() {
			changed = append(changed, f.Path)
		} else {
			s.warnings = append(s.warnings, info.Warnings...)
		}
	}
	var removed []string
	for p := range known {
		if _, ok := files[p]; !ok {
			removed = append(removed, p)
		}
	}
	if len(changed) == 0 && len(removed) == 0 {
		return known, nil
	}
	existing := map[string]store.CardRecord{}
	if err := s.store.Cards(s.opts.Key, func(c store.CardRecord) error {
		existing[c.ID] = c
		return nil
	}); err != nil {
		return nil, err
	}
	notes := s.parser.ReadNotes(s.opts.FS, changed, deck.ScanOptions{Progress: s.opts.Progress})
	updates := make([]store.NoteUpdate, 0, len(notes))
	for _, n := range notes {
		s.warnings = append(s.warnings, n.Warnings...)
		f := files[n.Path]
		u := store.NoteUpdate{Path: n.Path, Info: store.NoteInfo{Size: f.Size, ModTime: f.ModTime.UnixNano(), SHA256: n.SHA256, Warnings: n.Warnings}}
		for _, q := range n.Questions {
			for _, c := range q.Cards {
				rec := store.CardRecord{ID: c.ID, Path: n.Path, Line: q.FirstLine, Type: q.Type.String(), Sibling: c.Sibling,
					Decks: q.Decks, State: review.StateOf(c.Schedule)}
				if old, ok := existing[c.ID]; ok && (s.writer == nil || old.Pending != nil) {
					// The database is the truth for cards recall does not
					// write, and for grades still waiting to be written.
					rec.State, rec.Pending = old.State, old.Pending
				}
				u.Cards = append(u.Cards, rec)
			}
		}
		updates = append(updates, u)
	}
	if err := s.store.UpdateNotes(s.opts.Key, updates, removed, s.dueOf); err != nil {
		return nil, err
	}
	return s.store.Notes(s.opts.Key)
}

// load reads every card record of the vault from the database; notes are
// the index's notes. It returns the number of cards with a pending grade.
func (s *Study) load(notes map[string]store.NoteInfo) (pending int, err error) {
	paths := make([]string, 0, len(notes))
	count := 0
	for p, n := range notes {
		paths = append(paths, p)
		count += len(n.Cards)
	}
	slices.Sort(paths)
	s.order = make([]string, 0, count)
	for _, p := range paths {
		s.order = append(s.order, notes[p].Cards...)
	}
	s.cards = make(map[string]store.CardRecord, count)
	err = s.store.Cards(s.opts.Key, func(c store.CardRecord) error {
		s.cards[c.ID] = c
		if c.Pending != nil {
			pending++
		}
		return nil
	})
	return pending, err
}

// retryPending writes grades that could not be written before.
func (s *Study) retryPending() error {
	if s.writer == nil {
		return nil
	}
	for _, id := range s.order {
		c := s.cards[id]
		if c.Pending == nil {
			continue
		}
		note, q, err := s.locate(c)
		if err == nil {
			_, err = s.writer.SetSegment(note, q, c.Sibling, c.Pending.Segment)
		}
		if err != nil {
			s.warnings = append(s.warnings, deck.Warning{Path: c.Path, Line: c.Line, Msg: "a review could not be written back yet and is kept in recall's database: " + err.Error()})
			continue
		}
		c.Pending = nil
		if err := s.store.UpdateCard(s.opts.Key, c, s.dueOf); err != nil {
			return err
		}
		s.cards[id] = c
	}
	return nil
}

// locate reads a card's note and finds its question.
func (s *Study) locate(c store.CardRecord) (*deck.Note, *deck.Question, error) {
	src, err := fs.ReadFile(s.opts.FS, c.Path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s: %w", c.Path, err)
	}
	n := s.parser.ParseNote(c.Path, src)
	for _, q := range n.Questions {
		for _, qc := range q.Cards {
			if qc.ID == c.ID {
				return n, q, nil
			}
		}
	}
	return nil, nil, fmt.Errorf("%s:%d: %w", c.Path, c.Line, deck.ErrCardMoved)
}

// Question returns the card's question as it is in its note now, for
// display.
func (s *Study) Question(id string) (*deck.Note, *deck.Question, error) {
	c, ok := s.cards[id]
	if !ok {
		return nil, nil, fmt.Errorf("%w %q in this vault (see recall cards --json for the IDs)", ErrUnknownCard, id)
	}
	return s.locate(c)
}

// ErrUnknownCard is returned (wrapped) for a card ID the vault does not
// have.
var ErrUnknownCard = errors.New("there is no card")

// Reviews calls fn for every review of this vault in the log, oldest
// first.
func (s *Study) Reviews(fn func(store.Review) error) error {
	return s.store.Reviews(func(r store.Review) error {
		if r.Vault != s.opts.Key {
			return nil
		}
		return fn(r)
	})
}
