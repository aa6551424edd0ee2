package deck

import (
	"math"
	"strings"
	"testing"
	"time"
)

// day is midnight UTC of a calendar date.
func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// instant parses an RFC 3339 test instant.
func instant(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// wantSegment is the expected reading of one segment.
type wantSegment struct {
	raw  string
	kind SegmentKind
	sm2  *SM2Schedule
	fsrs *FSRSState
	// problem is a substring the Problem must contain (invalid segments).
	problem string
}

// checkComment parses text and compares it with want, and checks the
// invariants every parse must keep.
func checkComment(t *testing.T, text string, legacy bool, want []wantSegment) Comment {
	t.Helper()
	c := ParseComment(text)
	checkInvariants(t, c)
	if c.Text != text {
		t.Errorf("Text = %q, want %q", c.Text, text)
	}
	if c.Legacy != legacy {
		t.Errorf("Legacy = %v, want %v", c.Legacy, legacy)
	}
	if len(c.Segments) != len(want) {
		t.Fatalf("%d segments %+v, want %d", len(c.Segments), c.Segments, len(want))
	}
	for i, w := range want {
		g := c.Segments[i]
		if g.Raw != w.raw || g.Kind != w.kind {
			t.Errorf("segment %d = %q %v, want %q %v (problem %q)", i, g.Raw, g.Kind, w.raw, w.kind, g.Problem)
		}
		if w.sm2 != nil && (g.SM2 == nil || !g.SM2.Due.Equal(w.sm2.Due) || g.SM2.Interval != w.sm2.Interval || g.SM2.Ease != w.sm2.Ease) {
			t.Errorf("segment %d SM2 = %+v, want %+v", i, g.SM2, w.sm2)
		}
		if w.fsrs != nil {
			if g.FSRS == nil {
				t.Errorf("segment %d FSRS = nil, want %+v", i, w.fsrs)
			} else {
				checkFSRS(t, *g.FSRS, *w.fsrs)
			}
		}
		if w.problem != "" && !strings.Contains(g.Problem, w.problem) {
			t.Errorf("segment %d Problem = %q, want it to contain %q", i, g.Problem, w.problem)
		}
	}
	return c
}

// checkFSRS compares two FSRS states field by field.
func checkFSRS(t *testing.T, got, want FSRSState) {
	t.Helper()
	lastEqual := (got.LastReview == nil) == (want.LastReview == nil) &&
		(got.LastReview == nil || got.LastReview.Equal(*want.LastReview))
	if !got.Due.Equal(want.Due) || got.Due.Location() != time.UTC || got.ScheduledDays != want.ScheduledDays ||
		got.Stability != want.Stability || got.Difficulty != want.Difficulty || got.State != want.State ||
		got.Reps != want.Reps || got.Lapses != want.Lapses || got.LearningStep != want.LearningStep || !lastEqual {
		t.Errorf("FSRS = %+v (last %v), want %+v (last %v)", got, got.LastReview, want, want.LastReview)
	}
}

// checkInvariants checks what must hold for any input.
func checkInvariants(t *testing.T, c Comment) {
	t.Helper()
	prevEnd := 0
	for i, s := range c.Segments {
		if s.Start < prevEnd || s.Start >= s.End || s.End > len(c.Text) {
			t.Fatalf("segment %d span [%d,%d) out of order or bounds (text %d bytes, previous end %d)", i, s.Start, s.End, len(c.Text), prevEnd)
		}
		prevEnd = s.End
		if c.Text[s.Start:s.End] != s.Raw {
			t.Errorf("segment %d: text[%d:%d] = %q, Raw = %q", i, s.Start, s.End, c.Text[s.Start:s.End], s.Raw)
		}
		if strings.Contains(s.Raw, "!") {
			t.Errorf("segment %d Raw %q contains '!'", i, s.Raw)
		}
		if a, b := trimJSSpace(s.Raw, 0, len(s.Raw)); a != 0 || b != len(s.Raw) {
			t.Errorf("segment %d Raw %q is not trimmed", i, s.Raw)
		}
		if (s.Kind == SegmentSM2) != (s.SM2 != nil) || (s.Kind == SegmentFSRS) != (s.FSRS != nil) ||
			(s.Kind == SegmentInvalid) != (s.Problem != "") {
			t.Errorf("segment %d %q: kind %v with SM2 %v, FSRS %v, Problem %q", i, s.Raw, s.Kind, s.SM2, s.FSRS, s.Problem)
		}
	}
}

// TestParseCommentVectors reads every comment of data/osr-parse-vectors.json
// (plugin v1.15.4 output) and expects the schedules the plugin read.
func TestParseCommentVectors(t *testing.T) {
	lastReview := instant(t, "2023-10-04T08:00:00.000Z")
	tests := []struct {
		vector, text string
		legacy       bool
		want         []wantSegment
	}{
		{"user_card_custom_separator, user_card_default_tag, blank_line_between_card_and_comment, two_comments_on_same_card (second)",
			"<!--SR:!2023-09-15,19,210-->", false,
			[]wantSegment{{raw: "2023-09-15,19,210", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 15), 19, 210}}}},
		{"same_line_comment_and_note_level_subdeck_tag",
			"<!--SR:!2023-09-30,5,250-->", false,
			[]wantSegment{{raw: "2023-09-30,5,250", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 30), 5, 250}}}},
		{"multi_sibling_cloze_with_dummy_new_entry",
			"<!--SR:!2023-09-02,4,270!2000-01-01,1,250!2023-09-05,6,290-->", false,
			[]wantSegment{
				{raw: "2023-09-02,4,270", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 2), 4, 270}},
				{raw: "2000-01-01,1,250", kind: SegmentNew},
				{raw: "2023-09-05,6,290", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 5), 6, 290}},
			}},
		{"multiline_basic_with_schedule",
			"<!--SR:!2023-10-01,3,230-->", false,
			[]wantSegment{{raw: "2023-10-01,3,230", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 10, 1), 3, 230}}}},
		{"reversed_inline_and_block_id",
			"<!--SR:!2023-09-20,3,250!2023-09-21,4,250-->", false,
			[]wantSegment{
				{raw: "2023-09-20,3,250", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 20), 3, 250}},
				{raw: "2023-09-21,4,250", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 21), 4, 250}},
			}},
		{"legacy_comment_without_bang",
			"<!--SR:2023-09-15,19,210-->", true,
			[]wantSegment{{raw: "2023-09-15,19,210", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 15), 19, 210}}}},
		{"fsrs_comment",
			"<!--SR:!fsrs,2023-10-10T08:00:00.000Z,6,6.2,5.1,2,4,0,0,2023-10-04T08:00:00.000Z-->", false,
			[]wantSegment{{raw: "fsrs,2023-10-10T08:00:00.000Z,6,6.2,5.1,2,4,0,0,2023-10-04T08:00:00.000Z", kind: SegmentFSRS,
				fsrs: &FSRSState{Due: instant(t, "2023-10-10T08:00:00Z"), ScheduledDays: 6, Stability: 6.2, Difficulty: 5.1,
					State: 2, Reps: 4, Lapses: 0, LearningStep: 0, LastReview: &lastReview}}}},
		{"two_comments_on_same_card (first)",
			"<!--SR:!2023-09-01,3,250-->", false,
			[]wantSegment{{raw: "2023-09-01,3,250", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 1), 3, 250}}}},
		// corrupted_comments: the plugin read 2023-01-20 / NaN / NaN / 19 and
		// 210; recall reports each segment as invalid instead (defects D3, D4).
		{"corrupted_comments Q1", "<!--SR:!2023-13-45,19,210-->", false,
			[]wantSegment{{raw: "2023-13-45,19,210", kind: SegmentInvalid,
				problem: `invalid date "2023-13-45"; the Obsidian plugin would read it leniently as another date`}}},
		{"corrupted_comments Q2", "<!--SR:!2023-09-15,abc,210-->", false,
			[]wantSegment{{raw: "2023-09-15,abc,210", kind: SegmentInvalid,
				problem: `interval "abc" is not a number; the Obsidian plugin would compute NaN and write NaN back`}}},
		{"corrupted_comments Q3", "<!--SR:!2023-09-15,19-->", false,
			[]wantSegment{{raw: "2023-09-15,19", kind: SegmentInvalid,
				problem: "ease missing; the Obsidian plugin would read NaN"}}},
		{"corrupted_comments Q4", "<!--SR:!2023-09-15,19.7,210.5-->", false,
			[]wantSegment{{raw: "2023-09-15,19.7,210.5", kind: SegmentInvalid,
				problem: `ease "210.5" is not a whole non-negative number; the Obsidian plugin would read 210`}}},
	}
	for _, tt := range tests {
		t.Run(tt.vector, func(t *testing.T) {
			c := checkComment(t, tt.text, tt.legacy, tt.want)
			if tt.legacy {
				return
			}
			raws := make([]string, len(c.Segments))
			for i, s := range c.Segments {
				raws[i] = "!" + s.Raw
			}
			if got := BuildComment(raws); got != tt.text {
				t.Errorf("BuildComment(Raw segments) = %q, want %q", got, tt.text)
			}
		})
	}
}

func TestParseCommentSM2Forms(t *testing.T) {
	tests := []struct {
		name, text string
		legacy     bool
		want       []wantSegment
	}{
		{"DD-MM-YYYY", "<!--SR:!15-09-2023,19,210-->", false,
			[]wantSegment{{raw: "15-09-2023,19,210", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 15), 19, 210}}}},
		{"ddd MMM DD YYYY", "<!--SR:!Fri Sep 15 2023,19,210-->", false,
			[]wantSegment{{raw: "Fri Sep 15 2023,19,210", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 15), 19, 210}}}},
		{"wrong weekday", "<!--SR:!Thu Sep 15 2023,19,210-->", false,
			[]wantSegment{{raw: "Thu Sep 15 2023,19,210", kind: SegmentInvalid, problem: `invalid date "Thu Sep 15 2023"`}}},
		{"29 February of a leap year", "<!--SR:!2024-02-29,1,250-->", false,
			[]wantSegment{{raw: "2024-02-29,1,250", kind: SegmentSM2, sm2: &SM2Schedule{day(2024, 2, 29), 1, 250}}}},
		{"29 February of a common year", "<!--SR:!2023-02-29,1,250-->", false,
			[]wantSegment{{raw: "2023-02-29,1,250", kind: SegmentInvalid, problem: "leniently as another date"}}},
		{"single-digit month", "<!--SR:!2023-9-15,19,210-->", false,
			[]wantSegment{{raw: "2023-9-15,19,210", kind: SegmentInvalid, problem: `invalid date "2023-9-15"`}}},
		{"no date at all", "<!--SR:!soon,19,210-->", false,
			[]wantSegment{{raw: "soon,19,210", kind: SegmentInvalid, problem: "read it as an invalid date"}}},
		{"one decimal (loadBalance off)", "<!--SR:!2023-11-13,39.9,210-->", false,
			[]wantSegment{{raw: "2023-11-13,39.9,210", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 11, 13), 39.9, 210}}}},
		{"several decimals are kept", "<!--SR:!2023-11-13,19.75,210-->", false,
			[]wantSegment{{raw: "2023-11-13,19.75,210", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 11, 13), 19.75, 210}}}},
		{"interval 0 from Again", "<!--SR:!2023-10-04,0,190-->", false,
			[]wantSegment{{raw: "2023-10-04,0,190", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 10, 4), 0, 190}}}},
		{"ease 0 and large ease", "<!--SR:!2023-10-04,1,0!2023-10-04,1,9999-->", false,
			[]wantSegment{
				{raw: "2023-10-04,1,0", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 10, 4), 1, 0}},
				{raw: "2023-10-04,1,9999", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 10, 4), 1, 9999}},
			}},
		{"interval with trailing dot", "<!--SR:!2023-10-04,19.,210-->", false,
			[]wantSegment{{raw: "2023-10-04,19.,210", kind: SegmentInvalid,
				problem: `interval "19." is not a non-negative number of days; the Obsidian plugin would read 19`}}},
		{"negative interval", "<!--SR:!2023-10-04,-3,210-->", false,
			[]wantSegment{{raw: "2023-10-04,-3,210", kind: SegmentInvalid, problem: "the Obsidian plugin would read -3"}}},
		{"negative ease", "<!--SR:!2023-10-04,3,-210-->", false,
			[]wantSegment{{raw: "2023-10-04,3,-210", kind: SegmentInvalid, problem: "the Obsidian plugin would read -210"}}},
		{"NaN written back by the plugin (D3)", "<!--SR:!2023-10-04,NaN,NaN-->", false,
			[]wantSegment{{raw: "2023-10-04,NaN,NaN", kind: SegmentInvalid, problem: `interval "NaN" is not a number`}}},
		{"interval missing", "<!--SR:!2023-10-04-->", false,
			[]wantSegment{{raw: "2023-10-04", kind: SegmentInvalid, problem: "interval missing; the Obsidian plugin would read NaN"}}},
		{"ease out of range", "<!--SR:!2023-10-04,1,99999999999999999999-->", false,
			[]wantSegment{{raw: "2023-10-04,1,99999999999999999999", kind: SegmentInvalid,
				problem: `ease "99999999999999999999" is out of range; the Obsidian plugin would read 100000000000000000000`}}},
		{"extra field", "<!--SR:!2023-10-04,1,250,7-->", false,
			[]wantSegment{{raw: "2023-10-04,1,250,7", kind: SegmentInvalid,
				problem: `unexpected field(s) "7" after the ease; the Obsidian plugin would ignore them`}}},
		{"placeholder in another format", "<!--SR:!01-01-2000,1,230-->", false,
			[]wantSegment{{raw: "01-01-2000,1,230", kind: SegmentNew}}},
		{"broken placeholder", "<!--SR:!2000-01-01,x,250-->", false,
			[]wantSegment{{raw: "2000-01-01,x,250", kind: SegmentInvalid,
				problem: `interval "x" is not a number; the Obsidian plugin would treat the sibling as new (date 2000-01-01)`}}},
		{"whitespace and empty pieces", "<!--SR: !2023-09-02,4,270 !!\t!2000-01-01,1,250\u00a0-->", false,
			[]wantSegment{
				{raw: "2023-09-02,4,270", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 2), 4, 270}},
				{raw: "2000-01-01,1,250", kind: SegmentNew},
			}},
		{"piece before the first bang", "<!--SR:2023-09-02,4,270!2023-09-05,6,290-->", false,
			[]wantSegment{
				{raw: "2023-09-02,4,270", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 2), 4, 270}},
				{raw: "2023-09-05,6,290", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 5), 6, 290}},
			}},
		{"legacy with spaces", "<!--SR: 2023-09-15,19,210 -->", true,
			[]wantSegment{{raw: "2023-09-15,19,210", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 15), 19, 210}}}},
		{"empty", "<!--SR:-->", false, nil},
		{"only bangs", "<!--SR:!! !-->", false, nil},
		{"bare fsrs is a date", "<!--SR:!fsrs-->", false,
			[]wantSegment{{raw: "fsrs", kind: SegmentInvalid, problem: `invalid date "fsrs"`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkComment(t, tt.text, tt.legacy, tt.want)
		})
	}
}

func TestParseCommentSpans(t *testing.T) {
	text := "<!--SR:!2023-09-02,4,270! 2000-01-01,1,250 !fsrs,2023-10-10T08:00:00.000Z,6,6.2,5.1,2,4,0,0,--->"
	c := ParseComment(text)
	want := []struct{ start, end int }{{8, 24}, {26, 42}, {44, len(text) - 3}}
	if len(c.Segments) != len(want) {
		t.Fatalf("%d segments, want %d", len(c.Segments), len(want))
	}
	for i, w := range want {
		if s := c.Segments[i]; s.Start != w.start || s.End != w.end {
			t.Errorf("segment %d span [%d,%d), want [%d,%d)", i, s.Start, s.End, w.start, w.end)
		}
	}
	// Replacing one segment by its span keeps every other byte.
	s := c.Segments[1]
	got := text[:s.Start] + "2023-10-07,3,250" + text[s.End:]
	if want := "<!--SR:!2023-09-02,4,270! 2023-10-07,3,250 !fsrs,2023-10-10T08:00:00.000Z,6,6.2,5.1,2,4,0,0,--->"; got != want {
		t.Errorf("replaced = %q, want %q", got, want)
	}
}

func TestParseCommentFSRS(t *testing.T) {
	due := instant(t, "2023-12-01T09:00:00Z")
	last := instant(t, "2023-10-04T09:00:00Z")
	tests := []struct {
		name, text string
		want       []wantSegment
	}{
		{"migrated Good review (fsrs.md §9.3)",
			"<!--SR:!fsrs,2023-12-01T09:00:00.000Z,58,58.49383838,6.98822837,2,5,0,0,2023-10-04T09:00:00.000Z-->",
			[]wantSegment{{raw: "fsrs,2023-12-01T09:00:00.000Z,58,58.49383838,6.98822837,2,5,0,0,2023-10-04T09:00:00.000Z", kind: SegmentFSRS,
				fsrs: &FSRSState{Due: due, ScheduledDays: 58, Stability: 58.49383838, Difficulty: 6.98822837, State: 2, Reps: 5, LastReview: &last}}}},
		{"reset card, no last review",
			"<!--SR:!fsrs,2023-12-01T09:00:00.000Z,0,0,0,0,0,0,0,--->",
			[]wantSegment{{raw: "fsrs,2023-12-01T09:00:00.000Z,0,0,0,0,0,0,0,-", kind: SegmentFSRS, fsrs: &FSRSState{Due: due}}}},
		{"offset instant is converted to UTC",
			"<!--SR:!fsrs,2023-12-01T11:00:00+02:00,58,58.5,7,2,5,0,0,2023-10-04T09:00:00Z-->",
			[]wantSegment{{raw: "fsrs,2023-12-01T11:00:00+02:00,58,58.5,7,2,5,0,0,2023-10-04T09:00:00Z", kind: SegmentFSRS,
				fsrs: &FSRSState{Due: due, ScheduledDays: 58, Stability: 58.5, Difficulty: 7, State: 2, Reps: 5, LastReview: &last}}}},
		{"mixed with SM-2 siblings",
			"<!--SR:!2023-09-02,4,270!fsrs,2023-12-01T09:00:00.000Z,0,0,0,0,0,0,0,-!2000-01-01,1,250-->",
			[]wantSegment{
				{raw: "2023-09-02,4,270", kind: SegmentSM2, sm2: &SM2Schedule{day(2023, 9, 2), 4, 270}},
				{raw: "fsrs,2023-12-01T09:00:00.000Z,0,0,0,0,0,0,0,-", kind: SegmentFSRS, fsrs: &FSRSState{Due: due}},
				{raw: "2000-01-01,1,250", kind: SegmentNew},
			}},
		{"due dash is new", "<!--SR:!fsrs,-,0,0,0,0,0,0,0,--->",
			[]wantSegment{{raw: "fsrs,-,0,0,0,0,0,0,0,-", kind: SegmentNew}}},
		{"too few fields", "<!--SR:!fsrs,2023-12-01T09:00:00.000Z,58,58.5-->",
			[]wantSegment{{raw: "fsrs,2023-12-01T09:00:00.000Z,58,58.5", kind: SegmentInvalid, problem: "FSRS segment has 4 fields instead of 10"}}},
		{"too many fields", "<!--SR:!fsrs,2023-12-01T09:00:00.000Z,0,0,0,0,0,0,0,-,x-->",
			[]wantSegment{{raw: "fsrs,2023-12-01T09:00:00.000Z,0,0,0,0,0,0,0,-,x", kind: SegmentInvalid,
				problem: "FSRS segment has 11 fields instead of 10; the Obsidian plugin would ignore the extra ones"}}},
		{"bad due", "<!--SR:!fsrs,2023-12-01,0,0,0,0,0,0,0,--->",
			[]wantSegment{{raw: "fsrs,2023-12-01,0,0,0,0,0,0,0,-", kind: SegmentInvalid, problem: `due "2023-12-01" is not an RFC 3339 instant`}}},
		{"bad last review", "<!--SR:!fsrs,2023-12-01T09:00:00.000Z,0,0,0,0,0,0,0,yesterday-->",
			[]wantSegment{{raw: "fsrs,2023-12-01T09:00:00.000Z,0,0,0,0,0,0,0,yesterday", kind: SegmentInvalid, problem: `last review "yesterday" is not an RFC 3339 instant`}}},
		{"state out of range", "<!--SR:!fsrs,2023-12-01T09:00:00.000Z,0,0,0,4,0,0,0,--->",
			[]wantSegment{{raw: "fsrs,2023-12-01T09:00:00.000Z,0,0,0,4,0,0,0,-", kind: SegmentInvalid,
				problem: `state "4" is not 0, 1, 2 or 3; the Obsidian plugin would read 4`}}},
		{"fractional interval", "<!--SR:!fsrs,2023-12-01T09:00:00.000Z,6.5,0,0,2,0,0,0,--->",
			[]wantSegment{{raw: "fsrs,2023-12-01T09:00:00.000Z,6.5,0,0,2,0,0,0,-", kind: SegmentInvalid,
				problem: `interval "6.5" is not a whole non-negative number; the Obsidian plugin would read 6.5`}}},
		{"NaN stability", "<!--SR:!fsrs,2023-12-01T09:00:00.000Z,6,NaN,5,2,1,0,0,--->",
			[]wantSegment{{raw: "fsrs,2023-12-01T09:00:00.000Z,6,NaN,5,2,1,0,0,-", kind: SegmentInvalid,
				problem: `stability "NaN" is not a number; the Obsidian plugin would compute NaN`}}},
		{"negative lapses", "<!--SR:!fsrs,2023-12-01T09:00:00.000Z,6,6,5,2,1,-1,0,--->",
			[]wantSegment{{raw: "fsrs,2023-12-01T09:00:00.000Z,6,6,5,2,1,-1,0,-", kind: SegmentInvalid,
				problem: `lapses "-1" is not a whole non-negative number; the Obsidian plugin would read -1`}}},
		{"broken due dash", "<!--SR:!fsrs,-,x,0,0,0,0,0,0,--->",
			[]wantSegment{{raw: "fsrs,-,x,0,0,0,0,0,0,-", kind: SegmentInvalid,
				problem: `interval "x" is not a number; the Obsidian plugin would treat the sibling as new (due "-")`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkComment(t, tt.text, false, tt.want)
		})
	}
}

func TestParseCalendarDate(t *testing.T) {
	for _, s := range []string{"2023-09-15", "15-09-2023", "Fri Sep 15 2023"} {
		got, err := parseCalendarDate(s)
		if err != nil || !got.Equal(day(2023, 9, 15)) || got.Location() != time.UTC {
			t.Errorf("parseCalendarDate(%q) = %v, %v; want 2023-09-15 UTC", s, got, err)
		}
	}
	for _, s := range []string{
		"", "2023-13-45", "2023-00-10", "2023-04-31", "2023-02-29", "2023-9-15", "2023/09/15", "+023-09-15",
		"15-9-2023", "32-01-2023", "Fri Sep 16 2023", "fri sep 15 2023", "Fri Sept 15 2023", "Fri Sep 15 2023 ",
		"2023-09-15T00:00:00Z",
	} {
		if got, err := parseCalendarDate(s); err == nil {
			t.Errorf("parseCalendarDate(%q) = %v, want an error", s, got)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	// Expected strings are JavaScript's String(x).
	tests := []struct {
		in   float64
		want string
	}{
		{19, "19"},
		{39.9, "39.9"},
		{56.8, "56.8"},
		{9.5, "9.5"},
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{250, "250"},
		{2.11810397, "2.11810397"},
		{58.49383838, "58.49383838"},
		{6.98822837, "6.98822837"},
		{0.30000000000000004, "0.30000000000000004"}, // 0.1+0.2 at run time
		{36525, "36525"},
		{-1.5, "-1.5"},
		{0.000001, "0.000001"},
		{1e-7, "1e-7"},
		{1.5e-10, "1.5e-10"},
		{1e21, "1e+21"},
		{123456789012345680000, "123456789012345680000"},
	}
	for _, tt := range tests {
		got, err := FormatNumber(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("FormatNumber(%v) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got, err := FormatNumber(f); err == nil {
			t.Errorf("FormatNumber(%v) = %q, want an error", f, got)
		}
	}
}

func TestFormatSM2Segment(t *testing.T) {
	tests := []struct {
		in   SM2Schedule
		want string
	}{
		{SM2Schedule{day(2023, 9, 15), 19, 210}, "!2023-09-15,19,210"},
		{SM2Schedule{day(2023, 11, 13), 39.9, 210}, "!2023-11-13,39.9,210"},
		{SM2Schedule{day(2023, 10, 4), 0, 190}, "!2023-10-04,0,190"},
		{SM2Schedule{day(2023, 11, 30), 56.8, 230}, "!2023-11-30,56.8,230"},
	}
	for _, tt := range tests {
		got, err := FormatSM2Segment(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("FormatSM2Segment(%+v) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []SM2Schedule{
		{day(2023, 9, 15), math.NaN(), 210},
		{day(2023, 9, 15), math.Inf(1), 210},
		{day(2023, 9, 15), -1, 210},
		{day(2023, 9, 15), 1e21, 210},
		{day(2023, 9, 15), 19, -5},
		{time.Time{}, 19, 210},
		{day(10000, 1, 1), 19, 210},
	} {
		if got, err := FormatSM2Segment(bad); err == nil {
			t.Errorf("FormatSM2Segment(%+v) = %q, want an error", bad, got)
		}
	}
}

func TestFormatFSRSSegment(t *testing.T) {
	due := instant(t, "2023-12-01T09:00:00Z")
	last := instant(t, "2023-10-04T11:00:00+02:00")
	st := FSRSState{Due: due, ScheduledDays: 58, Stability: 58.49383838, Difficulty: 6.98822837, State: 2, Reps: 5, LastReview: &last}
	got, err := FormatFSRSSegment(st)
	if want := "!fsrs,2023-12-01T09:00:00.000Z,58,58.49383838,6.98822837,2,5,0,0,2023-10-04T09:00:00.000Z"; err != nil || got != want {
		t.Errorf("FormatFSRSSegment = %q, %v; want %q", got, err, want)
	}
	ex := FSRSState{Due: instant(t, "2023-10-10T08:00:00.123456Z"), ScheduledDays: 6, Stability: 6.2, Difficulty: 5.1, State: 2, Reps: 4}
	got, err = FormatFSRSSegment(ex)
	if want := "!fsrs,2023-10-10T08:00:00.123Z,6,6.2,5.1,2,4,0,0,-"; err != nil || got != want {
		t.Errorf("FormatFSRSSegment = %q, %v; want %q", got, err, want)
	}

	zero := time.Time{}
	for name, mutate := range map[string]func(*FSRSState){
		"NaN stability":       func(s *FSRSState) { s.Stability = math.NaN() },
		"infinite difficulty": func(s *FSRSState) { s.Difficulty = math.Inf(1) },
		"negative stability":  func(s *FSRSState) { s.Stability = -1 },
		"tiny stability":      func(s *FSRSState) { s.Stability = 1e-9 },
		"state 4":             func(s *FSRSState) { s.State = 4 },
		"negative reps":       func(s *FSRSState) { s.Reps = -1 },
		"negative interval":   func(s *FSRSState) { s.ScheduledDays = -1 },
		"zero due":            func(s *FSRSState) { s.Due = time.Time{} },
		"zero last review":    func(s *FSRSState) { s.LastReview = &zero },
	} {
		bad := st
		mutate(&bad)
		if got, err := FormatFSRSSegment(bad); err == nil {
			t.Errorf("%s: FormatFSRSSegment = %q, want an error", name, got)
		}
	}
}

func TestPlaceholderSegment(t *testing.T) {
	if got := PlaceholderSegment(250); got != "!2000-01-01,1,250" {
		t.Errorf("PlaceholderSegment(250) = %q", got)
	}
	c := ParseComment(BuildComment([]string{PlaceholderSegment(230)}))
	if len(c.Segments) != 1 || c.Segments[0].Kind != SegmentNew {
		t.Errorf("placeholder reads as %+v, want one new segment", c.Segments)
	}
}

func TestBuildComment(t *testing.T) {
	// Worked example of obsidian-sr.md §7.3, cloze C, sibling 0 Easy.
	seg, err := FormatSM2Segment(SM2Schedule{day(2023, 10, 19), 15, 290})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := BuildComment([]string{seg, PlaceholderSegment(250)}), "<!--SR:!2023-10-19,15,290!2000-01-01,1,250-->"; got != want {
		t.Errorf("BuildComment = %q, want %q", got, want)
	}
}

// TestFormatParseRoundTrip writes schedules and reads them back.
func TestFormatParseRoundTrip(t *testing.T) {
	last := instant(t, "2024-02-29T23:59:59.999Z")
	fs := FSRSState{Due: instant(t, "2024-03-01T00:00:00.001Z"), ScheduledDays: 1, Stability: 0.001, Difficulty: 10, State: 3, Reps: 12, Lapses: 3, LearningStep: 1, LastReview: &last}
	sm := SM2Schedule{day(2024, 2, 29), 9.5, 130}
	a, err := FormatSM2Segment(sm)
	if err != nil {
		t.Fatal(err)
	}
	b, err := FormatFSRSSegment(fs)
	if err != nil {
		t.Fatal(err)
	}
	checkComment(t, BuildComment([]string{a, b}), false, []wantSegment{
		{raw: a[1:], kind: SegmentSM2, sm2: &sm},
		{raw: b[1:], kind: SegmentFSRS, fsrs: &fs},
	})
}

func FuzzParseComment(f *testing.F) {
	for _, seed := range []string{
		"<!--SR:!2023-09-15,19,210-->",
		"<!--SR:2023-09-15,19,210-->",
		"<!--SR:!2023-09-02,4,270!2000-01-01,1,250!2023-09-05,6,290-->",
		"<!--SR:!fsrs,2023-10-10T08:00:00.000Z,6,6.2,5.1,2,4,0,0,2023-10-04T08:00:00.000Z-->",
		"<!--SR:!fsrs,-,0,0,0,0,0,0,0,--->",
		"<!--SR:!Fri Sep 15 2023,19.5,210!15-09-2023,1,1-->",
		"<!--SR:!2023-13-45,abc,210.5,x-->",
		"<!--SR: ! \u00a0!\ufeff-->",
		"<!--SR:-->",
		"<!--SR",
		"-->",
		"",
		"\xff!\xfe,1,2",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		c := ParseComment(text)
		checkInvariants(t, c)
		var raws []string
		for _, s := range c.Segments {
			raws = append(raws, "!"+s.Raw)
			// A valid schedule that can be written reads back the same.
			switch s.Kind {
			case SegmentSM2:
				if out, err := FormatSM2Segment(*s.SM2); err == nil {
					back := ParseComment(BuildComment([]string{out}))
					if len(back.Segments) != 1 || back.Segments[0].SM2 == nil || !back.Segments[0].SM2.Due.Equal(s.SM2.Due) ||
						back.Segments[0].SM2.Interval != s.SM2.Interval || back.Segments[0].SM2.Ease != s.SM2.Ease {
						t.Errorf("%q: %q reads back as %+v", s.Raw, out, back.Segments)
					}
				}
			case SegmentFSRS:
				if out, err := FormatFSRSSegment(*s.FSRS); err == nil {
					back := ParseComment(BuildComment([]string{out}))
					if len(back.Segments) != 1 || back.Segments[0].FSRS == nil {
						t.Errorf("%q: %q reads back as %+v", s.Raw, out, back.Segments)
					} else {
						// Instants are written with milliseconds, as JavaScript does.
						want := *s.FSRS
						want.Due = want.Due.Truncate(time.Millisecond)
						if want.LastReview != nil {
							last := want.LastReview.Truncate(time.Millisecond)
							want.LastReview = &last
						}
						checkFSRS(t, *back.Segments[0].FSRS, want)
					}
				}
			}
		}
		// Rebuilding from the segments gives the same segments.
		again := ParseComment(BuildComment(raws))
		if len(again.Segments) != len(c.Segments) {
			t.Fatalf("rebuilt comment has %d segments, want %d", len(again.Segments), len(c.Segments))
		}
		for i := range again.Segments {
			if again.Segments[i].Raw != c.Segments[i].Raw || again.Segments[i].Kind != c.Segments[i].Kind {
				t.Errorf("rebuilt segment %d = %q %v, want %q %v", i, again.Segments[i].Raw, again.Segments[i].Kind, c.Segments[i].Raw, c.Segments[i].Kind)
			}
		}
	})
}

func TestJSParseIntAndFloat(t *testing.T) {
	// Expected values are JavaScript's parseInt(s) and parseFloat(s).
	tests := []struct {
		in         string
		int, float string
	}{
		{"19", "19", "19"},
		{"19.7", "19", "19.7"},
		{" \u00a019abc", "19", "19"},
		{"-3", "-3", "-3"},
		{"+4.5e2x", "4", "450"},
		{"0x1A", "26", "0"},
		{".5", "NaN", "0.5"},
		{"abc", "NaN", "NaN"},
		{"", "NaN", "NaN"},
		{"Infinity", "NaN", "Infinity"},
		{"1e400", "1", "Infinity"},
		{"-0", "0", "0"},
	}
	for _, tt := range tests {
		if got := jsNumberString(jsParseInt(tt.in)); got != tt.int {
			t.Errorf("parseInt(%q) = %s, want %s", tt.in, got, tt.int)
		}
		if got := jsNumberString(jsParseFloat(tt.in)); got != tt.float {
			t.Errorf("parseFloat(%q) = %s, want %s", tt.in, got, tt.float)
		}
	}
}
