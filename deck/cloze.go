package deck

import (
	"sort"
	"strconv"
	"strings"
)

// clozeKind is how the deletions of one cloze question are numbered.
type clozeKind int

const (
	clozeSimple      clozeKind = iota // one card per deletion
	clozeNumbered                     // ==1;;x==: one card per number
	clozeOverlapping                  // ==ash;;x==: per card, asked, hidden or shown
)

// deletion is one cloze deletion found in a question.
type deletion struct {
	start, end int    // bytes of the whole deletion in the question text
	answer     string // the hidden text
	hint       string // the hint, or ""
	label      string // the number (numbered) or the a/s/h sequence (overlapping)
}

// hasCloze reports whether s contains a deletion of any configured pattern.
func (p *Parser) hasCloze(s string) bool {
	for i, c := range p.cloze {
		if pre := p.clozePrefix[i]; pre != "" && !strings.Contains(s, pre) {
			continue
		}
		if c.Simple.MatchString(s) {
			return true
		}
	}
	return false
}

// clozeKindOf returns the kind of a question: numbered if any pattern finds
// a numbered deletion, else overlapping if any finds one, else simple.
func (p *Parser) clozeKindOf(text string) clozeKind {
	for _, c := range p.cloze {
		if c.Numbered.MatchString(text) {
			return clozeNumbered
		}
	}
	for _, c := range p.cloze {
		if c.Overlapping.MatchString(text) {
			return clozeOverlapping
		}
	}
	return clozeSimple
}

// deletions returns the deletions of the question, ordered by pattern (in
// settings order), then by position, as the plugin orders simple clozes.
// A deletion overlapping one found earlier is ignored.
func (p *Parser) deletions(text string, kind clozeKind) []deletion {
	var out []deletion
	taken := func(s, e int) bool {
		for _, d := range out {
			if s < d.end && d.start < e {
				return true
			}
		}
		return false
	}
	for _, c := range p.cloze {
		re := c.Simple
		switch kind {
		case clozeNumbered:
			re = c.Numbered
		case clozeOverlapping:
			re = c.Overlapping
		}
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			if taken(m[0], m[1]) {
				continue
			}
			group := func(k int) string {
				if k <= 0 || 2*k+1 >= len(m) || m[2*k] < 0 {
					return ""
				}
				return text[m[2*k]:m[2*k+1]]
			}
			d := deletion{start: m[0], end: m[1]}
			if kind == clozeSimple {
				d.answer, d.hint = group(c.SimpleAnswerGroup), group(c.SimpleHintGroup)
			} else {
				d.label, d.answer, d.hint = group(c.NumberGroup), group(c.AnswerGroup), group(c.HintGroup)
			}
			out = append(out, d)
		}
	}
	return out
}

// clozeRole is what one deletion does on one card.
type clozeRole int

const (
	roleShown  clozeRole = iota // plain text on both sides
	roleAsked                   // the question of this card
	roleHidden                  // hidden on both sides (overlapping clozes)
)

// clozeSides expands a cloze question into its cards' fronts and backs.
func (p *Parser) clozeSides(text string) [][2]string {
	kind := p.clozeKindOf(text)
	return clozeCards(text, kind, p.deletions(text, kind))
}

// clozeCards renders the cards of a cloze question from its deletions.
func clozeCards(text string, kind clozeKind, dels []deletion) [][2]string {
	if len(dels) == 0 {
		return nil
	}
	var cards [][]clozeRole
	switch kind {
	case clozeSimple:
		for i := range dels {
			roles := make([]clozeRole, len(dels))
			roles[i] = roleAsked
			cards = append(cards, roles)
		}
	case clozeNumbered:
		var nums []int
		seen := map[int]bool{}
		for _, d := range dels {
			n, _ := strconv.Atoi(d.label)
			if !seen[n] {
				seen[n] = true
				nums = append(nums, n)
			}
		}
		sort.Ints(nums)
		for _, n := range nums {
			roles := make([]clozeRole, len(dels))
			for i, d := range dels {
				if k, _ := strconv.Atoi(d.label); k == n {
					roles[i] = roleAsked
				}
			}
			cards = append(cards, roles)
		}
	case clozeOverlapping:
		count := 0
		for _, d := range dels {
			count = max(count, len(d.label))
		}
		for c := 0; c < count; c++ {
			roles := make([]clozeRole, len(dels))
			for i, d := range dels {
				if c < len(d.label) {
					switch d.label[c] {
					case 'a':
						roles[i] = roleAsked
					case 'h':
						roles[i] = roleHidden
					}
				}
			}
			cards = append(cards, roles)
		}
	}
	order := make([]int, len(dels)) // deletions by position, for rendering
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return dels[order[a]].start < dels[order[b]].start })
	out := make([][2]string, 0, len(cards))
	for _, roles := range cards {
		front := renderCloze(text, dels, order, roles, true)
		back := renderCloze(text, dels, order, roles, false)
		out = append(out, [2]string{strings.TrimFunc(front, isJSSpace), strings.TrimFunc(back, isJSSpace)})
	}
	return out
}

// renderCloze writes one side of a cloze card: asked deletions as
// "==[...]==" or "==[hint]==" on the front and "==answer==" on the back,
// hidden ones as "[...]", shown ones as their plain answer.
func renderCloze(text string, dels []deletion, order []int, roles []clozeRole, front bool) string {
	var b strings.Builder
	pos := 0
	for _, i := range order {
		d := dels[i]
		b.WriteString(text[pos:d.start])
		switch roles[i] {
		case roleShown:
			b.WriteString(d.answer)
		case roleHidden:
			b.WriteString("[...]")
		case roleAsked:
			switch {
			case !front:
				b.WriteString("==" + d.answer + "==")
			case d.hint != "":
				b.WriteString("==[" + d.hint + "]==")
			default:
				b.WriteString("==[...]==")
			}
		}
		pos = d.end
	}
	b.WriteString(text[pos:])
	return b.String()
}
