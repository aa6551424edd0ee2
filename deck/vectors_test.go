package deck

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// parseVector is one case of testdata/osr-parse-vectors.json, produced by
// running the Obsidian plugin v1.15.4.
type parseVector struct {
	Name      string `json:"name"`
	Settings  string `json:"settings"`
	Input     string `json:"input"`
	Questions []struct {
		CardType            string   `json:"cardType"`
		FirstLineNum        int      `json:"firstLineNum"`
		LastLineNum         int      `json:"lastLineNum"`
		Decks               []string `json:"decks"`
		QuestionSpecificTag *string  `json:"questionSpecificTag"`
		BlockID             *string  `json:"blockId"`
		Cards               []struct {
			Question string          `json:"question"`
			Answer   string          `json:"answer"`
			Schedule *vectorSchedule `json:"schedule"`
		} `json:"cards"`
	} `json:"questions"`
}

// vectorSchedule is the plugin's reading of a schedule segment.
type vectorSchedule struct {
	Algorithm string   `json:"algorithm"`
	Due       string   `json:"due"`
	Interval  *float64 `json:"interval"`
	Ease      *float64 `json:"ease"`
}

// vectorSettings turns a vector's settings description into Settings.
func vectorSettings(t *testing.T, v parseVector) Settings {
	t.Helper()
	s := DefaultSettings()
	if strings.Contains(v.Settings, "flashcardTags=['#🧠']") {
		s.FlashcardTags = []string{"#🧠"}
	}
	if strings.Contains(v.Settings, "singleLineCardSeparator='->->->'") {
		s.SingleLineCardSeparator = "->->->"
	}
	if strings.Contains(v.Settings, "clozePatterns=[") {
		s.ClozePatterns = []string{"==[123;;]answer[;;hint]==", "**[123;;]answer[;;hint]**", "{{[123;;]answer[;;hint]}}"}
	}
	return s
}

// pluginCloze is the plugin's rendering of a cloze deletion.
var pluginCloze = regexp.MustCompile(`<span style='color:#2196f3'>(.*?)</span>`)

// fromPlugin converts a plugin front or back to recall's display form.
func fromPlugin(s string) string {
	return strings.TrimFunc(pluginCloze.ReplaceAllString(s, "==$1=="), isJSSpace)
}

// deviations are the vectors where recall differs from the plugin by design
// (obsidian-sr.md §9), with what recall does instead.
var deviations = map[string]struct {
	questions int      // questions recall finds
	warnings  []string // substrings of the warnings recall must give
	newCards  []int    // question indexes whose schedule recall does not read
}{
	"html_comment_block_skip_bug":                 {questions: 2, warnings: []string{"3: Obsidian's Spaced Repetition plugin ignores the 2 card(s) on lines 6–7"}},
	"single_line_html_comment_swallows_next_line": {questions: 2, warnings: []string{"3: Obsidian's Spaced Repetition plugin ignores the 1 card(s) on line 4"}},
	"corrupted_comments": {questions: 4, newCards: []int{0, 1, 2, 3}, warnings: []string{
		`4: unreadable schedule segment "2023-13-45,19,210" for sibling 0`,
		`6: unreadable schedule segment "2023-09-15,abc,210" for sibling 0`,
		`8: unreadable schedule segment "2023-09-15,19" for sibling 0`,
		`10: unreadable schedule segment "2023-09-15,19.7,210.5" for sibling 0`,
	}},
	"user_card_default_settings":          {questions: 0, warnings: []string{"2: schedule comment belongs to no card"}},
	"two_comments_on_same_card":           {questions: 1, warnings: []string{"4: this card already has a schedule comment on line 3"}},
	"blank_line_between_card_and_comment": {questions: 1, warnings: []string{"5: schedule comment belongs to no card"}},
}

func TestParseVectors(t *testing.T) {
	data, err := os.ReadFile("testdata/osr-parse-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Vectors []parseVector `json:"vectors"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Vectors) != 21 {
		t.Fatalf("got %d vectors, want 21", len(file.Vectors))
	}
	for _, v := range file.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			p := NewParser(vectorSettings(t, v))
			note := p.ParseNote("note.md", []byte(v.Input))
			var warnings []string
			for _, w := range note.Warnings {
				warnings = append(warnings, w.String())
			}
			dev, deviates := deviations[v.Name]
			for _, want := range dev.warnings {
				if !slices.ContainsFunc(warnings, func(w string) bool { return strings.Contains(w, "note.md:"+want) }) {
					t.Errorf("missing warning %q in %q", want, warnings)
				}
			}
			if !deviates && len(warnings) > 0 {
				t.Errorf("unexpected warnings %q", warnings)
			}
			if deviates && dev.questions != len(v.Questions) {
				if len(note.Questions) != dev.questions {
					t.Fatalf("got %d questions, want %d (recall's fix)", len(note.Questions), dev.questions)
				}
				return
			}
			if len(note.Questions) != len(v.Questions) {
				t.Fatalf("got %d questions, want %d", len(note.Questions), len(v.Questions))
			}
			for i, want := range v.Questions {
				q := note.Questions[i]
				if got := pluginTypeName(q.Type); got != want.CardType {
					t.Errorf("q%d type %s, want %s", i, got, want.CardType)
				}
				if q.FirstLine != want.FirstLineNum+1 || q.LastLine != want.LastLineNum+1 {
					t.Errorf("q%d lines %d–%d, want %d–%d", i, q.FirstLine, q.LastLine, want.FirstLineNum+1, want.LastLineNum+1)
				}
				if !slices.Equal(q.Decks, want.Decks) {
					t.Errorf("q%d decks %q, want %q", i, q.Decks, want.Decks)
				}
				if want.QuestionSpecificTag != nil && q.Tag != *want.QuestionSpecificTag || want.QuestionSpecificTag == nil && q.Tag != "" {
					t.Errorf("q%d tag %q, want %v", i, q.Tag, want.QuestionSpecificTag)
				}
				if want.BlockID != nil && q.BlockID != *want.BlockID || want.BlockID == nil && q.BlockID != "" {
					t.Errorf("q%d block id %q, want %v", i, q.BlockID, want.BlockID)
				}
				if len(q.Cards) != len(want.Cards) {
					t.Fatalf("q%d has %d cards, want %d", i, len(q.Cards), len(want.Cards))
				}
				for k, wc := range want.Cards {
					c := q.Cards[k]
					if c.Front != fromPlugin(wc.Question) || c.Back != fromPlugin(wc.Answer) {
						t.Errorf("q%d card %d = %q / %q, want %q / %q", i, k, c.Front, c.Back, fromPlugin(wc.Question), fromPlugin(wc.Answer))
					}
					wantSchedule := wc.Schedule
					if slices.Contains(dev.newCards, i) {
						wantSchedule = nil
					}
					checkSchedule(t, c.Schedule, wantSchedule)
				}
			}
		})
	}
}

// checkSchedule compares recall's segment with the plugin's reading.
func checkSchedule(t *testing.T, got *Segment, want *vectorSchedule) {
	t.Helper()
	if want == nil {
		if got != nil {
			t.Errorf("schedule %+v, want new", *got)
		}
		return
	}
	if got == nil {
		t.Errorf("new card, want schedule %+v", *want)
		return
	}
	switch want.Algorithm {
	case "SM-2-OSR":
		if got.Kind != SegmentSM2 {
			t.Fatalf("segment kind %v, want sm2", got.Kind)
		}
		s := got.SM2
		if s.Due.Format("2006-01-02") != want.Due || s.Interval != *want.Interval || float64(s.Ease) != *want.Ease {
			t.Errorf("schedule %s,%v,%d, want %s,%v,%v", s.Due.Format("2006-01-02"), s.Interval, s.Ease, want.Due, *want.Interval, *want.Ease)
		}
	case "FSRS":
		if got.Kind != SegmentFSRS {
			t.Fatalf("segment kind %v, want fsrs", got.Kind)
		}
		f := got.FSRS
		if f.Due.UTC().Format("2006-01-02") != want.Due || float64(f.ScheduledDays) != *want.Interval {
			t.Errorf("fsrs schedule %v,%d, want %s,%v", f.Due, f.ScheduledDays, want.Due, *want.Interval)
		}
	}
}

// pluginTypeName is the plugin's name for a card type.
func pluginTypeName(t CardType) string {
	return map[CardType]string{Inline: "SingleLineBasic", InlineReversed: "SingleLineReversed", Multiline: "MultiLineBasic",
		MultilineReversed: "MultiLineReversed", Cloze: "Cloze"}[t]
}
