package deck

// CardType is the syntax a question was written in.
type CardType int

// The card types of the plugin (obsidian-sr.md §4.1).
const (
	Inline            CardType = iota + 1 // "front::back"
	InlineReversed                        // "front:::back", two siblings
	Multiline                             // front lines, "?", back lines
	MultilineReversed                     // front lines, "??", back lines, two siblings
	Cloze                                 // a paragraph with cloze deletions
)

// String is the name used in recall's JSON output.
func (t CardType) String() string {
	switch t {
	case Inline:
		return "inline"
	case InlineReversed:
		return "inline-reversed"
	case Multiline:
		return "multiline"
	case MultilineReversed:
		return "multiline-reversed"
	case Cloze:
		return "cloze"
	default:
		return "none"
	}
}

// MarshalText makes CardType appear by name in JSON, also as a map key.
func (t CardType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// CardTypes lists every card type in a fixed order, for reports.
var CardTypes = []CardType{Inline, InlineReversed, Multiline, MultilineReversed, Cloze}

// reversed reports whether the type produces a forward and a reverse sibling.
func (t CardType) reversed() bool { return t == InlineReversed || t == MultilineReversed }

// inline reports whether the type is one of the single-line types.
func (t CardType) inline() bool { return t == Inline || t == InlineReversed }
