package deck

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// userSettings are the settings of the user's real vault: deck tag #🧠 and
// the inline separator ->->->.
func userSettings() Settings {
	s := DefaultSettings()
	s.FlashcardTags = []string{"#🧠"}
	s.SingleLineCardSeparator = "->->->"
	return s
}

// warningsOf returns the "line: message" forms of a note's warnings.
func warningsOf(n *Note) []string {
	var out []string
	for _, w := range n.Warnings {
		out = append(out, strings.TrimPrefix(strings.TrimPrefix(w.String(), n.Path+":"), " "))
	}
	return out
}

func TestBadInputWarns(t *testing.T) {
	long := "#🧠\n\n" + strings.Repeat("x", 10<<20) + "->->->y\nQ->->->A\n"
	tests := []struct {
		name  string
		src   string
		want  string // substring of one warning, starting with its line
		cards int    // cards still read
	}{
		{"invalid date", "#🧠\nQ->->->A\n<!--SR:!2023-13-45,19,210-->\n", `3: unreadable schedule segment "2023-13-45,19,210" for sibling 0`, 1},
		{"non-numeric interval", "#🧠\nQ->->->A\n<!--SR:!2023-09-15,abc,210-->\n", `3: unreadable schedule segment "2023-09-15,abc,210"`, 1},
		{"missing ease", "#🧠\nQ->->->A <!--SR:!2023-09-15,19-->\n", `2: unreadable schedule segment "2023-09-15,19"`, 1},
		{"negative interval", "#🧠\nQ->->->A\n<!--SR:!2023-09-15,-3,210-->\n", `3: unreadable schedule segment "2023-09-15,-3,210"`, 1},
		{"blank line before comment", "#🧠\n\nQ->->->A\n\n<!--SR:!2023-09-15,19,210-->\n", "5: schedule comment belongs to no card", 1},
		{"invalid UTF-8", "#🧠\nQ\xff\xfe->->->A\n", "2: invalid UTF-8 (byte 0xFF at column 2)", 1},
		{"binary", "#🧠\x00\x01\x02Q->->->A", "this is a binary file", 0},
		{"enormous line", long, "3: line is 10.0 MB long; it is ignored", 1},
		{"CRLF", "#🧠\r\nQ->->->A\r\n<!--SR:!2023-09-15,19,210-->\r\n", "1: the note has Windows (CRLF) line endings", 1},
		{"BOM", "\ufeff#🧠\nQ->->->A\n", "1: the note starts with a UTF-8 byte order mark", 1},
		{"mojibake 1252", "#🧠\nä½¿ç”¨ token->->->A\n", `2: text looks double-encoded (UTF-8 read as Windows-1252 and saved again): "ä½¿ç”¨" is probably "使用"`, 1},
		{"mojibake 1254 tag", "#ğŸ§\u00a0\nQ->->->A\n", `1: text looks double-encoded (UTF-8 read as Windows-1254 and saved again): "ğŸ§\u00a0" is probably "🧠"`, 0},
		{"unclosed HTML comment", "#🧠\n<!-- draft\nQ1->->->A1\n\nQ2->->->A2\n", "", 0},
		{"two comments", "#🧠\nQ->->->A <!--SR:!2023-09-01,3,250-->\n<!--SR:!2023-09-15,19,210-->\n", "3: this card already has a schedule comment on line 2", 1},
	}
	p := NewParser(userSettings())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			orig := bytes.Clone(src)
			n := p.ParseNote("dir/note.md", src)
			if !bytes.Equal(src, orig) {
				t.Fatal("ParseNote changed its input")
			}
			ws := warningsOf(n)
			if tt.want != "" && !slices.ContainsFunc(ws, func(w string) bool { return strings.HasPrefix(w, tt.want) }) {
				t.Errorf("warnings %q, want one starting %q", ws, tt.want)
			}
			if got := n.Cards(); got != tt.cards {
				t.Errorf("%d cards, want %d", got, tt.cards)
			}
			for _, w := range n.Warnings {
				if w.Path != "dir/note.md" {
					t.Errorf("warning names %q", w.Path)
				}
			}
		})
	}
}

func TestNoFalseMojibake(t *testing.T) {
	for _, s := range []string{"Café crème", "naïve résumé", "Größe", "權限範疇：通常", "→ ← ✓ 🧠", "Ünïcödé ça va"} {
		if d, o, page, ok := mojibake(s); ok {
			t.Errorf("%q flagged: %q → %q (%s)", s, d, o, page)
		}
	}
}

func TestCardIdentity(t *testing.T) {
	p := NewParser(userSettings())
	ids := func(src string) map[string]string {
		n := p.ParseNote("notes/oauth.md", []byte(src))
		m := map[string]string{}
		for _, q := range n.Questions {
			for _, c := range q.Cards {
				m[c.Front] = c.ID
			}
		}
		return m
	}
	base := ids("#🧠\n\nQ1->->->A1\nQ2->->->A2\n")
	edited := ids("# New heading\n#🧠\n\nSome prose.\n\nQ2->->->A2\n<!--SR:!2023-09-15,19,210-->\n\nQ1->->->A1\n")
	if base["Q1"] == "" || base["Q1"] != edited["Q1"] || base["Q2"] != edited["Q2"] {
		t.Errorf("IDs changed by unrelated edits and moves: %v → %v", base, edited)
	}
	if base["Q1"] == base["Q2"] {
		t.Error("two different cards share an ID")
	}
	if spaced := ids("#🧠\n\nQ1   ->->->A1\n"); spaced["Q1"] == base["Q1"] {
		t.Error("inserting spaces before the separator kept the ID; only runs of spaces are normalised")
	}
	changed := ids("#🧠\n\nQ1 changed->->->A1\n")
	if changed["Q1 changed"] == base["Q1"] {
		t.Error("editing a card's text kept its ID")
	}
	if other := p.ParseNote("notes/other.md", []byte("#🧠\n\nQ1->->->A1\n")); other.Questions[0].Cards[0].ID == base["Q1"] {
		t.Error("the same card in two notes has one ID")
	}
	twins := p.ParseNote("n.md", []byte("#🧠\n\nQ->->->A\nQ->->->A\n"))
	if a, b := twins.Questions[0].Cards[0].ID, twins.Questions[1].Cards[0].ID; a == b {
		t.Error("two identical cards share an ID")
	}
	block := p.ParseNote("n.md", []byte("#🧠\n\nQ->->->A ^q1\n"))
	reworded := p.ParseNote("n.md", []byte("#🧠\n\nQuestion->->->Answer ^q1\n"))
	if block.Questions[0].Cards[0].ID != reworded.Questions[0].Cards[0].ID {
		t.Error("a block id does not keep the ID through a rewording")
	}
	rev := p.ParseNote("n.md", []byte("#🧠\n\nhello:::bonjour\n"))
	if c := rev.Questions[0].Cards; c[0].ID == c[1].ID || !strings.HasSuffix(c[1].ID, "-1") {
		t.Errorf("sibling IDs %q %q", c[0].ID, c[1].ID)
	}
}

func TestDecksAndContext(t *testing.T) {
	src := "---\ntags: [🧠/fm]\n---\n# OAuth\n## Refresh\n\nQ1->->->A1\n\n#🧠/network #🧠/tcp\n\nQ2->->->A2\n\n### Deep [^1]\n\n#🧠/x Q3->->->A3\n"
	n := NewParser(userSettings()).ParseNote("n.md", []byte(src))
	want := []struct {
		decks   []string
		context []string
	}{
		{[]string{"🧠/fm"}, []string{"OAuth", "Refresh"}},
		{[]string{"🧠/network", "🧠/tcp"}, []string{"OAuth", "Refresh"}},
		{[]string{"🧠/x"}, []string{"OAuth", "Refresh", "Deep"}},
	}
	if len(n.Questions) != len(want) {
		t.Fatalf("%d questions, want %d", len(n.Questions), len(want))
	}
	for i, w := range want {
		q := n.Questions[i]
		if !slices.Equal(q.Decks, w.decks) || !slices.Equal(q.Context, w.context) {
			t.Errorf("q%d decks %q context %q, want %q %q", i, q.Decks, q.Context, w.decks, w.context)
		}
	}
}

func TestFolderMode(t *testing.T) {
	s := userSettings()
	s.ConvertFoldersToDecks = true
	p := NewParser(s)
	if n := p.ParseNote("root.md", []byte("Q->->->A\n")); n.Cards() != 0 {
		t.Error("a note at the vault root was read in folder mode")
	}
	n := p.ParseNote("net/tcp/n.md", []byte("#other Q->->->A\n"))
	if n.Cards() != 1 || !slices.Equal(n.Questions[0].Decks, []string{"net/tcp"}) || n.Questions[0].Cards[0].Front != "Q" {
		t.Errorf("folder mode: %+v", n.Questions)
	}
}

func TestClozeKinds(t *testing.T) {
	p := NewParser(userSettings())
	tests := []struct {
		name string
		src  string
		want [][2]string
	}{
		{"hint", "#🧠\n\nThe ==token;;what?== endpoint", [][2]string{{"The ==[what?]== endpoint", "The ==token== endpoint"}}},
		{"numbered", "#🧠\n\n==1;;a== ==2;;b== ==1;;c==", [][2]string{{"==[...]== b ==[...]==", "==a== b ==c=="}, {"a ==[...]== c", "a ==b== c"}}},
		{"overlapping", "#🧠\n\n==ash;;a== ==sah;;b==", [][2]string{{"==[...]== b", "==a== b"}, {"a ==[...]==", "a ==b=="}, {"[...] [...]", "[...] [...]"}}},
		{"multi-line", "#🧠\n\nline ==one==\nline ==two==", [][2]string{{"line ==[...]==\nline two", "line ==one==\nline two"}, {"line one\nline ==[...]==", "line one\nline ==two=="}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := p.ParseNote("n.md", []byte(tt.src))
			if len(n.Questions) != 1 || n.Questions[0].Type != Cloze {
				t.Fatalf("questions: %+v", n.Questions)
			}
			var got [][2]string
			for _, c := range n.Questions[0].Cards {
				got = append(got, [2]string{c.Front, c.Back})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestMultilineWithFenceAndEndMarker(t *testing.T) {
	p := NewParser(userSettings())
	n := p.ParseNote("n.md", []byte("#🧠\n\nShow the request\n?\n```http\nPOST /token\n\ngrant_type=refresh_token\n```\n<!--SR:!2023-10-01,3,230-->\n"))
	if len(n.Questions) != 1 {
		t.Fatalf("%d questions", len(n.Questions))
	}
	q := n.Questions[0]
	if q.Type != Multiline || q.Cards[0].Back != "```http\nPOST /token\n\ngrant_type=refresh_token\n```" || q.Comment == nil || q.CommentLine != 10 {
		t.Errorf("fenced answer: %+v %q", q, q.Cards[0].Back)
	}
	s := userSettings()
	s.MultilineCardEndMarker = "+++"
	n = NewParser(s).ParseNote("n.md", []byte("#🧠\n\nFront\n?\nBack one\n\nBack two\n+++\nAfter\n"))
	if len(n.Questions) != 1 || n.Questions[0].Cards[0].Back != "Back one\n\nBack two" {
		t.Errorf("end marker: %+v", n.Questions)
	}
}

func TestLineTags(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"#🧠 question", []string{"#🧠"}},
		{"text #a/b-c_d, #1984 #x1 `#code` #é", []string{"#a/b-c_d", "#x1", "#é"}},
		{"# Heading", nil},
		{"a#b #c.d", []string{"#c"}},
		{"#🧠/network", []string{"#🧠/network"}},
	}
	for _, tt := range tests {
		if got := lineTags(tt.line); !slices.Equal(got, tt.want) {
			t.Errorf("lineTags(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// FuzzParseNote checks that parsing never changes its input, never panics,
// and that every span slices back to exactly its card or comment.
func FuzzParseNote(f *testing.F) {
	for _, seed := range []string{
		"#🧠\n\nQ->->->A\n<!--SR:!2023-09-15,19,210-->\n",
		"#🧠 q->->-> `a` <!--SR:!2023-09-15,19,210-->",
		"#🧠\r\n\r\nfront\r\n?\r\nback\r\n<!--SR:!2023-10-01,3,230-->\r\n",
		"\ufeff---\ntags: [🧠]\n---\nOAuth ==4== grants ==PKCE==\n<!--SR:!2023-09-02,4,270!2000-01-01,1,250-->",
		"#🧠\n<!-- x\n-->\nhello:::bonjour ^id\n> [!sr|card-metadata]\n> <!--SR:!fsrs,2023-10-10T08:00:00.000Z,6,6.2,5.1,2,4,0,0,-!2023-01-01,1,250-->",
		"#🧠\n```\nQ->->->A\n```\n`<!--SR:!2023-09-15,19,210-->`Q->->->A",
		"#🧠\nQ\xff->->->A <!--SR:!2023-13-45,x,-->",
	} {
		f.Add([]byte(seed))
	}
	s := userSettings()
	s.ClozePatterns = append(s.ClozePatterns, "{{[123;;]answer[;;hint]}}")
	p := NewParser(s)
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		n := p.ParseNote("f.md", src)
		if !bytes.Equal(src, orig) {
			t.Fatal("input changed")
		}
		for _, q := range n.Questions {
			if q.Span.Start < 0 || q.Span.End > len(src) || q.Span.Start > q.Span.End {
				t.Fatalf("span %+v out of %d bytes", q.Span, len(src))
			}
			if q.FirstLine < 1 || q.LastLine < q.FirstLine {
				t.Fatalf("lines %d–%d", q.FirstLine, q.LastLine)
			}
			if q.Comment != nil {
				c := q.CommentSpan
				if c.Start < q.Span.Start || c.End > q.Span.End {
					t.Fatalf("comment %+v outside card %+v", c, q.Span)
				}
				text := string(src[c.Start:c.End])
				if text != q.Comment.Text || !strings.HasPrefix(text, "<!--SR:") || !strings.HasSuffix(text, "-->") {
					t.Fatalf("comment span gives %q, parsed %q", text, q.Comment.Text)
				}
				for _, seg := range q.Comment.Segments {
					if seg.Start < 0 || seg.End > len(text) || text[seg.Start:seg.End] != seg.Raw {
						t.Fatalf("segment %+v does not slice back from %q", seg, text)
					}
				}
			}
			if len(q.Cards) == 0 {
				t.Fatal("question without cards")
			}
		}
	})
}

func TestLabLink(t *testing.T) {
	n := NewParser(userSettings()).ParseNote("n.md", []byte("#🧠\n\nQ1->->->A1\nlab: reuse\n\nQ2->->->A2\n<!--SR:!2023-09-15,19,210-->\nlab: wider-scope\n\nQ3->->->A3\n\nlab: happy\n\nQ4->->->A4\nlab: Not A Name\n"))
	want := []string{"reuse", "wider-scope", "", ""}
	if len(n.Questions) != 4 {
		t.Fatalf("%d questions", len(n.Questions))
	}
	for i, q := range n.Questions {
		if q.Lab != want[i] {
			t.Errorf("q%d lab %q, want %q", i+1, q.Lab, want[i])
		}
	}
}
