package deck

import (
	"regexp"
	"strings"
)

// body is what the reader takes from a note's text besides cards: the tags
// on each line and the headings, both outside frontmatter and fenced code.
type body struct {
	tagLines []tagLine
	headings []heading
	code     [][2]int // line ranges inside fenced code blocks
}

// inCode reports whether line i is inside a fenced code block.
func (b *body) inCode(i int) bool { return inRanges(i, b.code) }

// tagLine is a line that carries tags.
type tagLine struct {
	line int // 0-based
	tags []string
}

// heading is a Markdown ATX heading.
type heading struct {
	line  int // 0-based
	level int
	text  string
}

// footnoteRef matches footnote references, which the breadcrumb leaves out.
var footnoteRef = regexp.MustCompile(`\[\^[^\]]*\]`)

// scanBody collects tag lines and headings, skipping frontmatter and fenced
// code blocks (fences may be indented up to three spaces).
func scanBody(ls *lineSource) body {
	var b body
	fence := ""
	for i := ls.fmEnd; i < len(ls.lines); i++ {
		s := ls.text(i)
		if s == "" {
			continue
		}
		trimmed := strings.TrimLeft(s, " ")
		if fence != "" {
			run := trimmed[:len(trimmed)-len(strings.TrimLeft(trimmed, fence[:1]))]
			if len(s)-len(trimmed) <= 3 && len(run) >= len(fence) && strings.TrimSpace(trimmed[len(run):]) == "" {
				fence = ""
				b.code[len(b.code)-1][1] = i
			}
			continue
		}
		if len(s)-len(trimmed) <= 3 && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")) {
			fence = trimmed[:len(trimmed)-len(strings.TrimLeft(trimmed, trimmed[:1]))]
			b.code = append(b.code, [2]int{i, len(ls.lines) - 1})
			continue
		}
		if h, ok := parseHeading(s); ok {
			h.line = i
			b.headings = append(b.headings, h)
		}
		if tags := lineTags(s); len(tags) > 0 {
			b.tagLines = append(b.tagLines, tagLine{line: i, tags: tags})
		}
	}
	return b
}

// parseHeading recognises an ATX heading: one to six '#' followed by a space
// or tab (or nothing).
func parseHeading(s string) (heading, bool) {
	t := strings.TrimLeft(s, " ")
	if len(s)-len(t) > 3 || !strings.HasPrefix(t, "#") {
		return heading{}, false
	}
	level := len(t) - len(strings.TrimLeft(t, "#"))
	rest := t[level:]
	if level > 6 || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return heading{}, false
	}
	text := strings.TrimSpace(rest)
	if closing := strings.TrimRight(text, "#"); closing != text && (closing == "" || strings.HasSuffix(closing, " ")) {
		text = strings.TrimSpace(closing)
	}
	text = strings.TrimSpace(footnoteRef.ReplaceAllString(text, ""))
	return heading{level: level, text: text}, true
}

// allTags returns every tag of the body, in order of appearance.
func (b *body) allTags() []string {
	var tags []string
	for _, tl := range b.tagLines {
		tags = append(tags, tl.tags...)
	}
	return tags
}

// decksAbove returns the decks of the nearest line above line first that
// carries flashcard tags and is not part of a card: every flashcard tag on
// that line is a deck.
func (b *body) decksAbove(first int, inCard []bool, flashcardTags []string) []string {
	for k := len(b.tagLines) - 1; k >= 0; k-- {
		tl := b.tagLines[k]
		if tl.line >= first || inCard[tl.line] {
			continue
		}
		if decks := flashcardDecks(tl.tags, flashcardTags); len(decks) > 0 {
			return decks
		}
	}
	return nil
}

// breadcrumbs walks the headings of a note once, for lines asked in
// ascending order.
type breadcrumbs struct {
	headings []heading
	next     int       // the first heading not yet on the stack
	stack    []heading // the headings in force
}

// breadcrumbs starts a walk over the body's headings.
func (b *body) breadcrumbs() *breadcrumbs { return &breadcrumbs{headings: b.headings} }

// at returns the heading breadcrumb at line i: the headings at or before
// it, a heading replacing those of the same or a deeper level. Lines must
// not decrease from call to call.
func (c *breadcrumbs) at(i int) []string {
	for c.next < len(c.headings) && c.headings[c.next].line <= i {
		h := c.headings[c.next]
		for len(c.stack) > 0 && c.stack[len(c.stack)-1].level >= h.level {
			c.stack = c.stack[:len(c.stack)-1]
		}
		c.stack = append(c.stack, h)
		c.next++
	}
	ctx := make([]string, 0, len(c.stack))
	for _, h := range c.stack {
		ctx = append(ctx, h.text)
	}
	return ctx
}
