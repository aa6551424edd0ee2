package deck

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// expectedVault is a <name>.expected.json file: the plugin's own cards for a
// real vault.
type expectedVault struct {
	Counts struct {
		Questions int `json:"questions"`
		Cards     int `json:"cards"`
	} `json:"counts"`
	Cards []struct {
		File     string   `json:"file"`
		Line     int      `json:"line"`
		CardType string   `json:"cardType"`
		CardIdx  int      `json:"cardIdx"`
		Siblings int      `json:"siblings"`
		Question string   `json:"question"`
		Answer   string   `json:"answer"`
		Decks    []string `json:"decks"`
		Schedule *struct {
			Algorithm  string   `json:"algorithm"`
			Due        string   `json:"due"`
			Interval   float64  `json:"interval"`
			Ease       *int     `json:"ease"`
			Stability  *float64 `json:"stability"`
			Difficulty *float64 `json:"difficulty"`
			State      *int     `json:"state"`
			Reps       *int     `json:"reps"`
			Lapses     *int     `json:"lapses"`
			LastReview *string  `json:"lastReview"`
		} `json:"schedule"`
	} `json:"cards"`
}

func TestRealVault(t *testing.T) {
	const name = "polyipseity-information"
	dir := "testdata/vaults/" + name
	data, err := os.ReadFile("testdata/vaults/" + name + ".expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want expectedVault
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	v, parser := mustScan(t, dir)
	type key struct {
		file      string
		line, idx int
	}
	got := map[key]*Card{}
	gotQ := map[key]*Question{}
	total := 0
	for _, n := range v.Notes {
		for _, q := range n.Questions {
			for i := range q.Cards {
				k := key{n.Path, q.FirstLine, i}
				got[k], gotQ[k] = &q.Cards[i], q
				total++
			}
		}
	}
	// The plugin's first line is wrong for a block that follows an HTML
	// comment or an inline card in the same paragraph (it keeps the line of
	// the previous blank line); recall reports the line the card starts on.
	// Such a card is matched with the next question recall finds below the
	// plugin's line.
	starts := map[string][]int{}
	for k := range got {
		if k.idx == 0 {
			starts[k.file] = append(starts[k.file], k.line)
		}
	}
	for _, lines := range starts {
		slices.Sort(lines)
	}
	pluginLines := map[key]bool{}
	for _, wc := range want.Cards {
		pluginLines[key{wc.File, wc.Line, 0}] = true
	}
	corrected := map[key]int{}
	matched := 0
	for _, wc := range want.Cards {
		k := key{wc.File, wc.Line, wc.CardIdx}
		if got[k] == nil || corrected[key{wc.File, wc.Line, 0}] != 0 {
			line, ok := corrected[key{wc.File, wc.Line, 0}]
			if !ok {
				for _, l := range starts[wc.File] {
					if l > wc.Line && !pluginLines[key{wc.File, l, 0}] {
						line = l
						break
					}
				}
				corrected[key{wc.File, wc.Line, 0}] = line
			}
			k.line = line
		}
		c, q := got[k], gotQ[k]
		if c == nil {
			t.Errorf("%s:%d card %d (%s) not found", wc.File, wc.Line, wc.CardIdx, wc.CardType)
			continue
		}
		matched++
		delete(got, k)
		where := fmt.Sprintf("%s:%d card %d", wc.File, wc.Line, wc.CardIdx)
		if pluginTypeName(q.Type) != wc.CardType || len(q.Cards) != wc.Siblings {
			t.Errorf("%s: type %s with %d siblings, want %s with %d", where, q.Type, len(q.Cards), wc.CardType, wc.Siblings)
		}
		if !slices.Equal(q.Decks, wc.Decks) {
			t.Errorf("%s: decks %q, want %q", where, q.Decks, wc.Decks)
		}
		front, back := c.Front, c.Back
		if q.Type == Cloze {
			// The plugin puts each deletion's text in place with
			// JavaScript's replace(), which turns "$$" (LaTeX display math)
			// in it into "$"; recall shows the text as written.
			kind := parser.clozeKindOf(q.Text)
			dels := parser.deletions(q.Text, kind)
			for i := range dels {
				dels[i].answer = strings.ReplaceAll(dels[i].answer, "$$", "$")
			}
			sides := clozeCards(q.Text, kind, dels)
			front, back = sides[c.Sibling][0], sides[c.Sibling][1]
		}
		if front != fromPlugin(wc.Question) || back != fromPlugin(wc.Answer) {
			t.Errorf("%s: front %s; back %s", where, firstDiff(front, fromPlugin(wc.Question)), firstDiff(back, fromPlugin(wc.Answer)))
		}
		ws := wc.Schedule
		switch {
		case ws == nil:
			if c.Schedule != nil {
				t.Errorf("%s: scheduled, want new", where)
			}
		case c.Schedule == nil:
			t.Errorf("%s: new, want %+v", where, *ws)
		case ws.Algorithm == "SM2":
			s := c.Schedule.SM2
			if s == nil || s.Due.Format(time.DateOnly) != ws.Due || s.Interval != ws.Interval || ws.Ease == nil || s.Ease != *ws.Ease {
				t.Errorf("%s: schedule %+v, want %+v", where, c.Schedule, *ws)
			}
		case ws.Algorithm == "FSRS":
			f := c.Schedule.FSRS
			if f == nil || f.Due.UTC().Format("2006-01-02T15:04:05.000Z") != ws.Due || float64(f.ScheduledDays) != ws.Interval ||
				f.Stability != *ws.Stability || f.Difficulty != *ws.Difficulty || f.State != *ws.State || f.Reps != *ws.Reps || f.Lapses != *ws.Lapses {
				t.Errorf("%s: fsrs schedule %+v, want %+v", where, f, *ws)
			}
		}
	}
	if matched != want.Counts.Cards {
		t.Errorf("matched %d of the plugin's %d cards", matched, want.Counts.Cards)
	}
	// What is left must be exactly the cards the plugin loses to its
	// HTML-comment defect, each announced by a warning.
	d1 := 0
	for _, w := range v.AllWarnings() {
		if strings.Contains(w.Msg, "plugin ignores") {
			d1++
		}
	}
	if len(got) > 0 && d1 == 0 {
		t.Errorf("recall found %d cards the plugin does not, and no warning explains them: %v", len(got), got)
	}
	warnings := v.AllWarnings()
	for k := range got {
		found := slices.ContainsFunc(warnings, func(w Warning) bool {
			return w.Path == k.file && strings.Contains(w.Msg, "plugin ignores") && strings.Contains(w.Msg, fmt.Sprint(k.line))
		})
		if !found {
			t.Errorf("no warning names the card at %s:%d that the plugin loses", k.file, k.line)
		}
	}
	t.Logf("%d notes, %d cards, %d warnings; %d questions reported on their real first line instead of the plugin's", len(v.Notes), total, len(warnings), len(corrected))
}

// firstDiff describes where got and want first differ.
func firstDiff(got, want string) string {
	if got == want {
		return "equal"
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-40)
	return fmt.Sprintf("differs at byte %d: %q, want %q", i, got[from:min(len(got), i+40)], want[from:min(len(want), i+40)])
}

// mustScan scans the vault in dir with the plugin settings found there
// (which must exist) and returns the result and the parser used.
func mustScan(tb testing.TB, dir string) (*Vault, *Parser) {
	tb.Helper()
	fsys := os.DirFS(dir)
	s, found, err := LoadSettings(fsys)
	if err != nil || !found {
		tb.Fatalf("LoadSettings(%s): found=%v err=%v", dir, found, err)
	}
	p := NewParser(s)
	v, err := ScanVault(fsys, p, ScanOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return v, p
}
