package deck

import "strings"

// block is one question as the plugin's line algorithm cuts it out of a note
// (obsidian-sr.md §6): its type, the lines it spans and its text.
type block struct {
	typ         CardType
	first, last int    // 0-based line indexes, inclusive
	text        string // the lines as the plugin accumulates them, trailing whitespace removed
	// code lists the line ranges [from, to] inside fenced code blocks,
	// where nothing is a schedule comment.
	code [][2]int
}

// htmlSkip records an HTML comment the reader skipped, and how far the
// plugin's defective skipping would have gone (defect D1).
type htmlSkip struct {
	first, last int // lines recall skips
	pluginLast  int // last line the plugin skips
}

// lineSource gives the parser the text of each line. Lines of the
// frontmatter read as empty, as the plugin blanks them.
type lineSource struct {
	src      string // the note's bytes, converted once
	lines    []line
	fmEnd    int // lines [0, fmEnd) are frontmatter; 0 when there is none
	skipLong int // lines longer than this many bytes read as empty
}

// text returns line i as a string, with frontmatter and over-long lines
// blanked.
func (s *lineSource) text(i int) string {
	if i < s.fmEnd {
		return ""
	}
	l := s.lines[i]
	if l.end-l.start > s.skipLong {
		return ""
	}
	return s.src[l.start:l.end]
}

// parseBlocks runs the plugin's line algorithm over the note and returns the
// question blocks and the HTML comments it skipped. Unlike the plugin, an
// HTML comment is skipped up to the line holding its "-->" and no further.
func parseBlocks(ls *lineSource, p *Parser) ([]block, []htmlSkip) {
	var (
		code    [][2]int
		blocks  []block
		skips   []htmlSkip
		pieces  []string // the block's lines, joined with "\n" when it is emitted
		typ     CardType
		first   int
		started bool
		n       = len(ls.lines)
	)
	appendLine := func(i int, s string) {
		if !started {
			first, started = i, true
		}
		pieces = append(pieces, s)
	}
	reset := func() {
		pieces = pieces[:0]
		typ, started, code = 0, false, nil
	}
	emit := func(last int) {
		blocks = append(blocks, block{typ: typ, first: first, last: last, text: strings.TrimRightFunc(strings.Join(pieces, "\n"), isJSSpace), code: code})
	}
	// longerThanOne reports whether the block's text is longer than one
	// UTF-16 unit, as the plugin tests before taking a separator line.
	longerThanOne := func() bool {
		return len(pieces) > 1 || len(pieces) == 1 && jsLen(pieces[0]) > 1
	}
	for i := 0; i < n; i++ {
		cur := ls.text(i)
		trimmed := strings.TrimFunc(cur, isJSSpace)

		// 1. An HTML comment (not a schedule comment) is skipped whole.
		if strings.HasPrefix(cur, "<!--") && !strings.HasPrefix(cur, "<!--SR:") {
			j := i
			for j < n-1 && !strings.Contains(ls.text(j), "-->") {
				j++
			}
			pluginLast := n - 1
			if strings.Contains(cur, "-->") {
				pluginLast = min(i+1, n-1)
			}
			skips = append(skips, htmlSkip{first: i, last: j, pluginLast: pluginLast})
			i = j
			continue
		}

		// 2. A blank line (or the end marker) ends the block.
		if (trimmed == "" && (p.endMarker == "" || typ == 0)) || (p.endMarker != "" && trimmed == p.endMarker) {
			if typ != 0 && started {
				emit(i - 1)
			}
			reset()
			continue
		}

		// 3. Append the line.
		appendLine(i, strings.TrimRightFunc(cur, isJSSpace))

		// 4. Inline separators, longest first.
		for _, sep := range p.inline {
			if k := strings.Index(cur, sep.text); k >= 0 && !insideInlineCode(cur, k, len(sep.text)) {
				typ = sep.typ
				break
			}
		}

		switch {
		case typ.inline():
			// 5. An inline card: this line, plus its schedule comment on the
			// next line or in a callout below.
			pieces = append(pieces[:0], cur)
			first = i
			if i+1 < n && strings.HasPrefix(ls.text(i+1), "<!--SR:") {
				i++
				pieces = append(pieces, ls.text(i))
			} else if i+1 < n && strings.HasPrefix(ls.text(i+1), calloutMarker) {
				for i+1 < n {
					i++
					t := ls.text(i)
					pieces = append(pieces, t)
					if strings.Contains(t, "<!--SR:") {
						break
					}
				}
			}
			blocks = append(blocks, block{typ: typ, first: first, last: i, text: strings.Join(pieces, "\n")})
			reset()
		case trimmed == p.multiline && p.multiline != "" && longerThanOne():
			typ = Multiline
		case trimmed == p.multilineReversed && p.multilineReversed != "" && longerThanOne():
			typ = MultilineReversed
		case strings.HasPrefix(cur, "```") || strings.HasPrefix(cur, "~~~"):
			// 7. A fence at column 0: its contents belong to the block but
			// are never scanned.
			fence := cur[:len(cur)-len(strings.TrimLeft(cur, cur[:1]))]
			open := i + 1
			for i+1 < n && !strings.HasPrefix(ls.text(i+1), fence) {
				i++
				appendLine(i, strings.TrimRightFunc(ls.text(i), isJSSpace))
			}
			if i >= open {
				code = append(code, [2]int{open, i})
			}
			if i+1 < n {
				i++
				appendLine(i, fence)
			}
		case typ == 0 && p.hasCloze(cur):
			typ = Cloze
		}
	}
	if typ != 0 && started && (len(pieces) > 1 || pieces[0] != "") {
		emit(n - 1)
	}
	return blocks, skips
}

// calloutMarker starts the callout the plugin can keep schedules in.
const calloutMarker = "> [!sr|card-metadata]"

// insideInlineCode reports whether the text at [k, k+size) of s is inside an
// inline code span by the plugin's rule: an odd number of backticks before
// it and an odd number after it.
func insideInlineCode(s string, k, size int) bool {
	return strings.Count(s[:k], "`")%2 == 1 && strings.Count(s[k+size:], "`")%2 == 1
}

// isJSSpace reports whether r is whitespace for JavaScript's trim().
func isJSSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// jsLen is the length of s in UTF-16 code units, as JavaScript counts it.
func jsLen(s string) int {
	n := 0
	for _, r := range s {
		if r > 0xFFFF {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// raw returns line i as written, ignoring frontmatter blanking.
func (s *lineSource) raw(i int) string {
	l := s.lines[i]
	return s.src[l.start:l.end]
}

// lineWarning is a warning about a line of the note being read; the path is
// added by the caller.
type lineWarning struct {
	line int // 1-based
	msg  string
}
