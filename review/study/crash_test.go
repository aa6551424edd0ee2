package study

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/store"
)

// The crash test runs this test binary again as a child that grades cards
// in a loop until it is killed. These variables tell the child what to do.
const (
	crashVaultEnv = "RECALL_TEST_CRASH_VAULT" // the vault folder
	crashDBEnv    = "RECALL_TEST_CRASH_DB"    // the database file
	crashSeedEnv  = "RECALL_TEST_CRASH_SEED"  // seed of the child's choices
	crashNowEnv   = "RECALL_TEST_CRASH_NOW"   // the child's first instant, Unix seconds
)

// crashChildLimit is how long a child grades before giving up on being
// killed (exit status 3), so that a failed parent leaves no child behind.
const crashChildLimit = 20 * time.Second

func TestMain(m *testing.M) {
	if os.Getenv(crashVaultEnv) != "" {
		os.Exit(crashChild())
	}
	code := m.Run()
	removeGenerated()
	os.Exit(code)
}

// crashSettings are the plugin settings of the crash test's vault.
func crashSettings() deck.Settings {
	return deck.DefaultSettings()
}

// crashNotes is the crash test's vault: inline, reversed, multiline,
// multiline reversed and cloze questions; LF, CRLF, a BOM and missing final
// newlines; new cards, scheduled cards, a sibling without a segment, a
// legacy comment, an FSRS segment, two identical cards, a block id and a
// schedule comment inside a code fence that belongs to no card.
var crashNotes = map[string]string{
	"inline.md": "#flashcards\n\n# Inline\n\nWhat is a bearer token?::A token that grants access to its holder\n\n" +
		"Capital of France::Paris\n<!--SR:!2023-09-15,19,210-->\n\nSame card::same answer\n\nSame card::same answer\n\n" +
		"Legacy form::kept <!--SR:2023-09-15,19,210-->\n\nWith a block id::answer ^blk-1\n\nSome prose after the cards.\n",
	"windows.md": "#flashcards\r\n\r\n## Reversed\r\n\r\nhello:::bonjour\r\n\r\ncat:::chat\r\n<!--SR:!2023-09-20,5,250-->\r\n\r\n" +
		"What are the grant types\r\nof OAuth2?\r\n?\r\ncode, implicit,\r\npassword, client credentials\r\n\r\n" +
		"front line\r\n??\r\nback line\r\n\r\nLast::one without a final newline",
	"sub/cloze.md": "\ufeff---\ntags: [flashcards]\n---\n\nOAuth2 has ==4== grant types; PKCE protects the ==authorization code== flow in ==public== clients\n" +
		"<!--SR:!2023-09-02,4,270-->\n\nNot a card:\n\n```\nQ::A\n<!--SR:!2023-01-01,1,250-->\n```\n\n" +
		"Show the code\n?\n```go\nfmt.Println(1)\n```\n\ndog:::chien\n<!--SR:!fsrs,2023-10-10T08:00:00.000Z,6,6.2,5.1,2,4,0,0,2023-10-04T08:00:00.000Z-->",
	"sub/plain.md": "No tag here, so Q::A is not a card.\n",
}

// crashChild is the child of TestCrashWhileGrading: it opens the database
// and the vault and grades random cards with random ratings, the clock
// moving on, until it is killed. It prints "ready" once opened, then for
// each grade "grading ID UNIX" before and "graded ID SEGMENT" (or
// "unchanged ID") after. It returns the exit status.
func crashChild() int {
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	seed, err := strconv.ParseUint(os.Getenv(crashSeedEnv), 10, 64)
	if err != nil {
		return fail(err)
	}
	unix, err := strconv.ParseInt(os.Getenv(crashNowEnv), 10, 64)
	if err != nil {
		return fail(err)
	}
	now := time.Unix(unix, 0).UTC()
	vault := os.Getenv(crashVaultEnv)
	root, err := os.OpenRoot(vault)
	if err != nil {
		return fail(err)
	}
	var st *store.Store
	var s *Study
	// open opens the database and the vault, as each run of recall grade
	// does, closing those opened before.
	open := func() error {
		if st != nil {
			st.Close()
		}
		if st, err = store.Open(os.Getenv(crashDBEnv)); err != nil {
			return err
		}
		s, err = Open(st, Options{Key: vault, FS: root.FS(), Root: root, Settings: crashSettings(),
			Clock: review.Clock{Location: time.UTC}, Now: func() time.Time { return now }})
		return err
	}
	if err := open(); err != nil {
		return fail(err)
	}
	cards := s.Cards()
	out := os.Stdout // unbuffered: a line printed is a line the parent reads
	fmt.Fprintln(out, "ready")
	rng := rand.New(rand.NewPCG(seed, 1))
	for deadline := time.Now().Add(crashChildLimit); time.Now().Before(deadline); {
		if rng.IntN(6) == 0 {
			// The notes graded since the last open are read again and
			// the index rewritten.
			if err := open(); err != nil {
				return fail(err)
			}
			fmt.Fprintln(out, "reopen")
		}
		id := cards[rng.IntN(len(cards))].ID
		rating := review.Rating(rng.IntN(int(review.Easy) + 1))
		fmt.Fprintf(out, "grading %s %d\n", id, now.Unix())
		res, err := s.Grade(id, rating, time.Duration(rng.IntN(20000))*time.Millisecond)
		if err != nil {
			return fail(err)
		}
		if res.Problem != "" {
			return fail(fmt.Errorf("%s: %s", id, res.Problem))
		}
		if res.Segment == "" {
			fmt.Fprintf(out, "unchanged %s\n", id)
		} else {
			fmt.Fprintf(out, "graded %s %s\n", id, res.Segment)
		}
		now = now.Add(time.Duration(1+rng.IntN(36)) * time.Hour)
	}
	return 3
}

// crashRun is what the parent learnt from one child's output.
type crashRun struct {
	lines    []string
	ready    chan struct{} // closed at the child's "ready"
	third    chan struct{} // closed when the child reports its third grade
	done     chan struct{} // closed when the output ends
	graded   int           // grades the child reported done
	inFlight string        // the card being graded when the child died
	last     time.Time     // the latest instant the child graded at
}

// read collects the child's output lines until it ends.
func (r *crashRun) read(out io.Reader) {
	defer close(r.done)
	sc := bufio.NewScanner(out)
	grades := 0
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "ready":
			close(r.ready)
		case strings.HasPrefix(line, "graded "):
			if grades++; grades == 3 {
				close(r.third)
			}
		}
		r.lines = append(r.lines, line)
	}
}

// apply reads the child's lines: each grade it reported done sets the
// segment the card must have in its note.
func (r *crashRun) apply(t *testing.T, want map[string]string) {
	t.Helper()
	for _, line := range r.lines {
		f := strings.Fields(line)
		switch {
		case len(f) == 3 && f[0] == "grading":
			r.inFlight = f[1]
			unix, err := strconv.ParseInt(f[2], 10, 64)
			if err != nil {
				t.Fatalf("child line %q", line)
			}
			r.last = time.Unix(unix, 0)
		case len(f) == 3 && f[0] == "graded" && f[1] == r.inFlight:
			want[f[1]] = f[2]
			r.graded++
			r.inFlight = ""
		case len(f) == 2 && f[0] == "unchanged" && f[1] == r.inFlight:
			r.inFlight = ""
		case line != "ready" && line != "reopen":
			t.Fatalf("child line %q", line)
		}
	}
}

// TestCrashWhileGrading kills a child process that grades cards in a loop
// at random moments, many times, and checks after each kill that every
// note holds exactly its cards, one schedule comment each, with no byte
// changed outside the graded cards' comments; that every grade the child
// reported done is in its note; and that the database opens, agrees with
// the notes once re-synced, and has every reported grade in its log.
// Temporary files of killed writes are removed by the next open once stale.
func TestCrashWhileGrading(t *testing.T) {
	const kills = 60
	if testing.Short() {
		t.Skip("the crash test runs a child process 60 times")
	}
	vault := t.TempDir()
	for name, content := range crashNotes {
		p := filepath.Join(vault, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	dbPath := filepath.Join(t.TempDir(), "recall.db")
	parser := deck.NewParser(crashSettings())

	// Before any grade: the notes' cards and their segments.
	want := map[string]string{}
	cards := 0
	for name, content := range crashNotes {
		for id, seg := range checkNote(t, parser, name, []byte(content), []byte(content)) {
			want[id] = seg
			cards++
		}
	}
	if cards != 20 {
		t.Fatalf("%d cards in the crash test's vault, want 20", cards)
	}

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	start := time.Date(2023, 10, 4, 8, 0, 0, 0, time.UTC)
	var graded, reviews, tempRuns, beforeReady, midGrade int
	for run := range kills {
		child := exec.Command(os.Args[0], "-test.run=^$")
		child.Env = append(os.Environ(), crashVaultEnv+"="+vault, crashDBEnv+"="+dbPath,
			crashSeedEnv+"="+strconv.FormatUint(rng.Uint64(), 10), crashNowEnv+"="+strconv.FormatInt(start.Unix(), 10))
		var stderr bytes.Buffer
		child.Stderr = &stderr
		stdout, err := child.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		r := &crashRun{ready: make(chan struct{}), third: make(chan struct{}), done: make(chan struct{})}
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		go r.read(stdout)
		// The kill comes a random time after the child starts (often
		// while it opens), after it is ready, or after its third grade
		// (so that every child of this kind grades).
		var delay time.Duration
		var wait <-chan struct{}
		switch run % 4 {
		case 0:
			delay = time.Duration(1+rng.IntN(40)) * time.Millisecond
		case 1, 2:
			delay, wait = time.Duration(rng.IntN(60))*time.Millisecond, r.ready
		default:
			delay, wait = time.Duration(rng.IntN(20))*time.Millisecond, r.third
		}
		if wait != nil {
			select {
			case <-wait:
			case <-r.done:
			case <-time.After(10 * time.Second):
				child.Process.Kill()
				<-r.done
				child.Wait()
				t.Fatalf("run %d: the child did not get to grade in 10 s\n%s", run, stderr.Bytes())
			}
		}
		time.Sleep(delay)
		child.Process.Kill()
		<-r.done
		err = child.Wait()
		if ws, ok := child.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("run %d: the child was not killed but ended: %v\n%s", run, err, stderr.Bytes())
		}
		r.apply(t, want)
		graded += r.graded
		if len(r.lines) == 0 {
			beforeReady++
		}
		if r.inFlight != "" {
			midGrade++
		}
		if r.last.After(start) {
			start = r.last.Add(time.Hour)
		}

		temps := crashCheckFiles(t, vault)
		if len(temps) > 0 {
			tempRuns++
		}
		notes := map[string]string{}
		for name, content := range crashNotes {
			cur, err := os.ReadFile(filepath.Join(vault, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			for id, seg := range checkNote(t, parser, name, []byte(content), cur) {
				notes[id] = seg
				if id != r.inFlight && seg != want[id] {
					t.Fatalf("run %d: card %s has %q in its note, but the child graded it %q", run, id, seg, want[id])
				}
				want[id] = seg
			}
		}
		reviews = crashCheckDatabase(t, dbPath, vault, notes, temps, reviews, r.graded)
	}
	t.Logf("%d kills: %d before the child was ready, %d while grading, %d leaving temporary files; %d grades done, %d reviews logged",
		kills, beforeReady, midGrade, tempRuns, graded, reviews)
	if graded < 3*kills/4 {
		t.Errorf("%d grades done in %d runs, a quarter of which waited for three grades each", graded, kills)
	}
}

// crashCheckFiles checks that the vault holds only its notes and temporary
// files of the writer, and makes those old enough to be removed as stale.
// It returns their paths.
func crashCheckFiles(t *testing.T, vault string) []string {
	t.Helper()
	var temps []string
	err := filepath.WalkDir(vault, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(vault, p)
		rel = filepath.ToSlash(rel)
		if _, ok := crashNotes[rel]; ok {
			return nil
		}
		if !deck.IsTempFile(d.Name()) {
			t.Fatalf("unexpected file %s in the vault", rel)
		}
		temps = append(temps, rel)
		old := time.Now().Add(-time.Hour)
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
	return temps
}

// crashCheckDatabase opens the database and the vault and checks that they
// agree: every card's record holds the state its note holds (segments by
// card ID in notes), no grade is pending, the stale temporary files temps
// were removed, and the review log holds every grade the child reported
// (graded) since the last check, and at most one more. It returns the
// number of reviews in the log.
func crashCheckDatabase(t *testing.T, dbPath, vault string, notes map[string]string, temps []string, reviews, graded int) int {
	t.Helper()
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatalf("the database does not open: %v", err)
	}
	defer st.Close()
	root, err := os.OpenRoot(vault)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	s, err := Open(st, Options{Key: vault, FS: root.FS(), Root: root, Settings: crashSettings(),
		Clock: review.Clock{Location: time.UTC}, Now: time.Now})
	if err != nil {
		t.Fatalf("the vault does not open: %v", err)
	}
	removed := slices.Clone(s.Removed)
	slices.Sort(removed)
	slices.Sort(temps)
	if !slices.Equal(removed, temps) {
		t.Fatalf("removed %q, want the stale temporary files %q", removed, temps)
	}
	if left := crashCheckFiles(t, vault); len(left) > 0 {
		t.Fatalf("temporary files left after opening: %q", left)
	}
	records := s.Cards()
	if len(records) != len(notes) {
		t.Fatalf("%d card records, %d cards in the notes", len(records), len(notes))
	}
	for _, c := range records {
		seg, ok := notes[c.ID]
		if !ok {
			t.Fatalf("the database has card %s, which no note has", c.ID)
		}
		if c.Pending != nil {
			t.Fatalf("card %s has a pending grade: %+v", c.ID, c.Pending)
		}
		got, err := c.State.Segment()
		if err != nil {
			t.Fatal(err)
		}
		if got != seg {
			t.Fatalf("card %s: the database has %q, its note %q", c.ID, got, seg)
		}
	}
	count := 0
	if err := st.Reviews(func(store.Review) error { count++; return nil }); err != nil {
		t.Fatalf("the review log does not read: %v", err)
	}
	if count < reviews+graded || count > reviews+graded+1 {
		t.Fatalf("%d reviews in the log; %d before this run, which reported %d grades", count, reviews, graded)
	}
	return count
}

// stateSegment returns the schedule a segment holds, written as recall
// writes it: "" for a new card (no segment, the placeholder or an
// unreadable segment).
func stateSegment(seg *deck.Segment) string {
	s, err := review.StateOf(seg).Segment()
	if err != nil {
		panic(err) // StateOf only returns states read from a note
	}
	return s
}

// checkNote compares a note as it is now (cur) with the note before any
// grade (orig): the same questions with the same card IDs, no schedule
// comment more than the reader's warnings had, no comment lost, every
// changed segment readable, and every byte outside the schedule comments
// (and the line breaks inserted with new comments) identical. It returns
// each card's schedule as its segment in recall's writing (see
// stateSegment).
func checkNote(t *testing.T, p *deck.Parser, name string, orig, cur []byte) map[string]string {
	t.Helper()
	before, after := p.ParseNote(name, orig), p.ParseNote(name, cur)
	if len(after.Questions) != len(before.Questions) {
		t.Fatalf("%s: %d questions, had %d\n%s", name, len(after.Questions), len(before.Questions), cur)
	}
	if got, had := duplicateComments(after), duplicateComments(before); got != had {
		t.Fatalf("%s: %d questions with a second schedule comment, had %d\n%s", name, got, had, cur)
	}
	for _, w := range after.Warnings {
		if !slices.ContainsFunc(before.Warnings, func(v deck.Warning) bool { return v.Msg == w.Msg }) {
			t.Fatalf("%s: new warning %s\n%s", name, w, cur)
		}
	}
	segs := map[string]string{}
	var cutBefore, cutAfter []deck.Span
	for i, qa := range after.Questions {
		qb := before.Questions[i]
		if qa.Type != qb.Type || len(qa.Cards) != len(qb.Cards) {
			t.Fatalf("%s: question %d changed from %v to %v\n%s", name, i, qb.Type, qa.Type, cur)
		}
		for k, c := range qa.Cards {
			if c.ID != qb.Cards[k].ID {
				t.Fatalf("%s: card %s became %s", name, qb.Cards[k].ID, c.ID)
			}
			segs[c.ID] = ""
		}
		if qa.Comment == nil {
			if qb.Comment != nil {
				t.Fatalf("%s:%d: the schedule comment disappeared\n%s", name, qb.FirstLine, cur)
			}
			continue
		}
		var old []deck.Segment
		if qb.Comment != nil {
			old = qb.Comment.Segments
			cutBefore = append(cutBefore, qb.CommentSpan)
			cutAfter = append(cutAfter, qa.CommentSpan)
		} else {
			// A new comment goes on its own line below the question.
			span := qa.CommentSpan
			switch {
			case bytes.HasSuffix(cur[:span.Start], []byte("\r\n")):
				span.Start -= 2
			case bytes.HasSuffix(cur[:span.Start], []byte("\n")):
				span.Start--
			default:
				t.Fatalf("%s:%d: the new schedule comment is not on a line of its own\n%s", name, qa.CommentLine, cur)
			}
			cutAfter = append(cutAfter, span)
		}
		graded := qb.Comment == nil || qa.Comment.Text != qb.Comment.Text
		if n := max(len(qa.Cards), len(old)); graded && len(qa.Comment.Segments) != n {
			t.Fatalf("%s:%d: %d segments, want %d\n%s", name, qa.CommentLine, len(qa.Comment.Segments), n, cur)
		}
		for k, seg := range qa.Comment.Segments {
			if (k >= len(old) || seg.Raw != old[k].Raw) && seg.Kind == deck.SegmentInvalid {
				t.Fatalf("%s:%d: unreadable new segment %q: %s", name, qa.CommentLine, seg.Raw, seg.Problem)
			}
			if k < len(qa.Cards) {
				segs[qa.Cards[k].ID] = stateSegment(&seg)
			}
		}
	}
	if a, b := without(cur, cutAfter), without(orig, cutBefore); !bytes.Equal(a, b) {
		t.Fatalf("%s: bytes outside the schedule comments changed\nnow:\n%q\nwas:\n%q", name, a, b)
	}
	return segs
}

// duplicateComments counts the reader's warnings about a question with a
// second schedule comment.
func duplicateComments(n *deck.Note) int {
	count := 0
	for _, w := range n.Warnings {
		if strings.Contains(w.Msg, "already has a schedule comment") {
			count++
		}
	}
	return count
}

// without returns src without the bytes of the spans, which are in order
// and do not overlap.
func without(src []byte, spans []deck.Span) []byte {
	var out []byte
	at := 0
	for _, s := range spans {
		out = append(out, src[at:s.Start]...)
		at = s.End
	}
	return append(out, src[at:]...)
}
