package deck

import (
	"fmt"
	"regexp"
	"strings"
)

// Span is a byte range [Start, End) in a note's original bytes.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Question is one card as written in a note. Reversed and cloze questions
// produce several cards (siblings) that share one schedule comment.
type Question struct {
	Type CardType
	// FirstLine and LastLine are the 1-based lines the question spans,
	// including a schedule comment on the line below it.
	FirstLine, LastLine int
	// Span covers the question's lines in the note's bytes, from the start
	// of the first line to the end of the last (terminator excluded).
	Span Span
	// Tag is the question-specific tag at the start of the card ("#🧠"),
	// or "".
	Tag string
	// BlockID is the Obsidian block id at the end of the card ("^abc"), or "".
	BlockID string
	// Text is the question without tag, block id and schedule comments
	// (the plugin's "actualQuestion").
	Text string
	// Decks are the deck paths of the question ("🧠/network"), without '#'.
	Decks []string
	// Context is the heading breadcrumb above the question.
	Context []string
	// Comment is the question's schedule comment, or nil.
	Comment *Comment
	// CommentSpan is where Comment is in the note's bytes ("<!--SR:" to "-->").
	CommentSpan Span
	// CommentLine is the 1-based line of Comment.
	CommentLine int
	// Cards are the question's siblings in sibling order.
	Cards []Card
	// Lab names the OAuth lab scenario of a line "lab: NAME" right below
	// the card (and its schedule comment): recall's extension, which the
	// plugin reads as plain text.
	Lab string
}

// Card is one reviewable side of a question.
type Card struct {
	// ID identifies the card across scans; see the README for what changes it.
	ID string
	// Sibling is the card's 0-based index among its question's cards; it is
	// also the index of its segment in the schedule comment.
	Sibling int
	// Front and Back are the display texts, trimmed. A cloze deletion shows
	// as "==[...]==" (or "==[hint]==") on the front and "==answer==" on the
	// back.
	Front, Back string
	// Schedule is the card's segment in the comment, or nil for a new card
	// (no segment, the 2000-01-01 placeholder, or an unreadable segment).
	Schedule *Segment
}

// removeComments removes schedule comments from question text as the
// plugin does, greedily on every line: from "<!--SR:" to the last "-->" of
// the line (with at least one character between), together with the spaces
// and tabs before it.
func removeComments(text string) string {
	if !strings.Contains(text, "<!--SR:") {
		return text
	}
	var b strings.Builder
	for len(text) > 0 {
		line, rest, found := strings.Cut(text, "\n")
		if k := strings.Index(line, "<!--SR:"); k >= 0 {
			if e := strings.LastIndex(line, "-->"); e > k+len("<!--SR:") {
				line = strings.TrimRight(line[:k], " \t") + line[e+len("-->"):]
			}
		}
		b.WriteString(line)
		if found {
			b.WriteByte('\n')
		}
		text = rest
	}
	return b.String()
}

// blockIDPattern is the plugin's block id at the end of a question.
var blockIDPattern = regexp.MustCompile(` (\^[a-zA-Z0-9-]+)$`)

// questionTagPattern is the plugin's question-specific tag at the start.
var questionTagPattern = regexp.MustCompile(`^#[^\s#]+`)

// decompose splits a block's text into tag, block id and actual question,
// as the plugin does (obsidian-sr.md §4.7).
func decompose(text string) (tag, blockID, actual string) {
	text = removeComments(text)
	if k := strings.Index(text, "\n"+calloutMarker); k >= 0 {
		// The callout holding an inline card's schedule is not card text.
		text = text[:k]
	}
	rest := strings.TrimLeftFunc(text, isJSSpace)
	if strings.HasPrefix(rest, "#") {
		if t := questionTagPattern.FindString(rest); t != "" {
			tag = t
			text = strings.TrimLeftFunc(rest[len(t):], isJSSpace)
		}
	}
	trimmed := strings.TrimRightFunc(text, isJSSpace)
	if k := strings.LastIndex(trimmed, " ^"); k >= 0 {
		if m := blockIDPattern.FindStringSubmatchIndex(trimmed[k:]); m != nil {
			blockID = trimmed[k+m[2] : k+m[3]]
			text = trimmed[:k]
		}
	}
	return tag, blockID, text
}

// sides splits an actual question into the fronts and backs of its cards.
// It returns nil if the question yields no card.
func (p *Parser) sides(typ CardType, text string) [][2]string {
	trim := func(s string) string { return strings.TrimFunc(s, isJSSpace) }
	var front, back string
	switch typ {
	case Inline, InlineReversed:
		sep := p.separatorFor(typ)
		k := strings.Index(text, sep)
		if k < 0 {
			return nil
		}
		front, back = text[:k], text[k+len(sep):]
	case Multiline, MultilineReversed:
		sep := p.multiline
		if typ == MultilineReversed {
			sep = p.multilineReversed
		}
		lines := strings.Split(text, "\n")
		k := -1
		for i, l := range lines {
			if strings.TrimFunc(l, isJSSpace) == sep {
				k = i
				break
			}
		}
		if k < 0 {
			return nil
		}
		front, back = strings.Join(lines[:k], "\n"), strings.Join(lines[k+1:], "\n")
	case Cloze:
		return p.clozeSides(text)
	default:
		return nil
	}
	front, back = trim(front), trim(back)
	if typ.reversed() {
		return [][2]string{{front, back}, {back, front}}
	}
	return [][2]string{{front, back}}
}

// separatorFor returns the inline separator of an inline type.
func (p *Parser) separatorFor(typ CardType) string {
	for _, s := range p.inline {
		if s.typ == typ {
			return s.text
		}
	}
	return ""
}

// findComments returns the schedule comments on lines [first,last] of a
// note: "<!--SR:" through the next "-->" on the same line, not inside an
// inline code span.
func findComments(ls *lineSource, first, last int, code [][2]int) []Span {
	var spans []Span
	for i := first; i <= last; i++ {
		if inRanges(i, code) {
			continue
		}
		s := ls.text(i)
		off := 0
		for {
			k := strings.Index(s[off:], "<!--SR:")
			if k < 0 {
				break
			}
			k += off
			e := strings.Index(s[k+len("<!--SR:"):], "-->")
			if e < 0 {
				break
			}
			end := k + len("<!--SR:") + e + len("-->")
			if e > 0 && !insideInlineCode(s, k, end-k) {
				base := ls.lines[i].start
				spans = append(spans, Span{base + k, base + end})
			}
			off = end
		}
	}
	return spans
}

// attachSchedules gives each card its segment of the comment and reports
// unreadable and extra segments.
func attachSchedules(q *Question, warn func(line int, msg string)) {
	if q.Comment == nil {
		return
	}
	for k, seg := range q.Comment.Segments {
		if k >= len(q.Cards) {
			warn(q.CommentLine, fmt.Sprintf("schedule comment has %d segment(s) for %d card(s); the extra segments are kept as they are", len(q.Comment.Segments), len(q.Cards)))
			break
		}
		switch seg.Kind {
		case SegmentSM2, SegmentFSRS:
			s := seg
			q.Cards[k].Schedule = &s
		case SegmentInvalid:
			warn(q.CommentLine, fmt.Sprintf("unreadable schedule segment %q for sibling %d: %s; the card is treated as new and the segment is left as it is", seg.Raw, k, seg.Problem))
		}
	}
}

// inRanges reports whether i lies in one of the inclusive ranges.
func inRanges(i int, ranges [][2]int) bool {
	for _, r := range ranges {
		if i >= r[0] && i <= r[1] {
			return true
		}
	}
	return false
}
