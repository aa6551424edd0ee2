package deck

import (
	"crypto/sha256"
	"fmt"
	"path"
	"strings"
)

// Note is one Markdown file of a vault as recall read it.
type Note struct {
	// Path is the note's path relative to the vault, '/'-separated.
	Path string
	// Size is the number of bytes read.
	Size int
	// SHA256 is the hash of the bytes read; a writer compares it before
	// touching the file.
	SHA256 [32]byte
	// EOL is the note's predominant line terminator, "\n" or "\r\n".
	EOL string
	// BOM is true when the note starts with a UTF-8 byte order mark.
	BOM bool
	// Tags are the note's tags (frontmatter and body), with '#'.
	Tags []string
	// Flashcards is true when the note is read for cards: it carries a
	// flashcard tag (or, in folder mode, lies in a sub-folder) and no
	// ignored tag.
	Flashcards bool
	// Questions are the note's cards, in order.
	Questions []*Question
	// Review is the note-level schedule from the frontmatter (sr-due,
	// sr-interval, sr-ease), or nil.
	Review *SM2Schedule
	// Warnings are the problems found in the note.
	Warnings []Warning
}

// Cards returns the number of cards (siblings) in the note.
func (n *Note) Cards() int {
	c := 0
	for _, q := range n.Questions {
		c += len(q.Cards)
	}
	return c
}

// maxEncodingWarnings bounds the encoding warnings of one note.
const maxEncodingWarnings = 20

// ParseNote reads one note. notePath is the note's vault-relative,
// '/'-separated path; it names the note in warnings, gives its folder deck in
// folder mode, and is part of every card's ID. src is not modified.
func (p *Parser) ParseNote(notePath string, src []byte) *Note {
	n := &Note{Path: notePath, Size: len(src), SHA256: sha256.Sum256(src), EOL: "\n"}
	warn := func(line int, msg string) {
		n.Warnings = append(n.Warnings, Warning{Path: notePath, Line: line, Msg: msg})
	}
	if looksBinary(src) {
		warn(0, "this is a binary file, not a Markdown note; it is skipped")
		return n
	}
	ls := &lineSource{src: string(src), lines: splitLines(src), skipLong: p.maxLine}
	if strings.HasPrefix(string(src[:min(3, len(src))]), string(utf8BOM)) {
		n.BOM = true
		ls.lines[0].start += len(utf8BOM)
		warn(1, "the note starts with a UTF-8 byte order mark; recall ignores it when reading and keeps it when writing")
	}
	n.EOL = predominantEOL(src)
	if n.EOL == "\r\n" {
		warn(1, "the note has Windows (CRLF) line endings; recall reads them like LF and keeps them when writing")
	}
	for _, w := range checkEncoding(ls, maxEncodingWarnings) {
		warn(w.line, w.msg)
	}

	fm, fmWarnings := readFrontmatter(ls)
	for _, w := range fmWarnings {
		warn(w.line, w.msg)
	}
	ls.fmEnd = fm.end
	n.Review = fm.review
	body := scanBody(ls)
	n.Tags = append(append([]string(nil), fm.tags...), body.allTags()...)

	s := p.settings
	for _, t := range n.Tags {
		if matchesAny(t, s.FlashcardTagsToIgnore) {
			return n
		}
	}
	var folderDeck string
	if s.ConvertFoldersToDecks {
		folderDeck = path.Dir(notePath)
		n.Flashcards = folderDeck != "." && folderDeck != ""
	} else {
		for _, t := range n.Tags {
			if matchesAny(t, s.FlashcardTags) {
				n.Flashcards = true
				break
			}
		}
	}
	if !n.Flashcards {
		return n
	}

	blocks, skips := parseBlocks(ls, p)
	inCard := make([]bool, len(ls.lines))
	for _, b := range blocks {
		for i := b.first; i <= b.last; i++ {
			inCard[i] = true
		}
	}
	fmDecks := flashcardDecks(fm.tags, s.FlashcardTags)
	firstDeck := ""
	if t := firstFlashcardTag(n.Tags, s.FlashcardTags); t != "" {
		firstDeck = deckPath(t)
	}
	crumbs := body.breadcrumbs()
	for _, b := range blocks {
		q := p.question(ls, b, warn)
		if q == nil {
			continue
		}
		switch {
		case s.ConvertFoldersToDecks:
			q.Decks = []string{folderDeck}
		case q.Tag != "":
			q.Decks = []string{deckPath(q.Tag)}
		default:
			q.Decks = body.decksAbove(b.first, inCard, s.FlashcardTags)
			if len(q.Decks) == 0 {
				q.Decks = fmDecks
			}
			if len(q.Decks) == 0 && firstDeck != "" {
				q.Decks = []string{firstDeck}
			}
		}
		if len(q.Decks) == 0 || q.Decks[0] == "" {
			continue
		}
		q.Context = crumbs.at(b.first)
		if q.LastLine < len(ls.lines) {
			q.Lab = labLink(ls.text(q.LastLine))
		}
		n.Questions = append(n.Questions, q)
	}
	assignIDs(notePath, n.Questions)
	p.warnSkippedByPlugin(ls, skips, n.Questions, warn)
	warnOrphanComments(ls, &body, inCard, warn)
	return n
}

// question builds a Question from a block, or returns nil if the block
// yields no card.
func (p *Parser) question(ls *lineSource, b block, warn func(int, string)) *Question {
	tag, blockID, text := decompose(b.text)
	sides := p.sides(b.typ, text)
	if len(sides) == 0 {
		return nil
	}
	q := &Question{
		Type:      b.typ,
		FirstLine: b.first + 1,
		LastLine:  b.last + 1,
		Span:      Span{ls.lines[b.first].start, ls.lines[b.last].end},
		Tag:       tag,
		BlockID:   blockID,
		Text:      text,
	}
	for k, side := range sides {
		q.Cards = append(q.Cards, Card{Sibling: k, Front: side[0], Back: side[1]})
	}
	comments := findComments(ls, b.first, b.last, b.code)
	for k, c := range comments {
		line := lineOf(ls, c.Start) + 1
		if k == 0 {
			parsed := ParseComment(ls.src[c.Start:c.End])
			q.Comment, q.CommentSpan, q.CommentLine = &parsed, c, line
			continue
		}
		warn(line, fmt.Sprintf("this card already has a schedule comment on line %d; this one is ignored and never changed", q.CommentLine))
	}
	attachSchedules(q, warn)
	return q
}

// lineOf returns the 0-based line holding byte offset off.
func lineOf(ls *lineSource, off int) int {
	lo, hi := 0, len(ls.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if ls.lines[mid].start <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// warnSkippedByPlugin reports HTML comments after which the plugin, because
// of its skipping defect, would not see cards that recall reads.
func (p *Parser) warnSkippedByPlugin(ls *lineSource, skips []htmlSkip, qs []*Question, warn func(int, string)) {
	for _, s := range skips {
		lost := 0
		from, to := 0, 0
		for _, q := range qs {
			first := q.FirstLine - 1
			if first > s.last && first <= s.pluginLast {
				if lost == 0 {
					from = q.FirstLine
				}
				lost += len(q.Cards)
				to = q.FirstLine
			}
		}
		if lost == 0 {
			continue
		}
		where := fmt.Sprintf("line %d", from)
		if to != from {
			where = fmt.Sprintf("lines %d–%d", from, to)
		}
		warn(s.first+1, fmt.Sprintf("Obsidian's Spaced Repetition plugin ignores the %d card(s) on %s because of this HTML comment (plugin issue #1431); recall reads them", lost, where))
	}
}

// warnOrphanComments reports schedule comments that belong to no card, such
// as one separated from its card by a blank line.
func warnOrphanComments(ls *lineSource, body *body, inCard []bool, warn func(int, string)) {
	for i := range ls.lines {
		if inCard[i] || i < ls.fmEnd {
			continue
		}
		t := ls.text(i)
		if !strings.Contains(t, "<!--SR:") {
			continue
		}
		if body.inCode(i) || len(findComments(ls, i, i, nil)) == 0 {
			continue
		}
		warn(i+1, "schedule comment belongs to no card (a blank line between a card and its comment detaches it); it is ignored and never changed")
	}
}

// flashcardDecks returns the deck paths of the tags that are flashcard tags.
func flashcardDecks(tags, flashcardTags []string) []string {
	var decks []string
	for _, t := range tags {
		if matchesAny(t, flashcardTags) {
			decks = appendUnique(decks, deckPath(t))
		}
	}
	return decks
}

// firstFlashcardTag returns the first of tags that is a flashcard tag.
func firstFlashcardTag(tags, flashcardTags []string) string {
	for _, t := range tags {
		if matchesAny(t, flashcardTags) {
			return t
		}
	}
	return ""
}

// appendUnique appends s to list unless it is there already.
func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// labLink returns NAME for a line "lab: NAME" (NAME made of lower-case
// letters, digits and dashes), else "".
func labLink(line string) string {
	name, ok := strings.CutPrefix(strings.TrimSpace(line), "lab:")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.IndexFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
	}) >= 0 {
		return ""
	}
	return name
}
