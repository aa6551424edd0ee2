package notes

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The deck's card syntax, as configured in data.json.
const (
	deckTag      = "#🧠"
	inlineSep    = "->->->"
	multilineSep = "?"
)

var (
	// Cloze regexes of the default pattern "==[123;;]answer[;;hint]==" (spec/obsidian-sr.md §4.5).
	simpleCloze      = regexp.MustCompile(`==(.+?)(?:;;(.+?))?==`)
	numberedCloze    = regexp.MustCompile(`==(\d+);;(.+?)(?:;;(.+?))?==`)
	overlappingCloze = regexp.MustCompile(`==([ash]+);;(.+?)(?:;;(.+?))?==`)
	// The plugin's question-specific tag regex.
	leadingTag = regexp.MustCompile(`^#[^\s#]+`)
	heading    = regexp.MustCompile(`^#{1,6} \S`)
)

// cardCounts is what checkNote finds in one note.
type cardCounts struct {
	inline, multiline, clozeBlocks, clozeDeletions int
}

func (c cardCounts) total() int { return c.inline + c.multiline + c.clozeBlocks }

// block is a paragraph as the plugin's line algorithm sees it: lines between
// blank lines, with column-0 fenced code kept inside the block.
type block struct {
	first  int      // 1-based line number of the first line
	lines  []string // raw lines, fence lines included
	fenced []bool   // whether each line belongs to a fenced code block
}

func splitBlocks(lines []string) []block {
	var blocks []block
	var cur block
	flush := func() {
		if len(cur.lines) > 0 {
			blocks = append(blocks, cur)
		}
		cur = block{}
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		if len(cur.lines) == 0 {
			cur.first = i + 1
		}
		if strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~") {
			fence := line[:len(line)-len(strings.TrimLeft(line, line[:1]))]
			cur.lines = append(cur.lines, line)
			cur.fenced = append(cur.fenced, true)
			for i++; i < len(lines); i++ {
				cur.lines = append(cur.lines, lines[i])
				cur.fenced = append(cur.fenced, true)
				if strings.HasPrefix(lines[i], fence) {
					break
				}
			}
			continue
		}
		cur.lines = append(cur.lines, line)
		cur.fenced = append(cur.fenced, false)
	}
	flush()
	return blocks
}

// insideInlineCode reports whether the first occurrence of sep in line is
// inside inline code (odd number of backticks before and after it).
func insideInlineCode(line, sep string) bool {
	i := strings.Index(line, sep)
	before := strings.Count(line[:i], "`")
	after := strings.Count(line[i+len(sep):], "`")
	return before%2 == 1 && after%2 == 1
}

// checkTag reports a problem unless line starts with the deck tag or a sub-deck of it.
func checkTag(line string) string {
	tag := leadingTag.FindString(line)
	if tag != deckTag && !strings.HasPrefix(tag, deckTag+"/") {
		return fmt.Sprintf("card does not start with the deck tag %s: %q", deckTag, line)
	}
	if !strings.HasPrefix(line, tag+" ") {
		return fmt.Sprintf("deck tag not followed by a space: %q", line)
	}
	return ""
}

// checkNote checks one note against the rules of the embedded deck and
// returns the cards it found and every problem, each prefixed with name:line.
func checkNote(name string, data []byte) (cardCounts, []string) {
	var counts cardCounts
	var problems []string
	report := func(line int, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}

	if !utf8.Valid(data) {
		report(0, "not valid UTF-8")
	}
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		report(1, "starts with a byte order mark")
	}
	if !bytes.HasSuffix(data, []byte("\n")) {
		report(0, "does not end with a newline")
	}
	text := string(data)
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")

	for i, line := range lines {
		n := i + 1
		for _, bad := range []string{"\r", "<!--", "-->", ":::", "::", "%%", "$$"} {
			if strings.Contains(line, bad) {
				report(n, "contains %q", bad)
			}
		}
		if c := strings.Count(line, inlineSep); c > 1 {
			report(n, "contains %s %d times", inlineSep, c)
		}
		if strings.Contains(strings.ReplaceAll(line, inlineSep, ""), "->") {
			report(n, "contains -> outside the card separator")
		}
		if strings.TrimSpace(line) == "??" {
			report(n, "reversed multiline separator ?? used")
		}
		// '#' only as a heading marker or as the leading deck tag: anywhere
		// else it could turn into an Obsidian tag.
		rest := line
		switch {
		case heading.MatchString(line):
			rest = strings.TrimLeft(line, "#")
			if i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
				report(n, "heading not followed by a blank line")
			}
			if i > 0 && strings.TrimSpace(lines[i-1]) != "" {
				report(n, "heading not preceded by a blank line")
			}
		case strings.HasPrefix(line, "#"):
			rest = strings.TrimPrefix(line, leadingTag.FindString(line))
		}
		if strings.Contains(rest, "#") {
			report(n, "'#' in the middle of a line")
		}
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "# ") {
		report(1, "note does not start with an H1 heading")
	}

	for _, b := range splitBlocks(lines) {
		var inline, seps, clozes []int // indexes into b.lines
		for j, line := range b.lines {
			if b.fenced[j] {
				if strings.Contains(line, "==") {
					report(b.first+j, "== inside fenced code")
				}
				continue
			}
			if strings.Contains(line, inlineSep) && !insideInlineCode(line, inlineSep) {
				inline = append(inline, j)
			}
			if strings.TrimSpace(line) == multilineSep {
				seps = append(seps, j)
			}
			if strings.Contains(line, "==") {
				clozes = append(clozes, j)
			}
		}
		kinds := 0
		for _, k := range [][]int{inline, seps, clozes} {
			if len(k) > 0 {
				kinds++
			}
		}
		if kinds > 1 {
			report(b.first, "block mixes inline, multiline and cloze syntax")
			continue
		}
		switch {
		case len(inline) > 0:
			// Every line of an inline block must be a card of its own.
			for j, line := range b.lines {
				// A "lab: NAME" line right below a card links it to a lab
				// scenario.
				if !slices.Contains(inline, j) {
					if !(j > 0 && slices.Contains(inline, j-1) && labLine.MatchString(line)) {
						report(b.first+j, "line in a block of inline cards is not a card: %q", line)
					}
					continue
				}
				if p := checkTag(line); p != "" {
					report(b.first+j, "%s", p)
				}
				front, back, _ := strings.Cut(strings.TrimPrefix(line, leadingTag.FindString(line)), inlineSep)
				if strings.TrimSpace(front) == "" || strings.TrimSpace(back) == "" {
					report(b.first+j, "inline card with an empty side")
				}
				counts.inline++
			}
		case len(seps) > 0:
			if len(seps) > 1 {
				report(b.first+seps[1], "more than one multiline separator in a card")
			}
			if seps[0] == 0 || seps[0] == len(b.lines)-1 {
				report(b.first+seps[0], "multiline card with an empty side")
			}
			if p := checkTag(b.lines[0]); p != "" {
				report(b.first, "%s", p)
			} else if strings.TrimSpace(strings.TrimPrefix(b.lines[0], leadingTag.FindString(b.lines[0]))) == "" {
				report(b.first, "multiline card front is only a tag")
			}
			counts.multiline++
		case len(clozes) > 0:
			if p := checkTag(b.lines[0]); p != "" {
				report(b.first, "%s", p)
			}
			for _, j := range clozes {
				line := b.lines[j]
				if numberedCloze.MatchString(line) || overlappingCloze.MatchString(line) {
					report(b.first+j, "deletion reads as a numbered or overlapping cloze")
				}
				m := simpleCloze.FindAllString(line, -1)
				if strings.Count(line, "==") != 2*len(m) {
					report(b.first+j, "unbalanced == (every == must belong to a cloze deletion)")
				}
				counts.clozeDeletions += len(m)
			}
			counts.clozeBlocks++
		default:
			for j, line := range b.lines {
				if strings.HasPrefix(line, deckTag) {
					report(b.first+j, "deck tag outside a card")
				}
			}
		}
	}
	return counts, problems
}

// readNotes returns the Markdown notes of the embedded vault by path.
func readNotes(t *testing.T) map[string][]byte {
	t.Helper()
	notes := map[string][]byte{}
	err := fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".md" {
			return err
		}
		data, err := fs.ReadFile(FS(), p)
		notes[p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) == 0 {
		t.Fatal("the embedded vault holds no Markdown notes")
	}
	return notes
}

func TestFSContents(t *testing.T) {
	var files []string
	err := fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var md int
	for _, f := range files {
		switch {
		case f == SettingsPath:
		case path.Ext(f) == ".md" && !strings.Contains(f, "/"):
			md++
		default:
			t.Errorf("unexpected file in the vault: %s", f)
		}
	}
	if md < 2 {
		t.Errorf("want at least 2 notes at the vault root, found %d in %v", md, files)
	}
	if !slices.Contains(files, SettingsPath) {
		t.Errorf("%s missing from the vault; files: %v", SettingsPath, files)
	}
	if Name == "" {
		t.Error("Name is empty")
	}
}

func TestSettings(t *testing.T) {
	data, err := fs.ReadFile(FS(), SettingsPath)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Settings map[string]json.RawMessage `json:"settings"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&file); err != nil {
		t.Fatalf("decode %s: %v", SettingsPath, err)
	}
	if file.Settings == nil {
		t.Fatal(`data.json has no "settings" object`)
	}
	want := map[string]any{
		"flashcardTags":                    []any{deckTag},
		"flashcardTagsToIgnore":            []any{},
		"convertFoldersToDecks":            false,
		"singleLineCardSeparator":          inlineSep,
		"singleLineReversedCardSeparator":  ":::",
		"multilineCardSeparator":           multilineSep,
		"multilineReversedCardSeparator":   "??",
		"multilineCardEndMarker":           "",
		"clozePatterns":                    []any{"==[123;;]answer[;;hint]=="},
		"convertHighlightsToClozes":        true,
		"convertBoldTextToClozes":          false,
		"convertCurlyBracketsToClozes":     false,
		"noteFoldersToIgnore":              []any{"**/*.excalidraw.md"},
		"cardCommentOnSameLine":            false,
		"useCalloutsForSchedulingComments": false,
		"showContextInCards":               true,
		"algorithm":                        "SM-2-OSR",
		"baseEase":                         250.0,
		"lapsesIntervalChange":             0.5,
		"easyBonus":                        1.3,
		"loadBalance":                      true,
		"maximumInterval":                  36525.0,
		"dataStore":                        "NOTES",
		"tagsToReview":                     []any{"#review"},
	}
	for key, w := range want {
		raw, ok := file.Settings[key]
		if !ok {
			t.Errorf("settings.%s missing", key)
			continue
		}
		var got any
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Errorf("settings.%s: %v", key, err)
			continue
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("settings.%s = %#v, want %#v", key, got, w)
		}
	}

	// The inline separators must not collide with each other or with the
	// schedule comment syntax (spec/obsidian-sr.md §4.1, plugin issue #836).
	var sep, rsep string
	if err := json.Unmarshal(file.Settings["singleLineCardSeparator"], &sep); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(file.Settings["singleLineReversedCardSeparator"], &rsep); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{sep, rsep} {
		for _, comment := range []string{"<!--SR:", "-->", "> [!sr|card-metadata]"} {
			if s == "" || strings.Contains(comment, s) {
				t.Errorf("separator %q is empty or occurs in %q", s, comment)
			}
		}
	}
	if strings.Contains(sep, rsep) || strings.Contains(rsep, sep) {
		t.Errorf("separators %q and %q overlap", sep, rsep)
	}
}

// labLine is a card's link to a lab scenario of the simulator.
var labLine = regexp.MustCompile(`^lab: (happy|wrong-secret|basic-raw|reuse|wider-scope|narrower-scope|expired|revoked|missing-grant-type|reauthorize)$`)

func TestNotes(t *testing.T) {
	var all cardCounts
	for name, data := range readNotes(t) {
		counts, problems := checkNote(name, data)
		for _, p := range problems {
			t.Error(p)
		}
		if counts.total() < 5 {
			t.Errorf("%s: only %d cards", name, counts.total())
		}
		t.Logf("%s: %d inline, %d multiline, %d cloze paragraphs (%d deletions)",
			name, counts.inline, counts.multiline, counts.clozeBlocks, counts.clozeDeletions)
		all.inline += counts.inline
		all.multiline += counts.multiline
		all.clozeBlocks += counts.clozeBlocks
		all.clozeDeletions += counts.clozeDeletions
	}
	if all.total() < 35 {
		t.Errorf("deck has %d cards, want at least 35", all.total())
	}
	if all.multiline < 3 || all.clozeBlocks < 3 || all.inline < 25 {
		t.Errorf("want at least 25 inline, 3 multiline and 3 cloze cards; have %+v", all)
	}
}

// TestRawRules checks the rules of the brief on the raw bytes, independently
// of checkNote's block parser.
func TestRawRules(t *testing.T) {
	for name, data := range readNotes(t) {
		if !utf8.Valid(data) {
			t.Errorf("%s: not valid UTF-8", name)
		}
		for _, bad := range []string{"\r", "<!--SR:", ":::"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s: contains %q", name, bad)
			}
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "## ") {
				continue
			}
			if strings.Contains(line, inlineSep) && !strings.HasPrefix(line, deckTag) {
				t.Errorf("%s:%d: inline card does not start with %s", name, i+1, deckTag)
			}
		}
	}
}

// TestCoverage checks that the deck still asks about every topic the brief
// requires, so that cards are not silently lost.
func TestCoverage(t *testing.T) {
	var all strings.Builder
	for _, data := range readNotes(t) {
		all.Write(data)
	}
	text := all.String()
	for _, term := range []string{
		"grant_type", "refresh_token", "`scope`", "application/x-www-form-urlencoded", "POST /token",
		"client_secret_basic", "client_secret_post", "form-urlencode", "public client",
		"access_token", "token_type", "expires_in", "Cache-Control: no-store", "Pragma: no-cache",
		"invalid_request", "invalid_client", "invalid_grant", "unauthorized_client",
		"unsupported_grant_type", "invalid_scope", "WWW-Authenticate",
		`error="invalid_token"`, "insufficient_scope", "403",
		"rotation", "reuse", "sender-constrained", "RFC 9700",
		"/revoke", "token_type_hint", "RFC 7009", "`active`", "RFC 7662",
	} {
		if !strings.Contains(text, term) {
			t.Errorf("no card mentions %q", term)
		}
	}
}

// TestCheckNoteRejects makes sure the checker itself catches broken decks.
func TestCheckNoteRejects(t *testing.T) {
	const ok = "# T\n\n## H\n\n#🧠/oauth Q？->->-> `A`\n#🧠 Q2->->-> A2\n\n#🧠 front\n?\nback\n\n#🧠 a ==cloze== here\n"
	if counts, problems := checkNote("ok.md", []byte(ok)); len(problems) > 0 || counts.total() != 4 {
		t.Fatalf("valid note: counts %+v, problems %v", counts, problems)
	}
	bad := map[string]string{
		"no tag":             "# T\n\nQ->->->A\n",
		"other tag":          "# T\n\n#flashcards Q->->->A\n",
		"schedule comment":   "# T\n\n#🧠 Q->->->A\n<!--SR:!2023-09-15,19,210-->\n",
		"reversed separator": "# T\n\n#🧠 Q:::A\n",
		"heading in card":    "# T\n## H\n#🧠 front\n?\nback\n",
		"stray highlight":    "# T\n\nsome ==highlight== text\n",
		"numbered cloze":     "# T\n\n#🧠 a ==1;;b== c\n",
		"arrow":              "# T\n\n#🧠 a -> b->->->c\n",
		"CRLF":               "# T\r\n\r\n#🧠 Q->->->A\r\n",
		"empty back":         "# T\n\n#🧠 front\n?\n",
		"text cut by card":   "# T\n\nintro\n#🧠 Q->->->A\n",
		"separator in code":  "# T\n\n#🧠 `a->->->b`\n",
		"mid-line hash":      "# T\n\n#🧠 see issue #1617->->->A\n",
		"invalid UTF-8":      "# T\n\n#🧠 Q->->->\xff\n",
	}
	for name, note := range bad {
		if _, problems := checkNote(name+".md", []byte(note)); len(problems) == 0 {
			t.Errorf("%s: no problem reported for %q", name, note)
		}
	}
}
