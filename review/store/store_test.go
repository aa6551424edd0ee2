package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review"
	bolt "go.etcd.io/bbolt"
)

// MustOpen opens a store in a temporary folder and closes it when the test
// ends.
func MustOpen(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), "sub", "recall.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// holdEnv makes the test binary a child that holds the database named by it.
const holdEnv = "RECALL_TEST_HOLD_DB"

func TestMain(m *testing.M) {
	if path := os.Getenv(holdEnv); path != "" {
		s, err := Open(path)
		if err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("holding\n")
		time.Sleep(30 * time.Second)
		s.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestSecondOpenFailsFast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "recall.db")
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), holdEnv+"="+path)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { child.Process.Kill(); child.Wait() }()
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "holding\n" {
		t.Fatalf("child: %q", line)
	}
	start := time.Now()
	_, err = Open(path)
	took := time.Since(start)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "recall is already running (database "+path+" is locked)") {
		t.Fatalf("err = %v", err)
	}
	if took > 5*time.Second {
		t.Errorf("took %v to give up", took)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "recall.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, binary.BigEndian.AppendUint64(nil, SchemaVersion+1))
	})
	s.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "newer recall") {
		t.Fatalf("err = %v", err)
	}
}

// dueOf gives SM-2 cards their due date at midnight UTC.
func dueOf(c CardRecord) time.Time {
	if c.State.SM2 != nil {
		return c.State.SM2.Due
	}
	return time.Time{}
}

// sm2 is an SM-2 state due on the given date.
func sm2(date string) review.State {
	d, _ := time.Parse(time.DateOnly, date)
	return review.State{SM2: &deck.SM2Schedule{Due: d, Interval: 3, Ease: 250}}
}

func TestIndex(t *testing.T) {
	s := MustOpen(t)
	a := CardRecord{ID: "a-0", Path: "n.md", Line: 3, Type: "inline", Decks: []string{"🧠"}, State: sm2("2023-10-01")}
	b := CardRecord{ID: "b-0", Path: "n.md", Line: 5, Type: "inline", Decks: []string{"🧠"}, State: sm2("2023-10-09")}
	c := CardRecord{ID: "c-0", Path: "m.md", Line: 1, Type: "inline", Decks: []string{"🧠"}}
	err := s.UpdateNotes("v", []NoteUpdate{
		{Path: "n.md", Info: NoteInfo{Size: 10, ModTime: 1}, Cards: []CardRecord{a, b}},
		{Path: "m.md", Info: NoteInfo{Size: 5, ModTime: 2}, Cards: []CardRecord{c}},
	}, nil, dueOf)
	if err != nil {
		t.Fatal(err)
	}
	notes, _ := s.Notes("v")
	if len(notes) != 2 || notes["n.md"].Size != 10 || len(notes["n.md"].Cards) != 2 {
		t.Fatalf("notes %+v", notes)
	}
	until, _ := time.Parse(time.DateOnly, "2023-10-05")
	if due, _ := s.DueBefore("v", until); len(due) != 1 || due[0] != "a-0" {
		t.Errorf("due %v", due)
	}
	// The note changes: card a leaves, b moves on.
	b.State = sm2("2023-10-02")
	if err := s.UpdateNotes("v", []NoteUpdate{{Path: "n.md", Info: NoteInfo{Size: 11}, Cards: []CardRecord{b}}}, []string{"m.md"}, dueOf); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.DueBefore("v", until); len(due) != 1 || due[0] != "b-0" {
		t.Errorf("due after update %v", due)
	}
	if _, ok, _ := s.Card("v", "a-0"); ok {
		t.Error("card a still indexed")
	}
	if _, ok, _ := s.Card("v", "c-0"); ok {
		t.Error("card c of a removed note still indexed")
	}
	count := 0
	s.Cards("v", func(CardRecord) error { count++; return nil })
	if count != 1 {
		t.Errorf("%d cards", count)
	}
	if other, _ := s.Notes("other vault"); len(other) != 0 {
		t.Error("vaults share an index")
	}
}

func TestRecordUndoExport(t *testing.T) {
	s := MustOpen(t)
	card := CardRecord{ID: "a-0", Path: "n.md", State: review.State{}}
	s.UpdateNotes("v", []NoteUpdate{{Path: "n.md", Cards: []CardRecord{card}}}, nil, dueOf)
	graded := card
	graded.State = sm2("2023-10-07")
	at := time.Date(2023, 10, 4, 10, 0, 0, 0, time.UTC)
	seq, err := s.Record("v", graded, Review{CardID: "a-0", Time: at, Rating: review.Good, Duration: 4200 * time.Millisecond, After: graded.State}, dueOf)
	if err != nil || seq != 1 {
		t.Fatalf("seq %d, %v", seq, err)
	}
	s.Record("w", CardRecord{ID: "z-0"}, Review{CardID: "z-0", Time: at, Rating: review.Reset}, dueOf)
	last, err := s.LastReview("v")
	if err != nil || last.Seq != 1 || last.Rating != review.Good || last.Vault != "v" {
		t.Fatalf("last %+v, %v", last, err)
	}
	var buf bytes.Buffer
	if err := s.ExportCSV(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || lines[0] != "card_id,review_time,review_rating,review_state,review_duration" {
		t.Fatalf("csv %q", lines)
	}
	if want := ",1696413600000,3,0,4200"; !strings.HasSuffix(lines[1], want) {
		t.Errorf("row %q, want …%s", lines[1], want)
	}
	if err := s.Undo("v", last.Seq, card, dueOf); err != nil {
		t.Fatal(err)
	}
	if c, _, _ := s.Card("v", "a-0"); !c.State.IsNew() {
		t.Errorf("card not restored: %+v", c.State)
	}
	if _, err := s.LastReview("v"); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("after undo: %v", err)
	}
	if due, _ := s.DueBefore("v", time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)); len(due) != 0 {
		t.Errorf("due index keeps the undone schedule: %v", due)
	}
}

func TestFSRSParameters(t *testing.T) {
	s := MustOpen(t)
	if w, err := s.FSRSParameters(); err != nil || w != nil {
		t.Fatalf("fresh database: %v %v", w, err)
	}
	want := []float64{0.2, 1.3, 2.3, 8.3, 6.4, 0.83, 3.0, 0.001, 1.87, 0.17, 0.8, 1.48, 0.06, 0.26, 1.65, 0.6, 1.87, 0.54, 0.09, 0.07, 0.15}
	if err := s.SetFSRSParameters(want); err != nil {
		t.Fatal(err)
	}
	got, err := s.FSRSParameters()
	if err != nil || len(got) != 21 || got[20] != 0.15 {
		t.Fatalf("got %v %v", got, err)
	}
}
