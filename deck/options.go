package deck

import (
	"cmp"
	"slices"
)

// Parser reads notes with one set of plugin settings. Build it with
// NewParser; it is safe for concurrent use.
type Parser struct {
	settings          Settings
	inline            []separator // non-empty inline separators, longest first
	multiline         string
	multilineReversed string
	endMarker         string
	cloze             []*ClozePattern
	clozePrefix       []string // a literal every match of cloze[i] contains, or ""
	// maxLine is the length above which a line is reported and ignored;
	// it bounds the work spent on a pathological note.
	maxLine int
}

// separator is an inline card separator and the type it makes.
type separator struct {
	text string
	typ  CardType
}

// DefaultMaxLineBytes is the longest line recall reads cards from (1 MiB).
const DefaultMaxLineBytes = 1 << 20

// NewParser compiles settings for reading notes. Cloze patterns that do not
// compile are left out; Settings.Problems reports them.
func NewParser(s Settings) *Parser {
	p := &Parser{
		settings:          s,
		multiline:         s.MultilineCardSeparator,
		multilineReversed: s.MultilineReversedCardSeparator,
		endMarker:         s.MultilineCardEndMarker,
		maxLine:           DefaultMaxLineBytes,
	}
	if s.SingleLineReversedCardSeparator != "" {
		p.inline = append(p.inline, separator{s.SingleLineReversedCardSeparator, InlineReversed})
	}
	if s.SingleLineCardSeparator != "" {
		p.inline = append(p.inline, separator{s.SingleLineCardSeparator, Inline})
	}
	slices.SortStableFunc(p.inline, func(a, b separator) int { return cmp.Compare(len(b.text), len(a.text)) })
	for _, src := range s.ClozePatterns {
		c, err := CompileClozePattern(src)
		if err != nil {
			continue
		}
		p.cloze = append(p.cloze, c)
		pre, _ := c.Simple.LiteralPrefix()
		p.clozePrefix = append(p.clozePrefix, pre)
	}
	return p
}

// Settings returns the settings the parser was built with.
func (p *Parser) Settings() Settings { return p.settings }
