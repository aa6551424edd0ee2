package store

import (
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review/fsrs"
)

// The index's note and card records are stored in a compact binary form
// (schema 2), because start-up reads every one of them: decoding JSON was
// most of the time of opening an unchanged vault. A record starts with
// binaryRecord, then its fields in declaration order: integers as varints,
// strings and lists with their length first, floats as their 8 bytes,
// optional parts after a presence byte. The review log stays JSON.

// binaryRecord is the first byte of a binary record; a JSON record starts
// with '{'.
const binaryRecord = 2

// errDamaged is returned when a binary record ends early or has bytes left.
var errDamaged = errors.New("damaged binary record")

// encoder appends the fields of a record to a buffer.
type encoder struct{ buf []byte }

func (e *encoder) int(v int64)     { e.buf = binary.AppendVarint(e.buf, v) }
func (e *encoder) uint(v uint64)   { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *encoder) float(f float64) { e.buf = binary.BigEndian.AppendUint64(e.buf, math.Float64bits(f)) }

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *encoder) flag(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

// time writes an instant with its zone offset; the zero time is one byte.
func (e *encoder) time(t time.Time) {
	e.flag(!t.IsZero())
	if !t.IsZero() {
		_, offset := t.Zone()
		e.int(t.Unix())
		e.uint(uint64(t.Nanosecond()))
		e.int(int64(offset))
	}
}

func (e *encoder) strs(list []string) {
	e.uint(uint64(len(list)))
	for _, s := range list {
		e.str(s)
	}
}

// decoder reads the fields of a record. The first problem sticks in err
// and later reads return zero values.
type decoder struct {
	data []byte
	err  error
	// names interns repeated strings (paths, types, decks) across the
	// records decoded with this decoder.
	names map[string]string
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errDamaged
	}
	d.data = nil
}

func (d *decoder) int() int64 {
	v, n := binary.Varint(d.data)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.data = d.data[n:]
	return v
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.data)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.data = d.data[n:]
	return v
}

// bytes reads a length-prefixed byte string, without copying.
func (d *decoder) bytes() []byte {
	n := d.uint()
	if n > uint64(len(d.data)) {
		d.fail()
		return nil
	}
	b := d.data[:n]
	d.data = d.data[n:]
	return b
}

func (d *decoder) str() string { return string(d.bytes()) }

// name reads a string that many records repeat.
func (d *decoder) name() string {
	b := d.bytes()
	if s, ok := d.names[string(b)]; ok {
		return s
	}
	if d.names == nil {
		d.names = map[string]string{}
	}
	s := string(b)
	d.names[s] = s
	return s
}

func (d *decoder) float() float64 {
	if len(d.data) < 8 {
		d.fail()
		return 0
	}
	f := math.Float64frombits(binary.BigEndian.Uint64(d.data))
	d.data = d.data[8:]
	return f
}

func (d *decoder) flag() bool {
	if len(d.data) == 0 || d.data[0] > 1 {
		d.fail()
		return false
	}
	b := d.data[0] == 1
	d.data = d.data[1:]
	return b
}

func (d *decoder) time() time.Time {
	if !d.flag() {
		return time.Time{}
	}
	sec, nsec, offset := d.int(), d.uint(), d.int()
	t := time.Unix(sec, int64(nsec))
	if offset == 0 {
		return t.UTC()
	}
	return t.In(time.FixedZone("", int(offset)))
}

// count reads the length of a list, which cannot exceed the bytes left.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.data)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) nameList() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	list := make([]string, n)
	for i := range list {
		list[i] = d.name()
	}
	return list
}

// start checks the record's first byte.
func (d *decoder) start() {
	if len(d.data) == 0 || d.data[0] != binaryRecord {
		d.fail()
		return
	}
	d.data = d.data[1:]
}

// end reports the first problem, or bytes left over.
func (d *decoder) end() error {
	if d.err == nil && len(d.data) > 0 {
		d.err = errDamaged
	}
	return d.err
}

// encodeNote writes a note record.
func encodeNote(n NoteInfo) []byte {
	e := encoder{buf: []byte{binaryRecord}}
	e.int(int64(n.V))
	e.int(n.Size)
	e.int(n.ModTime)
	e.buf = append(e.buf, n.SHA256[:]...)
	e.strs(n.Cards)
	e.uint(uint64(len(n.Warnings)))
	for _, w := range n.Warnings {
		e.str(w.Path)
		e.int(int64(w.Line))
		e.str(w.Msg)
	}
	return e.buf
}

// decodeNote reads a note record.
func (d *decoder) decodeNote(data []byte) (NoteInfo, error) {
	d.data, d.err = data, nil
	d.start()
	var n NoteInfo
	n.V = int(d.int())
	n.Size = d.int()
	n.ModTime = d.int()
	if len(d.data) < len(n.SHA256) {
		d.fail()
	} else {
		d.data = d.data[copy(n.SHA256[:], d.data):]
	}
	if count := d.count(); count > 0 {
		n.Cards = make([]string, count)
		for i := range n.Cards {
			n.Cards[i] = d.str()
		}
	}
	if count := d.count(); count > 0 {
		n.Warnings = make([]deck.Warning, count)
		for i := range n.Warnings {
			n.Warnings[i] = deck.Warning{Path: d.name(), Line: int(d.int()), Msg: d.str()}
		}
	}
	return n, d.end()
}

// encodeCard writes a card record.
func encodeCard(c CardRecord) []byte {
	e := encoder{buf: make([]byte, 0, 128)}
	e.buf = append(e.buf, binaryRecord)
	e.int(int64(c.V))
	e.str(c.ID)
	e.str(c.Path)
	e.int(int64(c.Line))
	e.str(c.Type)
	e.int(int64(c.Sibling))
	e.strs(c.Decks)
	e.flag(c.State.SM2 != nil)
	if s := c.State.SM2; s != nil {
		e.time(s.Due)
		e.float(s.Interval)
		e.int(int64(s.Ease))
	}
	e.flag(c.State.FSRS != nil)
	if f := c.State.FSRS; f != nil {
		e.time(f.Due)
		e.float(f.Stability)
		e.float(f.Difficulty)
		for _, v := range []int{f.ElapsedDays, f.ScheduledDays, f.LearningStep, f.Reps, f.Lapses, int(f.State)} {
			e.int(int64(v))
		}
		e.time(f.LastReview)
		e.uint(f.Seed)
	}
	e.flag(c.Pending != nil)
	if p := c.Pending; p != nil {
		e.str(p.Segment)
		e.time(p.Since)
		e.str(p.Reason)
	}
	return e.buf
}

// decodeCard reads a card record.
func (d *decoder) decodeCard(data []byte) (CardRecord, error) {
	d.data, d.err = data, nil
	d.start()
	var c CardRecord
	c.V = int(d.int())
	c.ID = d.str()
	c.Path = d.name()
	c.Line = int(d.int())
	c.Type = d.name()
	c.Sibling = int(d.int())
	c.Decks = d.nameList()
	if d.flag() {
		c.State.SM2 = &deck.SM2Schedule{Due: d.time(), Interval: d.float(), Ease: int(d.int())}
	}
	if d.flag() {
		f := &fsrs.Card{Due: d.time(), Stability: d.float(), Difficulty: d.float()}
		f.ElapsedDays, f.ScheduledDays, f.LearningStep = int(d.int()), int(d.int()), int(d.int())
		f.Reps, f.Lapses, f.State = int(d.int()), int(d.int()), fsrs.State(d.int())
		f.LastReview, f.Seed = d.time(), d.uint()
		c.State.FSRS = f
	}
	if d.flag() {
		c.Pending = &Pending{Segment: d.str(), Since: d.time(), Reason: d.str()}
	}
	return c, d.end()
}
