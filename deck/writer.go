package deck

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"
)

// ErrCardMoved is returned (wrapped) when a note changed on disk since it was
// scanned and its card cannot be found again exactly once; nothing is
// written.
var ErrCardMoved = errors.New("card changed on disk since it was loaded")

// Edit is one change made to a note: bytes Old at Offset were replaced by
// New. It is what undo needs to restore the note exactly.
type Edit struct {
	Path   string `json:"path"`
	Offset int    `json:"offset"`
	Old    string `json:"old"`
	New    string `json:"new"`
	// CardID identifies the edited question (any sibling's ID).
	CardID string `json:"card_id"`
	// Before and After are the SHA-256 of the whole note before and after.
	Before [32]byte `json:"before"`
	After  [32]byte `json:"after"`
}

// Writer writes schedule comments into the notes of one vault. It touches
// only the bytes of one comment per write, writes atomically (temporary file
// in the same folder, fsync, rename, fsync of the folder) and refuses to
// write when the card cannot be found again.
type Writer struct {
	root   *os.Root
	parser *Parser
}

// NewWriter returns a writer for the vault opened as root, reading notes
// with p's settings. The caller keeps root open while the writer is used.
func NewWriter(root *os.Root, p *Parser) *Writer {
	return &Writer{root: root, parser: p}
}

// tempPrefix starts the names of recall's temporary files; they are hidden
// so that Obsidian ignores them.
const tempPrefix = ".recall-"

// tempSuffix ends the names of recall's temporary files.
const tempSuffix = ".tmp"

// IsTempFile reports whether a file name (base name) is one of recall's
// temporary files.
func IsTempFile(name string) bool {
	return strings.HasPrefix(name, tempPrefix) && strings.HasSuffix(name, tempSuffix)
}

// SetSegment writes segment (starting with '!') as the schedule of sibling
// of the question q, scanned from note n. Other siblings keep their
// segments byte for byte; siblings without one get the placeholder. If the
// note changed since the scan, the card is looked up again by its ID.
func (w *Writer) SetSegment(n *Note, q *Question, sibling int, segment string) (Edit, error) {
	if sibling < 0 || sibling >= len(q.Cards) {
		return Edit{}, fmt.Errorf("%s:%d: sibling %d out of range", n.Path, q.FirstLine, sibling)
	}
	id := q.Cards[0].ID
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		src, info, err := w.read(n.Path)
		if err != nil {
			return Edit{}, err
		}
		cur, cq := n, q
		if sha256.Sum256(src) != n.SHA256 {
			cur = w.parser.ParseNote(n.Path, src)
			if cq = cur.question(id); cq == nil {
				return Edit{}, fmt.Errorf("%s:%d: %w; review not written back", n.Path, q.FirstLine, ErrCardMoved)
			}
		}
		comment := w.buildComment(cq, sibling, segment)
		edit := w.placeComment(src, cur, cq, comment)
		edit.Path, edit.CardID = n.Path, id
		out, err := edit.apply(src)
		if err != nil {
			return Edit{}, err
		}
		if err := w.check(n.Path, out, id, comment, extraComments(cur, cq)); err != nil {
			return Edit{}, err
		}
		err = w.replace(n.Path, out, info)
		if errors.Is(err, errChangedWhileWriting) {
			lastErr = err
			continue
		}
		if err != nil {
			return Edit{}, err
		}
		return edit, nil
	}
	return Edit{}, fmt.Errorf("%s: %w", n.Path, lastErr)
}

// Revert undoes an edit made by SetSegment. If the note changed since, the
// edited bytes are looked for at the card's comment; if they are not there,
// nothing is written and ErrCardMoved is returned.
func (w *Writer) Revert(e Edit) error {
	for attempt := 0; attempt < 3; attempt++ {
		src, info, err := w.read(e.Path)
		if err != nil {
			return err
		}
		off := e.Offset
		if sha256.Sum256(src) != e.After {
			off = -1
			n := w.parser.ParseNote(e.Path, src)
			if q := n.question(e.CardID); q != nil && q.Comment != nil {
				// New ends with the comment: find where it starts.
				if start := q.CommentSpan.End - len(e.New); start >= 0 && string(src[start:q.CommentSpan.End]) == e.New {
					off = start
				}
			}
			if off < 0 {
				return fmt.Errorf("%s: %w; the note was not restored", e.Path, ErrCardMoved)
			}
		}
		back := Edit{Offset: off, Old: e.New, New: e.Old}
		out, err := back.apply(src)
		if err != nil {
			return err
		}
		err = w.replace(e.Path, out, info)
		if errors.Is(err, errChangedWhileWriting) {
			continue
		}
		return err
	}
	return fmt.Errorf("%s: %w", e.Path, errChangedWhileWriting)
}

// question returns the question whose first card has the given ID.
func (n *Note) question(id string) *Question {
	for _, q := range n.Questions {
		if len(q.Cards) > 0 && q.Cards[0].ID == id {
			return q
		}
	}
	return nil
}

// buildComment makes the question's new comment: the reviewed sibling's new
// segment, every other sibling's existing segment text, placeholders for
// siblings without one, then any extra segments as they were.
func (w *Writer) buildComment(q *Question, sibling int, segment string) string {
	var old []Segment
	if q.Comment != nil {
		old = q.Comment.Segments
	}
	segs := make([]string, 0, max(len(q.Cards), len(old)))
	for k := range max(len(q.Cards), len(old)) {
		switch {
		case k == sibling:
			segs = append(segs, segment)
		case k < len(old):
			segs = append(segs, "!"+old[k].Raw)
		default:
			segs = append(segs, PlaceholderSegment(w.parser.settings.BaseEase))
		}
	}
	return BuildComment(segs)
}

// placeComment returns the edit that puts comment into the note: over the
// existing comment, or inserted where the settings place a new one
// (obsidian-sr.md §7.2 step 3).
func (w *Writer) placeComment(src []byte, n *Note, q *Question, comment string) Edit {
	sum := sha256.Sum256(src)
	if q.Comment != nil {
		return Edit{Offset: q.CommentSpan.Start, Old: q.Comment.Text, New: comment, Before: sum}
	}
	lines := splitLines(src)
	last := lines[q.LastLine-1]
	eol := string(src[last.end:last.next])
	if eol == "" {
		eol = n.EOL
	}
	lineText := string(src[last.start:last.end])
	s := w.parser.settings
	endsWithFence := strings.HasPrefix(lineText, "```") || strings.HasPrefix(lineText, "~~~")
	switch {
	case s.UseCalloutsForSchedulingComments:
		return Edit{Offset: last.end, New: eol + calloutMarker + " " + eol + "> " + comment, Before: sum}
	case s.CardCommentOnSameLine && !endsWithFence:
		trimmed := strings.TrimRightFunc(lineText, isJSSpace)
		at := last.start + len(trimmed)
		if q.BlockID != "" && strings.HasSuffix(trimmed, " "+q.BlockID) {
			at -= len(" " + q.BlockID)
		}
		return Edit{Offset: at, New: " " + comment, Before: sum}
	default:
		return Edit{Offset: last.end, New: eol + comment, Before: sum}
	}
}

// apply returns src with the edit made, and records the result's hash.
func (e *Edit) apply(src []byte) ([]byte, error) {
	if e.Offset < 0 || e.Offset+len(e.Old) > len(src) || string(src[e.Offset:e.Offset+len(e.Old)]) != e.Old {
		return nil, fmt.Errorf("%s: internal error: the bytes to replace are not where they were found", e.Path)
	}
	out := make([]byte, 0, len(src)-len(e.Old)+len(e.New))
	out = append(append(append(out, src[:e.Offset]...), e.New...), src[e.Offset+len(e.Old):]...)
	e.Before, e.After = sha256.Sum256(src), sha256.Sum256(out)
	return out, nil
}

// check re-reads the bytes about to be written: the card must be there with
// the comment just built, and with no more extra comments than it had.
func (w *Writer) check(name string, out []byte, id, comment string, extra int) error {
	n := w.parser.ParseNote(name, out)
	q := n.question(id)
	if q == nil || q.Comment == nil || q.Comment.Text != comment {
		return fmt.Errorf("%s: internal error: the new schedule comment does not read back; nothing was written", name)
	}
	if extraComments(n, q) > extra {
		return fmt.Errorf("%s:%d: internal error: the card would get a second schedule comment; nothing was written", name, q.FirstLine)
	}
	return nil
}

// extraComments counts the schedule comments of q beyond its first, which
// the reader reports as warnings.
func extraComments(n *Note, q *Question) int {
	count := 0
	for _, warn := range n.Warnings {
		if warn.Line >= q.FirstLine && warn.Line <= q.LastLine && strings.Contains(warn.Msg, "already has a schedule comment") {
			count++
		}
	}
	return count
}

// errChangedWhileWriting means the note changed between reading it and
// renaming the new version over it.
var errChangedWhileWriting = errors.New("note changed on disk while it was being written")

// read returns a note's bytes and its file information. A note that is a
// symbolic link is read through it.
func (w *Writer) read(name string) ([]byte, fs.FileInfo, error) {
	src, err := w.root.ReadFile(name)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s: %w", name, plainPathError(err))
	}
	info, err := w.root.Stat(name)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s: %w", name, plainPathError(err))
	}
	return src, info, nil
}

// replace writes data over the note atomically: a temporary file in the same
// folder, fsync, a check that the note is unchanged since it was read
// (size and modification time), rename, fsync of the folder. The note's
// permissions are kept; a symbolic link is written through.
func (w *Writer) replace(name string, data []byte, was fs.FileInfo) error {
	target, err := w.resolve(name)
	if err != nil {
		return err
	}
	dir := path.Dir(target)
	var suffix [6]byte
	rand.Read(suffix[:])
	tmp := path.Join(dir, tempPrefix+path.Base(target)+"-"+hex.EncodeToString(suffix[:])+tempSuffix)
	f, err := w.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, was.Mode().Perm())
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, plainPathError(err))
	}
	cleanup := func(err error) error {
		f.Close()
		w.root.Remove(tmp)
		return err
	}
	if _, err := f.Write(data); err != nil {
		return cleanup(fmt.Errorf("cannot write %s: %w", name, plainPathError(err)))
	}
	if err := f.Chmod(was.Mode().Perm()); err != nil {
		return cleanup(fmt.Errorf("cannot keep the permissions of %s: %w", name, plainPathError(err)))
	}
	if err := f.Sync(); err != nil {
		return cleanup(fmt.Errorf("cannot write %s: %w", name, plainPathError(err)))
	}
	if err := f.Close(); err != nil {
		w.root.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", name, plainPathError(err))
	}
	now, err := w.root.Stat(name)
	if err != nil || now.Size() != was.Size() || !now.ModTime().Equal(was.ModTime()) {
		w.root.Remove(tmp)
		return errChangedWhileWriting
	}
	if err := w.root.Rename(tmp, target); err != nil {
		w.root.Remove(tmp)
		return fmt.Errorf("cannot replace %s: %w", name, plainPathError(err))
	}
	if d, err := w.root.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// resolve follows symbolic links from a note's path to the file to replace,
// staying inside the vault.
func (w *Writer) resolve(name string) (string, error) {
	for range 16 {
		info, err := w.root.Lstat(name)
		if err != nil {
			return "", fmt.Errorf("cannot write %s: %w", name, plainPathError(err))
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return name, nil
		}
		link, err := w.root.Readlink(name)
		if err != nil {
			return "", fmt.Errorf("cannot write %s: %w", name, plainPathError(err))
		}
		if path.IsAbs(link) {
			return "", fmt.Errorf("cannot write %s: it links outside the vault", name)
		}
		name = path.Join(path.Dir(name), link)
	}
	return "", fmt.Errorf("cannot write %s: too many symbolic links", name)
}

// RemoveStaleTemps deletes recall's temporary files older than age from the
// vault (left behind by a write that was killed). It returns the paths
// removed.
func RemoveStaleTemps(root *os.Root, paths []string, age time.Duration, now time.Time) []string {
	var removed []string
	for _, p := range paths {
		info, err := root.Lstat(p)
		if err != nil || !info.Mode().IsRegular() || now.Sub(info.ModTime()) < age {
			continue
		}
		if root.Remove(p) == nil {
			removed = append(removed, p)
		}
	}
	return removed
}

// plainPathError strips the path an *fs.PathError repeats.
func plainPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
