package deck

import "time"

// SegmentKind says what one segment of a schedule comment holds.
type SegmentKind int

// The kinds of schedule segment.
const (
	// SegmentNew is the placeholder of an unreviewed sibling
	// (date 2000-01-01) or an FSRS segment whose due field is "-".
	SegmentNew SegmentKind = iota
	// SegmentSM2 is "!YYYY-MM-DD,interval,ease".
	SegmentSM2
	// SegmentFSRS is "!fsrs,due,interval,stability,difficulty,state,reps,lapses,step,lastReview".
	SegmentFSRS
	// SegmentInvalid is a segment recall cannot read strictly; the sibling
	// is treated as new and the segment's bytes are kept verbatim.
	SegmentInvalid
)

// String names the kind.
func (k SegmentKind) String() string {
	switch k {
	case SegmentNew:
		return "new"
	case SegmentSM2:
		return "sm2"
	case SegmentFSRS:
		return "fsrs"
	default:
		return "invalid"
	}
}

// SM2Schedule is the schedule of one sibling under SM-2-OSR.
type SM2Schedule struct {
	// Due is the due date: a calendar date, held as midnight UTC.
	Due time.Time
	// Interval is the interval in days as written (may have one decimal).
	Interval float64
	// Ease is the ease in percent (250 means 2.5×).
	Ease int
}

// FSRSState is the state of one sibling under FSRS, as the plugin writes it
// in an "!fsrs," segment.
type FSRSState struct {
	Due           time.Time // due instant (UTC)
	ScheduledDays int       // interval in days; 0 while in learning steps
	Stability     float64
	Difficulty    float64
	State         int // 0 New, 1 Learning, 2 Review, 3 Relearning
	Reps          int
	Lapses        int
	LearningStep  int
	LastReview    *time.Time // nil when written as "-"
}

// Segment is one '!'-separated piece of a schedule comment.
type Segment struct {
	// Raw is the segment's text exactly as in the note, without the leading
	// '!' (for the legacy form without '!', the whole inner text).
	Raw string
	// Start and End are the byte offsets of Raw inside the comment's bytes
	// (the comment starting at "<!--SR:").
	Start, End int
	Kind       SegmentKind
	SM2        *SM2Schedule // set when Kind is SegmentSM2
	FSRS       *FSRSState   // set when Kind is SegmentFSRS
	// Problem says why the segment is invalid, and how the Obsidian plugin
	// would read it; set when Kind is SegmentInvalid.
	Problem string
}

// Comment is a parsed "<!--SR:...-->" schedule comment.
type Comment struct {
	// Text is the whole comment, "<!--SR:" through "-->".
	Text string
	// Legacy is true for the very old form without '!'.
	Legacy bool
	// Segments are the siblings' segments in sibling order.
	Segments []Segment
}
