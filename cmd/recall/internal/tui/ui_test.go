package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/review"
	"github.com/recall-srs/recall/review/fsrs"
	"github.com/recall-srs/recall/review/store"
	"github.com/recall-srs/recall/review/study"
)

// testNote is the vault of the flow tests: three new cards in two decks.
const testNote = "# OAuth\n\n#🧠/oauth\n\n#🧠/oauth refresh 請求的 grant_type？->->-> `refresh_token`\n\n#🧠/oauth token endpoint 的 method？->->-> `POST`\n\n#🧠/net What is TCP?->->->Transmission Control Protocol\n"

// fixture opens a study on a temporary vault at a fixed time.
func fixture(t *testing.T) (Config, string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "oauth.md"), []byte(testNote), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "recall.db"))
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(); root.Close() })
	now := time.Date(2023, 10, 4, 10, 0, 0, 0, time.UTC)
	settings := deck.DefaultSettings()
	settings.FlashcardTags = []string{"#🧠"}
	settings.SingleLineCardSeparator = "->->->"
	settings.FlashcardCardOrder = review.NewFirstSequential
	open := func() (*study.Study, error) {
		return study.Open(db, study.Options{Key: dir, FS: root.FS(), Root: root, Settings: settings,
			Clock: review.Clock{Location: time.UTC}, Now: func() time.Time { return now }})
	}
	s, err := open()
	if err != nil {
		t.Fatal(err)
	}
	return Config{Study: s, Vault: "test vault", Dir: dir, Reopen: open, Now: func() time.Time { return now }}, dir
}

// send feeds msg to the model and runs the commands it returns until none
// is left, as the program would (without its concurrency).
func send(t *testing.T, m tea.Model, msg tea.Msg) tea.Model {
	t.Helper()
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		next := queue[0]
		queue = queue[1:]
		var cmd tea.Cmd
		m, cmd = m.Update(next)
		queue = append(queue, runCmd(cmd)...)
	}
	return m
}

// runCmd runs a command and returns its messages (batches flattened; quit
// and terminal requests dropped).
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	switch msg := msg.(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	case tea.QuitMsg, nil:
		return nil
	}
	return []tea.Msg{msg}
}

// press is a key press by its string form ("space", "3", "ctrl+c").
func press(k string) tea.KeyPressMsg {
	switch k {
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screenText renders the model as plain text.
func screenText(m tea.Model) string {
	return ansi.Strip(m.(Model).View().Content)
}

func TestReviewFlow(t *testing.T) {
	cfg, dir := fixture(t)
	m := openModel(t, cfg, 80, 24)
	if s := screenText(m); !strings.Contains(s, "test vault") || !strings.Contains(s, "All decks") || !strings.Contains(s, "oauth") {
		t.Fatalf("decks screen:\n%s", s)
	}
	m = send(t, m, press("enter"))
	s := screenText(m)
	if !strings.Contains(s, "refresh 請求的 grant_type？") || strings.Contains(s, "refresh_token`") {
		t.Fatalf("first card:\n%s", s)
	}
	m = send(t, m, press("space"))
	if s := screenText(m); !strings.Contains(s, "refresh_token") || !strings.Contains(s, "Good") || !strings.Contains(s, "3d") {
		t.Fatalf("revealed card:\n%s", s)
	}
	m = send(t, m, press("3"))
	note, _ := os.ReadFile(filepath.Join(dir, "oauth.md"))
	if !strings.Contains(string(note), "`refresh_token`\n<!--SR:!2023-10-07,3,250-->\n") {
		t.Fatalf("note after Good:\n%s", note)
	}
	if s := screenText(m); !strings.Contains(s, "token endpoint 的 method？") {
		t.Fatalf("second card:\n%s", s)
	}
	m = send(t, m, press("u"))
	if note, _ := os.ReadFile(filepath.Join(dir, "oauth.md")); string(note) != testNote {
		t.Fatalf("note after undo:\n%s", note)
	}
	if s := screenText(m); !strings.Contains(s, "refresh 請求的 grant_type？") {
		t.Fatalf("undo did not bring the card back:\n%s", s)
	}
	// Again brings the card back at the end of the run.
	m = send(t, m, press("space"))
	m = send(t, m, press("1"))
	m = send(t, m, press("space"))
	m = send(t, m, press("4"))
	m = send(t, m, press("space"))
	m = send(t, m, press("3"))
	if s := screenText(m); !strings.Contains(s, "refresh 請求的 grant_type？") {
		t.Fatalf("the Again card did not come back:\n%s", s)
	}
	m = send(t, m, press("space"))
	m = send(t, m, press("3"))
	if s := screenText(m); !strings.Contains(s, "Session complete") || !strings.Contains(s, "Cards reviewed") {
		t.Fatalf("summary:\n%s", s)
	}
}

func TestSmallTerminalAndHelp(t *testing.T) {
	cfg, _ := fixture(t)
	m := openModel(t, cfg, 60, 20)
	m = send(t, m, press("enter"))
	m = send(t, m, press("?"))
	s := screenText(m)
	for i, line := range strings.Split(s, "\n") {
		if w := ansi.StringWidth(line); w > 60 {
			t.Errorf("line %d is %d columns wide: %q", i+1, w, line)
		}
	}
	if lines := strings.Count(s, "\n") + 1; lines > 20 {
		t.Errorf("%d lines on a 20-line terminal:\n%s", lines, s)
	}
	if !strings.Contains(s, "undo") || !strings.Contains(s, "bury") {
		t.Errorf("full help lacks keys:\n%s", s)
	}
}

func TestSkipBuryStats(t *testing.T) {
	cfg, _ := fixture(t)
	m := openModel(t, cfg, 100, 30)
	m = send(t, m, press("enter"))
	m = send(t, m, press("s"))
	if s := screenText(m); !strings.Contains(s, "token endpoint 的 method？") {
		t.Fatalf("skip:\n%s", s)
	}
	m = send(t, m, press("b"))
	if s := screenText(m); !strings.Contains(s, "What is TCP?") {
		t.Fatalf("bury:\n%s", s)
	}
	m = send(t, m, press("space"))
	m = send(t, m, press("3"))
	m = send(t, m, press("q"))
	m = send(t, m, press("S"))
	if s := screenText(m); !strings.Contains(s, "Reviews · last 26 weeks") || !strings.Contains(s, "1 reviews on 1 days") {
		t.Fatalf("stats:\n%s", s)
	}
	for range 30 {
		m = send(t, m, press("down"))
	}
	if s := screenText(m); !strings.Contains(s, "Ease") || !strings.Contains(s, "New             2") {
		t.Fatalf("stats:\n%s", s)
	}
}

// TestTeatestFlow runs the real program: open a deck, reveal, grade,
// quit, and checks the final model and the note on disk.
func TestTeatestFlow(t *testing.T) {
	cfg, dir := fixture(t)
	tm, waitFor := startProgram(t, New(cfg), 80, 24)
	waitFor("All decks")
	tm.Send(press("enter"))
	waitFor("grant_type")
	tm.Send(press("space"))
	waitFor("Good")
	tm.Send(press("3"))
	waitFor("method")
	tm.Send(press("ctrl+c"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if final.review.queue.Done() != 1 {
		t.Errorf("%d cards done", final.review.queue.Done())
	}
	note, _ := os.ReadFile(filepath.Join(dir, "oauth.md"))
	if !strings.Contains(string(note), "<!--SR:!2023-10-07,3,250-->") {
		t.Errorf("note:\n%s", note)
	}
}

func TestIntervalLabels(t *testing.T) {
	now := time.Date(2023, 10, 4, 23, 30, 0, 0, time.UTC)
	day := func(d string) time.Time { x, _ := time.Parse(time.DateOnly, d); return x }
	tests := []struct {
		st   review.State
		want string
	}{
		{review.State{SM2: &deck.SM2Schedule{Due: day("2023-10-04"), Interval: 0}}, "today"},
		{review.State{SM2: &deck.SM2Schedule{Due: day("2023-10-05"), Interval: 1}}, "1d"},
		{review.State{SM2: &deck.SM2Schedule{Due: day("2023-11-13"), Interval: 39.9}}, "1.3mo"},
		{review.State{FSRS: &fsrs.Card{Due: now.Add(10 * time.Minute)}}, "10m"},
		{review.State{FSRS: &fsrs.Card{Due: now.Add(58 * 24 * time.Hour), ScheduledDays: 58}}, "1.9mo"},
		{review.State{FSRS: &fsrs.Card{ScheduledDays: 800}}, "2.2y"},
	}
	for _, tt := range tests {
		if got := intervalLabel(tt.st, now); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.st, got, tt.want)
		}
	}
	if got := breadcrumb("dir/OAuth.md", []string{"OAuth", "Refresh"}); strings.Join(got, "|") != "OAuth|Refresh" {
		t.Errorf("breadcrumb %q", got)
	}
}

func TestOpenInObsidian(t *testing.T) {
	cfg, _ := fixture(t)
	var opened string
	cfg.ObsidianVault, cfg.Opener = "My Vault", func(u string) error { opened = u; return nil }
	m := openModel(t, cfg, 80, 24)
	m = send(t, m, press("enter"))
	send(t, m, press("o"))
	if opened != "obsidian://open?vault=My+Vault&file=oauth" {
		t.Errorf("opened %q", opened)
	}
}

// TestEditInEditor runs the real program: e suspends the TUI and runs
// $EDITOR with the card's line and note; the note is read again after.
func TestEditInEditor(t *testing.T) {
	cfg, dir := fixture(t)
	script := filepath.Join(t.TempDir(), "editor.sh")
	// The fake editor records its arguments and rewords the first card.
	args := filepath.Join(t.TempDir(), "args")
	os.WriteFile(script, []byte("#!/bin/sh\necho \"$@\" > "+args+"\nsed -i 's/grant_type？/grant_type 的值？/' \"$2\"\n"), 0o755)
	cfg.Editor = script
	tm, waitFor := startProgram(t, New(cfg), 80, 24)
	waitFor("All decks")
	tm.Send(press("enter"))
	waitFor("grant_type")
	tm.Send(press("e"))
	// The renderer writes only what changed: wait for the new words alone.
	waitFor("的值")
	tm.Send(press("ctrl+c"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if c, ok := final.review.sibling(); !ok || !strings.Contains(c.Front, "grant_type 的值？") {
		t.Errorf("the edited card was not read again: %+v", c)
	}
	got, _ := os.ReadFile(args)
	if want := "+5 " + filepath.Join(dir, "oauth.md") + "\n"; string(got) != want {
		t.Errorf("editor got %q, want %q", got, want)
	}
}

func TestResetWarningsAndLabKeys(t *testing.T) {
	cfg, dir := fixture(t)
	// A scheduled card due today, and a note with a broken comment for the
	// warnings list.
	note := strings.Replace(testNote, "`refresh_token`\n", "`refresh_token`\n<!--SR:!2023-10-01,5,230-->\n", 1)
	os.WriteFile(filepath.Join(dir, "oauth.md"), []byte(note), 0o644)
	os.WriteFile(filepath.Join(dir, "broken.md"), []byte("#🧠\n\nQ->->->A\n<!--SR:!2023-13-45,1,250-->\n"), 0o644)
	s, err := cfg.Reopen()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Study = s
	m := openModel(t, cfg, 100, 30)
	if !strings.Contains(screenText(m), "1 warning(s) — press w") {
		t.Fatalf("no warning count:\n%s", screenText(m))
	}
	m = send(t, m, press("w"))
	if s := screenText(m); !strings.Contains(s, "broken.md:4: unreadable schedule segment") {
		t.Fatalf("warnings screen:\n%s", s)
	}
	m = send(t, m, press("esc"))
	m = send(t, m, press("enter"))
	// Due cards come first (new first is the order, but the scheduled card
	// is due): find the scheduled card and reset it with 0.
	for range 5 {
		if strings.Contains(screenText(m), "grant_type？") {
			break
		}
		m = send(t, m, press("s"))
	}
	m = send(t, m, press("0"))
	got, _ := os.ReadFile(filepath.Join(dir, "oauth.md"))
	if !strings.Contains(string(got), "<!--SR:!2023-10-04,1,250-->") {
		t.Fatalf("reset did not write today/1/250:\n%s", got)
	}
	m = send(t, m, press("q"))
	m = send(t, m, press("q"))
	m = send(t, m, press("l"))
	closeLabAtEnd(t, &m)
	if s := screenText(m); !strings.Contains(s, "Pick a lesson") {
		t.Fatalf("l did not open the lab:\n%s", s)
	}
	m = send(t, m, press("esc"))
	if s := screenText(m); !strings.Contains(s, "All decks") {
		t.Fatalf("esc from the lab list did not return to the decks:\n%s", s)
	}
}

// startProgram runs the real program on m in a w×h terminal (ASCII colour
// profile) and returns it with a function that waits until the screen has
// shown text.
func startProgram(t *testing.T, m tea.Model, w, h int) (*teatest.TestModel, func(text string)) {
	t.Helper()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	return tm, func(text string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(ansi.Strip(string(b)), text) },
			teatest.WithDuration(5*time.Second))
	}
}

// openModel is the root model on cfg in a w×h terminal.
func openModel(t *testing.T, cfg Config, w, h int) tea.Model {
	t.Helper()
	return send(t, New(cfg), tea.WindowSizeMsg{Width: w, Height: h})
}

// closeLabAtEnd stops the lab servers the model *m started, when the test
// ends.
func closeLabAtEnd(t *testing.T, m *tea.Model) {
	t.Cleanup(func() {
		if l := (*m).(Model).lab.lab; l != nil {
			l.Close()
		}
	})
}
