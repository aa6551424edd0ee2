package store

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review"
	bolt "go.etcd.io/bbolt"
)

// fill sets every field reachable from v to a distinct non-zero value, so
// that a field the codec forgets shows in a round trip.
func fill(t *testing.T, v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint8, reflect.Uint64:
		v.SetUint(uint64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.String:
		v.SetString("s" + string(rune('a'+*n%26)) + "🧠")
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(t, v.Index(i), n)
		}
	case reflect.Array:
		for i := range v.Len() {
			fill(t, v.Index(i), n)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2020, 1, *n, 10, 30, 0, *n, time.UTC)))
			return
		}
		for i := range v.NumField() {
			fill(t, v.Field(i), n)
		}
	default:
		t.Fatalf("fill does not know %s", v.Type())
	}
}

func TestCodecRoundTrip(t *testing.T) {
	var c CardRecord
	var n NoteInfo
	count := 0
	fill(t, reflect.ValueOf(&c).Elem(), &count)
	fill(t, reflect.ValueOf(&n).Elem(), &count)
	var d decoder
	if got, err := d.decodeCard(encodeCard(c)); err != nil || !reflect.DeepEqual(got, c) {
		t.Errorf("card\n%+v, %v\nwant\n%+v", got, err, c)
	}
	if got, err := d.decodeNote(encodeNote(n)); err != nil || !reflect.DeepEqual(got, n) {
		t.Errorf("note\n%+v, %v\nwant\n%+v", got, err, n)
	}
	// A new card, an SM-2 card, and instants in another zone and zero.
	paris := time.FixedZone("", 7200)
	for _, c := range []CardRecord{
		{ID: "a-0", Path: "n.md", Type: "inline"},
		{ID: "b-1", Path: "n.md", Type: "cloze", Decks: []string{"x", "y"}, State: sm2("2023-10-01")},
		{ID: "c-0", State: review.State{SM2: &deck.SM2Schedule{Due: time.Date(2023, 10, 1, 0, 0, 0, 0, paris), Interval: 3.5, Ease: -1}},
			Pending: &Pending{Segment: "!2023-10-01,3,250"}},
	} {
		got, err := d.decodeCard(encodeCard(c))
		if err != nil || !reflect.DeepEqual(got, c) {
			t.Errorf("card\n%+v, %v\nwant\n%+v", got, err, c)
		}
	}
}

func TestCodecDamaged(t *testing.T) {
	var c CardRecord
	count := 0
	fill(t, reflect.ValueOf(&c).Elem(), &count)
	data := encodeCard(c)
	var d decoder
	for i := range data {
		if _, err := d.decodeCard(data[:i]); !errors.Is(err, errDamaged) {
			t.Fatalf("card cut at %d of %d: %v", i, len(data), err)
		}
	}
	if _, err := d.decodeCard(append(data, 0)); !errors.Is(err, errDamaged) {
		t.Errorf("a byte too many: %v", err)
	}
	if _, err := d.decodeNote([]byte(`{"v":1}`)); !errors.Is(err, errDamaged) {
		t.Errorf("JSON read as binary: %v", err)
	}
}

// TestMigrateJSONIndex opens a database of schema 1, whose index records
// are JSON, and reads them back after the upgrade.
func TestMigrateJSONIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "recall.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	card := CardRecord{V: 1, ID: "a-0", Path: "n.md", Line: 3, Type: "inline", Decks: []string{"🧠"}, State: sm2("2023-10-01")}
	note := NoteInfo{V: 1, Size: 10, ModTime: 7, SHA256: [32]byte{1, 2}, Cards: []string{"a-0"}, Warnings: []deck.Warning{{Path: "n.md", Line: 2, Msg: "m"}}}
	err = s.db.Update(func(tx *bolt.Tx) error {
		v, err := vault(tx, "v")
		if err != nil {
			return err
		}
		cj, _ := json.Marshal(card)
		nj, _ := json.Marshal(note)
		if err := v.Bucket(bucketCards).Put([]byte(card.ID), cj); err != nil {
			return err
		}
		if err := v.Bucket(bucketDue).Put(dueKey(dueOf(card), card.ID), nil); err != nil {
			return err
		}
		if err := v.Bucket(bucketNotes).Put([]byte("n.md"), nj); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte{0, 0, 0, 0, 0, 0, 0, 1})
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, ok, err := s.Card("v", "a-0"); err != nil || !ok || !reflect.DeepEqual(got, card) {
		t.Errorf("card after the upgrade %+v, %v", got, err)
	}
	if notes, err := s.Notes("v"); err != nil || !reflect.DeepEqual(notes["n.md"], note) {
		t.Errorf("note after the upgrade %+v, %v", notes, err)
	}
	// The due index still finds the card, and a note update replaces it.
	until := time.Date(2023, 10, 5, 0, 0, 0, 0, time.UTC)
	if due, _ := s.DueBefore("v", until); len(due) != 1 {
		t.Errorf("due %v", due)
	}
	if err := s.UpdateNotes("v", []NoteUpdate{{Path: "n.md", Cards: []CardRecord{{ID: "a-0", Path: "n.md"}}}}, nil, dueOf); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.DueBefore("v", until); len(due) != 0 {
		t.Errorf("due after the update %v", due)
	}
}
