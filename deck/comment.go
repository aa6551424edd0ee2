package deck

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The delimiters of a schedule comment, and the constants of its segments
// (obsidian-sr.md §5.1).
const (
	commentOpen     = "<!--SR:"
	commentClose    = "-->"
	fsrsPrefix      = "fsrs,"
	fsrsFieldCount  = 10
	placeholderDate = "2000-01-01"
	// fsrsInstantLayout is JavaScript's Date.toISOString: UTC, milliseconds, "Z".
	fsrsInstantLayout = "2006-01-02T15:04:05.000Z07:00"
)

// The strict shapes of segment fields (obsidian-sr.md §5.1). An SM-2
// interval may carry any number of decimals (the plugin writes at most one).
var (
	wholeNumber   = regexp.MustCompile(`^[0-9]+$`)
	decimalNumber = regexp.MustCompile(`^[0-9]+(?:\.[0-9]+)?$`)
)

// ParseComment parses one "<!--SR:...-->" comment (text starts with "<!--SR:"
// and ends with "-->"; a missing delimiter is tolerated and the rest is read
// as the inner text). It never fails: each segment is validated strictly
// (obsidian-sr.md §5.1, §5.4) and an invalid one gets Kind SegmentInvalid and
// a Problem that also says how the Obsidian plugin would read it.
//
// The inner text is split on '!' exactly as the plugin splits it: each piece
// is trimmed of JavaScript whitespace and empty pieces are dropped. Each
// segment's Start and End give the trimmed piece's bytes within text, so
// text[Start:End] == Raw. A comment without any '!' is the legacy form
// (Legacy is true) and its only segment does not follow a '!'; a writer
// that replaces a legacy segment must rebuild the whole comment instead.
//
// SM-2 intervals are kept with all their decimals (the scheduler truncates
// them, as the plugin's parseInt does); more than one decimal is accepted
// without complaint. Dates may be YYYY-MM-DD, DD-MM-YYYY or "ddd MMM DD
// YYYY" and must be real calendar dates; the date 2000-01-01, or an FSRS due
// field "-", makes the segment SegmentNew.
func ParseComment(text string) Comment {
	c := Comment{Text: text}
	start, end := 0, len(text)
	if strings.HasPrefix(text, commentOpen) {
		start = len(commentOpen)
	}
	if strings.HasSuffix(text[start:], commentClose) {
		end = len(text) - len(commentClose)
	}
	for pos := start; ; {
		pieceEnd := end
		bang := strings.IndexByte(text[pos:end], '!')
		if bang >= 0 {
			pieceEnd = pos + bang
		}
		if a, b := trimJSSpace(text, pos, pieceEnd); a < b {
			c.Segments = append(c.Segments, parseSegment(text[a:b], a, b))
		}
		if bang < 0 {
			break
		}
		pos = pieceEnd + 1
	}
	c.Legacy = len(c.Segments) > 0 && !strings.Contains(text[start:end], "!")
	return c
}

// parseSegment validates one trimmed segment text.
func parseSegment(raw string, start, end int) Segment {
	seg := Segment{Raw: raw, Start: start, End: end}
	if rest, ok := strings.CutPrefix(raw, fsrsPrefix); ok {
		seg.Kind, seg.FSRS, seg.Problem = parseFSRSSegment(rest)
	} else {
		seg.Kind, seg.SM2, seg.Problem = parseSM2Segment(raw)
	}
	return seg
}

// segmentProblem is one thing wrong with a segment: what is wrong, and how
// the plugin would read the field.
type segmentProblem struct {
	what, plugin string
}

// segmentCheck keeps the first problem found in a segment; newReason is set
// when the plugin would treat the whole sibling as new whatever the rest says.
type segmentCheck struct {
	first     *segmentProblem
	newReason string
}

// add records p unless an earlier field already had a problem.
func (c *segmentCheck) add(p segmentProblem) {
	if c.first == nil {
		c.first = &p
	}
}

// problem is the Problem text, or "" when the segment is valid.
func (c *segmentCheck) problem() string {
	switch {
	case c.first == nil:
		return ""
	case c.newReason != "":
		return c.first.what + "; the Obsidian plugin would treat the sibling as new (" + c.newReason + ")"
	default:
		return c.first.what + "; the Obsidian plugin would " + c.first.plugin
	}
}

// kind is the segment's kind once all fields are checked.
func (c *segmentCheck) kind(valid SegmentKind) SegmentKind {
	switch {
	case c.first != nil:
		return SegmentInvalid
	case c.newReason != "":
		return SegmentNew
	default:
		return valid
	}
}

// parseSM2Segment reads "date,interval,ease".
func parseSM2Segment(raw string) (SegmentKind, *SM2Schedule, string) {
	fields := strings.Split(raw, ",")
	var c segmentCheck
	due, err := parseCalendarDate(fields[0])
	switch {
	case err != nil:
		c.add(dateProblem(fields[0]))
	case due.Format(time.DateOnly) == placeholderDate:
		c.newReason = "date " + placeholderDate
	}

	var interval float64
	switch {
	case len(fields) < 2 || fields[1] == "":
		c.add(segmentProblem{"interval missing", "read NaN"})
	case !decimalNumber.MatchString(fields[1]):
		c.add(numberProblem("interval", fields[1], "a non-negative number of days", jsParseInt(fields[1])))
	default:
		interval, err = strconv.ParseFloat(fields[1], 64)
		if err != nil {
			c.add(rangeProblem("interval", fields[1], jsParseInt(fields[1])))
		}
	}

	var ease int
	switch {
	case len(fields) < 3 || fields[2] == "":
		c.add(segmentProblem{"ease missing", "read NaN"})
	case !wholeNumber.MatchString(fields[2]):
		c.add(numberProblem("ease", fields[2], "a whole non-negative number", jsParseInt(fields[2])))
	default:
		ease, err = strconv.Atoi(fields[2])
		if err != nil {
			c.add(rangeProblem("ease", fields[2], jsParseInt(fields[2])))
		}
	}

	if len(fields) > 3 {
		c.add(segmentProblem{
			fmt.Sprintf("unexpected field(s) %q after the ease", strings.Join(fields[3:], ",")),
			"ignore them",
		})
	}

	kind := c.kind(SegmentSM2)
	if kind != SegmentSM2 {
		return kind, nil, c.problem()
	}
	return kind, &SM2Schedule{Due: due, Interval: interval, Ease: ease}, ""
}

// dateProblem describes an unreadable SM-2 date.
func dateProblem(s string) segmentProblem {
	if s == "" {
		return segmentProblem{"date missing", "read it as an invalid date"}
	}
	if strings.ContainsAny(s, "0123456789") {
		return segmentProblem{fmt.Sprintf("invalid date %q", s), "read it leniently as another date"}
	}
	return segmentProblem{fmt.Sprintf("invalid date %q", s), "read it as an invalid date"}
}

// numberProblem describes a number field that is not in the strict form,
// with the value the plugin's parseInt or parseFloat gives (NaN included).
func numberProblem(name, s, want string, plugin float64) segmentProblem {
	if math.IsNaN(plugin) {
		return segmentProblem{fmt.Sprintf("%s %q is not a number", name, s), "compute NaN and write NaN back"}
	}
	return segmentProblem{fmt.Sprintf("%s %q is not %s", name, s, want), "read " + jsNumberString(plugin)}
}

// rangeProblem describes a well-formed number too large for recall.
func rangeProblem(name, s string, plugin float64) segmentProblem {
	return segmentProblem{fmt.Sprintf("%s %q is out of range", name, s), "read " + jsNumberString(plugin)}
}

// parseFSRSSegment reads the nine fields after "fsrs," (fsrs.md §9.1).
func parseFSRSSegment(rest string) (SegmentKind, *FSRSState, string) {
	fields := append([]string{"fsrs"}, strings.Split(rest, ",")...)
	var c segmentCheck
	if fields[1] == "-" {
		c.newReason = `due "-"`
	}
	switch {
	case len(fields) < fsrsFieldCount:
		c.add(segmentProblem{
			fmt.Sprintf("FSRS segment has %d fields instead of %d", len(fields), fsrsFieldCount),
			"read the missing values as NaN or as no date",
		})
		return c.kind(SegmentFSRS), nil, c.problem()
	case len(fields) > fsrsFieldCount:
		c.add(segmentProblem{
			fmt.Sprintf("FSRS segment has %d fields instead of %d", len(fields), fsrsFieldCount),
			"ignore the extra ones",
		})
	}

	var st FSRSState
	if c.newReason == "" {
		st.Due = parseInstant(&c, "due", fields[1])
	}
	intField := func(name, s string, plugin func(string) float64) int {
		if !wholeNumber.MatchString(s) {
			c.add(numberProblem(name, s, "a whole non-negative number", plugin(s)))
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			c.add(rangeProblem(name, s, plugin(s)))
		}
		return n
	}
	floatField := func(name, s string) float64 {
		if !decimalNumber.MatchString(s) {
			c.add(numberProblem(name, s, "a non-negative decimal number", jsParseFloat(s)))
			return 0
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			c.add(rangeProblem(name, s, jsParseFloat(s)))
		}
		return f
	}
	st.ScheduledDays = intField("interval", fields[2], jsParseFloat)
	st.Stability = floatField("stability", fields[3])
	st.Difficulty = floatField("difficulty", fields[4])
	st.State = intField("state", fields[5], jsParseInt)
	if st.State > 3 {
		c.add(segmentProblem{fmt.Sprintf("state %q is not 0, 1, 2 or 3", fields[5]), "read " + jsNumberString(jsParseInt(fields[5]))})
	}
	st.Reps = intField("reps", fields[6], jsParseInt)
	st.Lapses = intField("lapses", fields[7], jsParseInt)
	st.LearningStep = intField("learning step", fields[8], jsParseInt)
	if fields[9] != "-" {
		last := parseInstant(&c, "last review", fields[9])
		st.LastReview = &last
	}

	kind := c.kind(SegmentFSRS)
	if kind != SegmentFSRS {
		return kind, nil, c.problem()
	}
	return kind, &st, ""
}

// parseInstant reads an RFC 3339 instant, in UTC, recording a problem in c.
func parseInstant(c *segmentCheck, name, s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		c.add(segmentProblem{
			fmt.Sprintf("%s %q is not an RFC 3339 instant", name, s),
			"read it leniently, possibly as another time or as an invalid date",
		})
		return time.Time{}
	}
	return t.UTC()
}

// shortWeekdays and shortMonths are moment's English "ddd" and "MMM" names.
var (
	shortWeekdays = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	shortMonths   = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// parseCalendarDate reads a date in one of the plugin's ALLOWED_DATE_FORMATS
// ("YYYY-MM-DD", "DD-MM-YYYY", "ddd MMM DD YYYY") strictly: the shape must
// match exactly, the date must exist in the calendar and a weekday name must
// be the date's weekday. The result is midnight UTC.
func parseCalendarDate(s string) (time.Time, error) {
	ok := true
	num := func(digits string) int {
		if !wholeNumber.MatchString(digits) {
			ok = false
			return 0
		}
		n, err := strconv.Atoi(digits)
		ok = ok && err == nil
		return n
	}
	var y, m, d int
	weekday := -1
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, m, d = num(s[0:4]), num(s[5:7]), num(s[8:10])
	case len(s) == 10 && s[2] == '-' && s[5] == '-':
		d, m, y = num(s[0:2]), num(s[3:5]), num(s[6:10])
	case len(s) == 15 && s[3] == ' ' && s[7] == ' ' && s[10] == ' ':
		weekday = slices.Index(shortWeekdays[:], s[0:3])
		m = slices.Index(shortMonths[:], s[4:7]) + 1
		d, y = num(s[8:10]), num(s[11:15])
		ok = ok && weekday >= 0 && m > 0
	default:
		ok = false
	}
	if !ok {
		return time.Time{}, fmt.Errorf("date %q is not in the form YYYY-MM-DD, DD-MM-YYYY or \"ddd MMM DD YYYY\"", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Errorf("date %q does not exist in the calendar", s)
	}
	if weekday >= 0 && int(t.Weekday()) != weekday {
		return time.Time{}, fmt.Errorf("date %q names the wrong weekday (it is a %s)", s, t.Weekday())
	}
	return t, nil
}

// trimJSSpace narrows s[a:b] by the JavaScript whitespace at both ends.
func trimJSSpace(s string, a, b int) (int, int) {
	for a < b {
		r, size := utf8.DecodeRuneInString(s[a:b])
		if !isJSSpace(r) {
			break
		}
		a += size
	}
	for a < b {
		r, size := utf8.DecodeLastRuneInString(s[a:b])
		if !isJSSpace(r) {
			break
		}
		b -= size
	}
	return a, b
}

// trimJSSpaceLeft removes leading JavaScript whitespace, as parseInt and
// parseFloat do.
func trimJSSpaceLeft(s string) string {
	a, _ := trimJSSpace(s, 0, len(s))
	return s[a:]
}

// jsIntPrefix and jsFloatPrefix are the prefixes JavaScript's parseInt (radix
// 10 or a 0x prefix) and parseFloat read.
var (
	jsIntPrefix   = regexp.MustCompile(`^([+-]?)(?:0[xX]([0-9a-fA-F]+)|([0-9]+))`)
	jsFloatPrefix = regexp.MustCompile(`^[+-]?(?:Infinity|[0-9]+\.?[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)`)
)

// jsParseInt is JavaScript's parseInt(s): the leading integer, or NaN.
func jsParseInt(s string) float64 {
	m := jsIntPrefix.FindStringSubmatch(trimJSSpaceLeft(s))
	if m == nil {
		return math.NaN()
	}
	var f float64
	if m[2] != "" {
		f, _ = strconv.ParseFloat("0x"+m[2]+"p0", 64)
	} else {
		f, _ = strconv.ParseFloat(m[3], 64)
	}
	if m[1] == "-" {
		f = -f
	}
	return f
}

// jsParseFloat is JavaScript's parseFloat(s): the leading decimal literal, or NaN.
func jsParseFloat(s string) float64 {
	m := jsFloatPrefix.FindString(trimJSSpaceLeft(s))
	if m == "" {
		return math.NaN()
	}
	f, _ := strconv.ParseFloat(m, 64) // well-formed: an error only means ±Inf
	return f
}

// jsNumberString is JavaScript's String(f), NaN and infinities included.
func jsNumberString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	s, _ := FormatNumber(f)
	return s
}

// FormatNumber writes f as JavaScript's Number.prototype.toString does: the
// shortest decimal that reads back as f, without an exponent from 1e-6 up
// to 1e21 and with one ("1e+21", "1e-7") outside that range; -0 is "0".
// NaN and infinities are an error: the plugin would write "NaN" (defect D3),
// recall never does.
func FormatNumber(f float64) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("number %v cannot be written in a schedule", f)
	}
	if f == 0 {
		return "0", nil
	}
	if abs := math.Abs(f); abs >= 1e-6 && abs < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64), nil
	}
	mant, exp, _ := strings.Cut(strconv.FormatFloat(f, 'e', -1, 64), "e")
	n, err := strconv.Atoi(exp)
	if err != nil {
		return "", fmt.Errorf("formatting %v: %w", f, err)
	}
	return fmt.Sprintf("%se%+d", mant, n), nil
}

// formatPlainNumber is FormatNumber restricted to non-negative numbers that
// need no exponent, the only ones the segment grammar allows.
func formatPlainNumber(name string, f float64) (string, error) {
	s, err := FormatNumber(f)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if f < 0 || !decimalNumber.MatchString(s) {
		return "", fmt.Errorf("%s %s cannot be written in a schedule: want a non-negative number without exponent", name, s)
	}
	return s, nil
}

// FormatSM2Segment writes an SM-2 schedule as a segment, "!2023-09-15,19,210":
// the calendar date of Due (in Due's own location), the interval as
// JavaScript writes numbers (39.9, 19) and the ease. A zero Due, a year
// outside 0–9999, a NaN, infinite, negative or exponent-sized interval and a
// negative ease are errors.
func FormatSM2Segment(s SM2Schedule) (string, error) {
	if s.Due.IsZero() {
		return "", fmt.Errorf("SM-2 schedule: due date not set")
	}
	if y := s.Due.Year(); y < 0 || y > 9999 {
		return "", fmt.Errorf("SM-2 schedule: due year %d cannot be written", y)
	}
	interval, err := formatPlainNumber("SM-2 interval", s.Interval)
	if err != nil {
		return "", err
	}
	if s.Ease < 0 {
		return "", fmt.Errorf("SM-2 ease %d is negative", s.Ease)
	}
	return "!" + s.Due.Format(time.DateOnly) + "," + interval + "," + strconv.Itoa(s.Ease), nil
}

// FormatFSRSSegment writes an FSRS state as the plugin does (fsrs.md §9.1):
// "!fsrs,2023-10-10T08:00:00.000Z,6,6.2,5.1,2,4,0,0,2023-10-04T08:00:00.000Z",
// instants as JavaScript's toISOString, numbers as JavaScript writes them and
// a nil LastReview as "-". Values the segment grammar cannot hold are errors.
func FormatFSRSSegment(s FSRSState) (string, error) {
	due, err := formatInstant("FSRS due", s.Due)
	if err != nil {
		return "", err
	}
	last := "-"
	if s.LastReview != nil {
		if last, err = formatInstant("FSRS last review", *s.LastReview); err != nil {
			return "", err
		}
	}
	stability, err := formatPlainNumber("FSRS stability", s.Stability)
	if err != nil {
		return "", err
	}
	difficulty, err := formatPlainNumber("FSRS difficulty", s.Difficulty)
	if err != nil {
		return "", err
	}
	if s.State < 0 || s.State > 3 {
		return "", fmt.Errorf("FSRS state %d is not 0, 1, 2 or 3", s.State)
	}
	for _, c := range []struct {
		name string
		n    int
	}{{"interval", s.ScheduledDays}, {"reps", s.Reps}, {"lapses", s.Lapses}, {"learning step", s.LearningStep}} {
		if c.n < 0 {
			return "", fmt.Errorf("FSRS %s %d is negative", c.name, c.n)
		}
	}
	return fmt.Sprintf("!fsrs,%s,%d,%s,%s,%d,%d,%d,%d,%s",
		due, s.ScheduledDays, stability, difficulty, s.State, s.Reps, s.Lapses, s.LearningStep, last), nil
}

// formatInstant writes t as JavaScript's Date.toISOString.
func formatInstant(name string, t time.Time) (string, error) {
	if t.IsZero() {
		return "", fmt.Errorf("%s not set", name)
	}
	t = t.UTC()
	if y := t.Year(); y < 0 || y > 9999 {
		return "", fmt.Errorf("%s year %d cannot be written", name, y)
	}
	return t.Format(fsrsInstantLayout), nil
}

// PlaceholderSegment is the segment the plugin writes for an unreviewed
// sibling of a reviewed card, "!2000-01-01,1,250" for baseEase 250.
func PlaceholderSegment(baseEase int) string {
	return "!" + placeholderDate + ",1," + strconv.Itoa(baseEase)
}

// BuildComment joins segments, each already starting with '!', into a
// schedule comment: "<!--SR:" + segments + "-->".
func BuildComment(segments []string) string {
	return commentOpen + strings.Join(segments, "") + commentClose
}
