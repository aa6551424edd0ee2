package study

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/store"
)

// fixture is a vault folder, a database and a fixed clock.
type fixture struct {
	t     *testing.T
	dir   string
	db    *store.Store
	now   time.Time
	write bool
}

func newFixture(t *testing.T, files map[string]string) *fixture {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "recall.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &fixture{t: t, dir: dir, db: db, now: time.Date(2023, 10, 4, 10, 0, 0, 0, time.UTC), write: true}
}

// open opens the study of the fixture's vault.
func (f *fixture) open() *Study {
	f.t.Helper()
	root, err := os.OpenRoot(f.dir)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { root.Close() })
	s := deck.DefaultSettings()
	s.FlashcardTags = []string{"#🧠"}
	s.SingleLineCardSeparator = "->->->"
	opts := Options{Key: f.dir, FS: root.FS(), Settings: s, Clock: review.Clock{Location: time.UTC}, Now: func() time.Time { return f.now }}
	if f.write {
		opts.Root = root
	}
	st, err := Open(f.db, opts)
	if err != nil {
		f.t.Fatal(err)
	}
	return st
}

// read returns a note's bytes.
func (f *fixture) read(name string) string {
	b, err := os.ReadFile(filepath.Join(f.dir, name))
	if err != nil {
		f.t.Fatal(err)
	}
	return string(b)
}

// idOf finds the ID of the card with the given line.
func idOf(t *testing.T, s *Study, line, sibling int) string {
	t.Helper()
	for _, c := range s.Cards() {
		if c.Line == line && c.Sibling == sibling {
			return c.ID
		}
	}
	t.Fatalf("no card at line %d", line)
	return ""
}

const note = "#🧠\n\nWhat is a bearer token?->->->A token that grants access to its holder\n\n" +
	"#🧠 token->->-> `封包`\n<!--SR:!2023-09-15,19,210-->\n"

func TestGradeWritesNoteAndDatabase(t *testing.T) {
	f := newFixture(t, map[string]string{"n.md": note})
	s := f.open()
	if len(s.Cards()) != 2 {
		t.Fatalf("%d cards", len(s.Cards()))
	}
	id := idOf(t, s, 3, 0)
	res, err := s.Grade(id, review.Good, 5*time.Second)
	if err != nil || !res.Written || res.Segment != "!2023-10-07,3,250" {
		t.Fatalf("res %+v, err %v", res, err)
	}
	want := strings.Replace(note, "its holder\n", "its holder\n<!--SR:!2023-10-07,3,250-->\n", 1)
	if got := f.read("n.md"); got != want {
		t.Fatalf("note\n%q\nwant\n%q", got, want)
	}
	// A new run reads the schedule back from the note.
	f.now = f.now.Add(time.Hour)
	again := f.open()
	if c, _ := again.Card(id); c.State.SM2 == nil || c.State.SM2.Interval != 3 {
		t.Errorf("state after reopening: %+v", c.State)
	}
	// Undo restores the note byte for byte and the database.
	last, err := again.Undo()
	if err != nil || last.CardID != id || last.Rating != review.Good {
		t.Fatalf("undo %+v, %v", last, err)
	}
	if got := f.read("n.md"); got != note {
		t.Fatalf("note after undo\n%q", got)
	}
	if c, _ := again.Card(id); !c.State.IsNew() {
		t.Errorf("state after undo %+v", c.State)
	}
	if _, err := again.Undo(); err == nil {
		t.Error("a second undo found something to undo")
	}
}

func TestDatabaseOnly(t *testing.T) {
	f := newFixture(t, map[string]string{"n.md": note})
	f.write = false
	s := f.open()
	id := idOf(t, s, 5, 0)
	res, err := s.Grade(id, review.Easy, time.Second)
	if err != nil || res.Written {
		t.Fatalf("%+v %v", res, err)
	}
	if f.read("n.md") != note {
		t.Fatal("database-only mode wrote the note")
	}
	again := f.open()
	if c, _ := again.Card(id); c.State.SM2 == nil || c.State.SM2.Ease != 230 {
		t.Errorf("database-only state lost: %+v", c.State)
	}
	if _, err := again.Undo(); err != nil {
		t.Fatal(err)
	}
	if c, _ := again.Card(id); c.State.SM2 == nil || c.State.SM2.Interval != 19 {
		t.Errorf("undo restored %+v", c.State)
	}
}

func TestPendingWhenCardChanged(t *testing.T) {
	f := newFixture(t, map[string]string{"n.md": note})
	s := f.open()
	id := idOf(t, s, 3, 0)
	edited := strings.Replace(note, "bearer token?", "bearer token (reworded)?", 1)
	os.WriteFile(filepath.Join(f.dir, "n.md"), []byte(edited), 0o644)
	res, err := s.Grade(id, review.Good, time.Second)
	if err != nil || res.Written || !strings.Contains(res.Problem, "n.md:3: card changed on disk") {
		t.Fatalf("res %+v, err %v", res, err)
	}
	if f.read("n.md") != edited {
		t.Fatal("the changed note was written")
	}
	if c, _ := s.Card(id); c.Pending == nil || c.Pending.Segment != "!2023-10-07,3,250" {
		t.Errorf("no pending grade: %+v", c)
	}
}

func TestUnchangedNotesAreNotReread(t *testing.T) {
	f := newFixture(t, map[string]string{"a.md": note, "b.md": "#🧠\n\nQ->->->A\n"})
	f.open()
	// Make a.md unreadable garbage without changing its size or time: an
	// unchanged fingerprint means it is not read again.
	p := filepath.Join(f.dir, "a.md")
	info, _ := os.Stat(p)
	os.WriteFile(p, []byte(strings.Repeat("x", int(info.Size()))), 0o644)
	os.Chtimes(p, info.ModTime(), info.ModTime())
	s := f.open()
	if len(s.Cards()) != 3 {
		t.Errorf("%d cards: a.md was read again", len(s.Cards()))
	}
	os.Remove(filepath.Join(f.dir, "b.md"))
	if s := f.open(); len(s.Cards()) != 2 {
		t.Errorf("%d cards after deleting b.md", len(s.Cards()))
	}
}

func TestQueueAndBury(t *testing.T) {
	f := newFixture(t, map[string]string{"n.md": "#🧠\n\nhello:::bonjour\n\nQ->->->A\n\nOld->->->card\n<!--SR:!2023-10-01,3,250-->\n"})
	s := f.open()
	q, err := s.Queue("", DefaultNewPerDay, 1)
	if err != nil {
		t.Fatal(err)
	}
	if q.Remaining() != 4 {
		t.Fatalf("%d cards in the run, want 4", q.Remaining())
	}
	first, _ := q.Current(f.now)
	res, err := s.Grade(first.ID, review.Good, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Bury(q.Answered(res.Card.State, f.now)); err != nil {
		t.Fatal(err)
	}
	// A new run the same day: the graded card is no longer due or new, its
	// buried sibling (if it had one) stays hidden, and the daily new limit
	// counts the new card studied.
	again := f.open()
	q2, _ := again.Queue("", 2, 1)
	for range q2.Remaining() {
		c, ok := q2.Current(f.now)
		if !ok {
			break
		}
		if c.ID == first.ID {
			t.Fatal("the graded card is in the new run")
		}
		q2.Skip()
	}
	if first.State.IsNew() && q2.Remaining() > 2 {
		t.Errorf("%d cards: the daily new limit ignores today's new card", q2.Remaining())
	}
}
