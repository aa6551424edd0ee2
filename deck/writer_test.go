package deck

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vaultWith writes one note into a new vault folder and returns the opened
// root, the scanned note and its path on disk.
func vaultWith(t *testing.T, p *Parser, name, content string, mode os.FileMode) (*os.Root, *Note, string) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root, p.ParseNote(name, []byte(content)), file
}

// The worked examples of obsidian-sr.md §7.3: bytes before → bytes after.
func TestWriterWorkedExamples(t *testing.T) {
	cardE := "#🧠 token based authentication/OAuth：使用refresh token來申請token請求的封包形式為何？->->-> `封包`\n<!--SR:!2023-09-15,19,210-->\n"
	cardN := "#🧠\n\nWhat is a bearer token?->->->A token that grants access to its holder\n"
	clozeC := "#🧠\n\nOAuth2 has ==4== grant types; PKCE protects the ==authorization code== flow\n<!--SR:!2023-09-02,4,270-->\n"
	sameLine := userSettings()
	sameLine.CardCommentOnSameLine = true
	callout := userSettings()
	callout.UseCalloutsForSchedulingComments = true
	tests := []struct {
		name     string
		settings Settings
		src      string
		question int
		sibling  int
		segment  string
		want     string
	}{
		{"card E good", userSettings(), cardE, 0, 0, "!2023-10-25,40,210", strings.Replace(cardE, "!2023-09-15,19,210", "!2023-10-25,40,210", 1)},
		{"card E same-line setting keeps the comment where it is", sameLine, cardE, 0, 0, "!2023-11-13,40,210", strings.Replace(cardE, "!2023-09-15,19,210", "!2023-11-13,40,210", 1)},
		{"card N easy", userSettings(), cardN, 0, 0, "!2023-10-08,4,270", cardN + "<!--SR:!2023-10-08,4,270-->\n"},
		{"card N same line", sameLine, cardN, 0, 0, "!2023-10-07,3,250", strings.TrimSuffix(cardN, "\n") + " <!--SR:!2023-10-07,3,250-->\n"},
		{"card N callout", callout, cardN, 0, 0, "!2023-10-07,3,250", cardN + "> [!sr|card-metadata] \n> <!--SR:!2023-10-07,3,250-->\n"},
		{"cloze C sibling 0", userSettings(), clozeC, 0, 0, "!2023-10-19,15,290", strings.Replace(clozeC, "<!--SR:!2023-09-02,4,270-->", "<!--SR:!2023-10-19,15,290!2000-01-01,1,250-->", 1)},
		{"cloze C sibling 1", userSettings(), clozeC, 0, 1, "!2023-10-07,3,250", strings.Replace(clozeC, "<!--SR:!2023-09-02,4,270-->", "<!--SR:!2023-09-02,4,270!2023-10-07,3,250-->", 1)},
		{"CRLF", userSettings(), "#🧠\r\n\r\nQ->->->A\r\nnext\r\n", 0, 0, "!2023-10-07,3,250", "#🧠\r\n\r\nQ->->->A\r\n<!--SR:!2023-10-07,3,250-->\r\nnext\r\n"},
		{"BOM and no final newline", userSettings(), "\ufeff#🧠\n\nQ->->->A", 0, 0, "!2023-10-07,3,250", "\ufeff#🧠\n\nQ->->->A\n<!--SR:!2023-10-07,3,250-->"},
		{"CRLF file, last line unterminated", userSettings(), "#🧠\r\n\r\nQ->->->A", 0, 0, "!2023-10-07,3,250", "#🧠\r\n\r\nQ->->->A\r\n<!--SR:!2023-10-07,3,250-->"},
		{"trailing spaces stay", userSettings(), "#🧠\n\nQ->->->A  \n", 0, 0, "!2023-10-07,3,250", "#🧠\n\nQ->->->A  \n<!--SR:!2023-10-07,3,250-->\n"},
		{"block id, next line", userSettings(), "#🧠\n\nhello:::bonjour ^abc-123\n", 0, 1, "!2023-10-07,3,250", "#🧠\n\nhello:::bonjour ^abc-123\n<!--SR:!2000-01-01,1,250!2023-10-07,3,250-->\n"},
		{"block id, same line", sameLine, "#🧠\n\nhello:::bonjour ^abc-123\n", 0, 0, "!2023-10-07,3,250", "#🧠\n\nhello:::bonjour <!--SR:!2023-10-07,3,250!2000-01-01,1,250--> ^abc-123\n"},
		{"same line, card ends with a fence", sameLine, "#🧠\n\nShow it\n?\n```\ncode\n```\n", 0, 0, "!2023-10-07,3,250", "#🧠\n\nShow it\n?\n```\ncode\n```\n<!--SR:!2023-10-07,3,250-->\n"},
		{"second of two identical cards", userSettings(), "#🧠\n\nQ->->->A\n\nQ->->->A\n", 1, 0, "!2023-10-07,3,250", "#🧠\n\nQ->->->A\n\nQ->->->A\n<!--SR:!2023-10-07,3,250-->\n"},
		{"unreadable sibling segment kept", userSettings(), "#🧠\n\nhello:::bonjour\n<!--SR:!2023-13-45,3,250-->\n", 0, 1, "!2023-10-07,3,250", "#🧠\n\nhello:::bonjour\n<!--SR:!2023-13-45,3,250!2023-10-07,3,250-->\n"},
		{"extra segments kept", userSettings(), "#🧠\n\nQ->->->A\n<!--SR:!2023-09-01,3,250!2023-09-02,4,260-->\n", 0, 0, "!2023-10-07,3,250", "#🧠\n\nQ->->->A\n<!--SR:!2023-10-07,3,250!2023-09-02,4,260-->\n"},
		{"legacy comment", userSettings(), "#🧠\n\nQ->->->A <!--SR:2023-09-15,19,210-->\n", 0, 0, "!2023-10-25,40,210", "#🧠\n\nQ->->->A <!--SR:!2023-10-25,40,210-->\n"},
		{"fsrs sibling kept", userSettings(), "#🧠\n\nhello:::bonjour\n<!--SR:!fsrs,2023-10-10T08:00:00.000Z,6,6.2,5.1,2,4,0,0,2023-10-04T08:00:00.000Z-->\n", 0, 1, "!2023-10-07,3,250", "#🧠\n\nhello:::bonjour\n<!--SR:!fsrs,2023-10-10T08:00:00.000Z,6,6.2,5.1,2,4,0,0,2023-10-04T08:00:00.000Z!2023-10-07,3,250-->\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewParser(tt.settings)
			root, note, file := vaultWith(t, p, "sub/note.md", tt.src, 0o640)
			w := NewWriter(root, p)
			edit, err := w.SetSegment(note, note.Questions[tt.question], tt.sibling, tt.segment)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(file)
			if string(got) != tt.want {
				t.Fatalf("note is\n%q\nwant\n%q", got, tt.want)
			}
			if info, _ := os.Stat(file); info.Mode().Perm() != 0o640 {
				t.Errorf("mode %v, want 0640", info.Mode().Perm())
			}
			if entries, _ := os.ReadDir(filepath.Dir(file)); len(entries) != 1 {
				t.Errorf("folder holds %d entries, want only the note", len(entries))
			}
			if err := w.Revert(edit); err != nil {
				t.Fatal(err)
			}
			if back, _ := os.ReadFile(file); string(back) != tt.src {
				t.Fatalf("revert gave\n%q\nwant\n%q", back, tt.src)
			}
		})
	}
}

func TestWriterFindsMovedCard(t *testing.T) {
	p := NewParser(userSettings())
	src := "#🧠\n\nQ1->->->A1\n\nQ2->->->A2\n<!--SR:!2023-09-15,19,210-->\n"
	root, note, file := vaultWith(t, p, "n.md", src, 0o644)
	// Edited in Obsidian after the scan: a paragraph added above.
	edited := "#🧠\n\nNew prose paragraph.\n\nQ1->->->A1\n\nQ2->->->A2\n<!--SR:!2023-09-15,19,210-->\n"
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	w := NewWriter(root, p)
	if _, err := w.SetSegment(note, note.Questions[1], 0, "!2023-10-25,40,210"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(file)
	if want := strings.Replace(edited, "!2023-09-15,19,210", "!2023-10-25,40,210", 1); string(got) != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	// The card's own text edited: it cannot be found again; nothing written.
	if err := os.WriteFile(file, []byte("#🧠\n\nQ2 reworded->->->A2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := w.SetSegment(note, note.Questions[1], 0, "!2023-10-26,41,210")
	if !errors.Is(err, ErrCardMoved) || !strings.Contains(err.Error(), "n.md:5:") {
		t.Fatalf("err = %v, want ErrCardMoved naming n.md:5", err)
	}
	if got, _ := os.ReadFile(file); string(got) != "#🧠\n\nQ2 reworded->->->A2\n" {
		t.Errorf("note changed: %q", got)
	}
}

func TestWriterThroughSymlink(t *testing.T) {
	p := NewParser(userSettings())
	root, _, file := vaultWith(t, p, "real.md", "#🧠\n\nQ->->->A\n", 0o644)
	link := filepath.Join(filepath.Dir(file), "link.md")
	if err := os.Symlink("real.md", link); err != nil {
		t.Skip(err)
	}
	note := p.ParseNote("link.md", []byte("#🧠\n\nQ->->->A\n"))
	if _, err := NewWriter(root, p).SetSegment(note, note.Questions[0], 0, "!2023-10-07,3,250"); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a file: %v", err)
	}
	if got, _ := os.ReadFile(file); !bytes.Contains(got, []byte("<!--SR:!2023-10-07,3,250-->")) {
		t.Errorf("target not written: %q", got)
	}
}

func TestRemoveStaleTemps(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, ".recall-n.md-abc.tmp")
	fresh := filepath.Join(dir, ".recall-n.md-def.tmp")
	for _, f := range []string{old, fresh} {
		os.WriteFile(f, []byte("x"), 0o644)
	}
	past := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, past, past)
	root, _ := os.OpenRoot(dir)
	defer root.Close()
	v, err := ScanVault(root.FS(), NewParser(userSettings()), ScanOptions{})
	if err != nil || len(v.TempFiles) != 2 {
		t.Fatalf("temp files %v, %v", v.TempFiles, err)
	}
	removed := RemoveStaleTemps(root, v.TempFiles, time.Hour, time.Now())
	if len(removed) != 1 || removed[0] != ".recall-n.md-abc.tmp" {
		t.Errorf("removed %v", removed)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a fresh temporary file was removed")
	}
}

// TestWriterChangesOnlyTheComment grades random cards of random notes and
// checks that the only difference is the card's comment: every other card
// reads back with the same text and the same comment, and the bytes outside
// the edit are identical.
func TestWriterChangesOnlyTheComment(t *testing.T) {
	pieces := []string{
		"#🧠\n", "\n", "Q->->->A\n", "Q->->->A <!--SR:!2023-09-01,3,250-->\n", "hello:::bonjour ^id-1\n",
		"<!--SR:!2023-09-15,19,210-->\n", "front\n?\nback\n", "front\n??\nback\n", "==cloze== and ==two==\n",
		"```\nQ->->->code\n```\n", "<!-- note -->\n", "## Heading\n", "prose 權限範疇：通常\n", "- list->->->item\r\n",
		"==c;;hint== x\n<!--SR:!2023-09-02,4,270!bad-->\n", "\ttab Q->->->A\n",
	}
	p := NewParser(userSettings())
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		var b strings.Builder
		b.WriteString("#🧠\n\n")
		for range 3 + rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		src := b.String()
		note := p.ParseNote("n.md", []byte(src))
		if len(note.Questions) == 0 {
			continue
		}
		qi := rng.IntN(len(note.Questions))
		q := note.Questions[qi]
		sib := rng.IntN(len(q.Cards))
		root, _, file := vaultWith(t, p, "n.md", src, 0o644)
		edit, err := NewWriter(root, p).SetSegment(note, q, sib, fmt.Sprintf("!2024-01-%02d,%d,250", 1+round%28, round))
		if err != nil {
			t.Fatalf("round %d: %v\n%q", round, err, src)
		}
		out, _ := os.ReadFile(file)
		if string(out[:edit.Offset]) != src[:edit.Offset] || string(out[edit.Offset+len(edit.New):]) != src[edit.Offset+len(edit.Old):] {
			t.Fatalf("round %d: bytes outside the edit changed", round)
		}
		after := p.ParseNote("n.md", out)
		if len(after.Questions) != len(note.Questions) {
			t.Fatalf("round %d: %d questions after, %d before\n%q\n%q", round, len(after.Questions), len(note.Questions), src, out)
		}
		for i, a := range after.Questions {
			bq := note.Questions[i]
			if a.Cards[0].ID != bq.Cards[0].ID || a.Cards[0].Front != bq.Cards[0].Front || a.Cards[0].Back != bq.Cards[0].Back {
				t.Fatalf("round %d: question %d changed: %q → %q\n%q\n%q", round, i, bq.Text, a.Text, src, out)
			}
			if i != qi && (a.Comment == nil) != (bq.Comment == nil) {
				t.Fatalf("round %d: another card's comment changed", round)
			}
			if i != qi && a.Comment != nil && a.Comment.Text != bq.Comment.Text {
				t.Fatalf("round %d: another card's comment changed", round)
			}
		}
		got := after.Questions[qi].Cards[sib].Schedule
		if got == nil || got.SM2 == nil || got.SM2.Interval != float64(round) {
			t.Fatalf("round %d: graded card reads back %+v\n%q", round, got, out)
		}
	}
}

// FuzzSetSegment grades every question of a fuzzed note and checks that the
// bytes outside the edit never change and that the card reads back with the
// new schedule and no second comment.
func FuzzSetSegment(f *testing.F) {
	for _, seed := range []string{
		"#🧠\n\nQ->->->A\n<!--SR:!2023-09-15,19,210-->\n",
		"#🧠\r\n\r\nhello:::bonjour ^x\r\n",
		"\ufeff#🧠\nfront\n?\nback\n```\ncode\n```",
		"#🧠\n==a== ==b==\n<!--SR:!2023-09-02,4,270!bad!2000-01-01,1,250!extra-->",
		"#🧠\nQ->->->A <!--SR:2023-09-15,19,210--> tail\n",
		"#🧠\n> [!sr|card-metadata]\nQ->->->A\n> [!sr|card-metadata] \n> <!--SR:!2023-09-15,19,210-->",
	} {
		f.Add([]byte(seed))
	}
	p := NewParser(userSettings())
	f.Fuzz(func(t *testing.T, src []byte) {
		note := p.ParseNote("n.md", src)
		if len(note.Questions) == 0 || len(src) > 4096 {
			return
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "n.md"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer root.Close()
		q := note.Questions[len(note.Questions)-1]
		edit, err := NewWriter(root, p).SetSegment(note, q, 0, "!2024-01-02,5,250")
		if err != nil {
			// Refusing is allowed (the check caught something); changing
			// the note then is not.
			if got, _ := os.ReadFile(filepath.Join(dir, "n.md")); !bytes.Equal(got, src) {
				t.Fatalf("refused with %v but changed the note", err)
			}
			return
		}
		out, _ := os.ReadFile(filepath.Join(dir, "n.md"))
		if !bytes.Equal(out[:edit.Offset], src[:edit.Offset]) || !bytes.Equal(out[edit.Offset+len(edit.New):], src[edit.Offset+len(edit.Old):]) {
			t.Fatal("bytes outside the edit changed")
		}
		after := p.ParseNote("n.md", out).question(q.Cards[0].ID)
		if after == nil || after.Cards[0].Schedule == nil || after.Cards[0].Schedule.SM2 == nil || after.Cards[0].Schedule.SM2.Interval != 5 {
			t.Fatalf("the graded card does not read back:\n%q", out)
		}
	})
}
