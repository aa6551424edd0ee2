package deck

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// The parts of a cloze pattern string, found the way clozecraft 0.4.0 finds
// them (obsidian-sr.md §4.5): a bracketed part holding digits (the number
// part) and a bracketed part holding the word "hint" (the hint part); inside
// a part, "\]" stands for a literal ']'. Go's leftmost-first matching gives the
// same match as JavaScript's backtracking here.
var (
	clozeNumberPart = regexp.MustCompile(`\[(?:(?:\\\])?[^\]]?)+?\d+(?:(?:\\\])?[^\]]?)+?\]`)
	clozeHintPart   = regexp.MustCompile(`\[(?:(?:\\\])?[^\]]?)+?hint(?:(?:\\\])?[^\]]?)+?\]`)
	clozeDigits     = regexp.MustCompile(`\d+`)
)

// clozeAnswerKeyword is the word a pattern uses for the hidden text.
const clozeAnswerKeyword = "answer"

// ClozePattern is one compiled entry of the clozePatterns setting, e.g.
// "==[123;;]answer[;;hint]==".
//
// The three regular expressions are the ones clozecraft 0.4.0 builds, written
// byte for byte the same. Like the plugin, the capture groups are assigned by
// the order in which the answer keyword, the hint part and the number part
// appear in Source; the *Group fields give the resulting submatch indices.
// The hint group is optional and may be unmatched. One difference from
// JavaScript remains: Go's "." matches '\r', U+2028 and U+2029, which
// JavaScript's does not.
type ClozePattern struct {
	// Source is the pattern string as configured.
	Source string
	// Simple matches a simple cloze ("==answer==" or "==answer;;hint==").
	Simple *regexp.Regexp
	// Numbered matches a numbered ("classic") cloze, "==1;;answer==".
	Numbered *regexp.Regexp
	// Overlapping matches an overlapping cloze, "==ash;;answer==".
	Overlapping *regexp.Regexp
	// SimpleAnswerGroup and SimpleHintGroup are the submatch indices of the
	// answer and the hint in Simple.
	SimpleAnswerGroup, SimpleHintGroup int
	// AnswerGroup, HintGroup and NumberGroup are the submatch indices of the
	// answer, the hint and the number (or the a/s/h sequence) in Numbered
	// and Overlapping.
	AnswerGroup, HintGroup, NumberGroup int
}

// CompileClozePattern checks a cloze pattern string and compiles it. The
// pattern must contain a bracketed number part with digits ("[123;;]"), a
// bracketed hint part containing "hint" ("[;;hint]") and the keyword
// "answer"; otherwise it is rejected, as the plugin rejects it.
func CompileClozePattern(p string) (*ClozePattern, error) {
	num := clozeNumberPart.FindStringIndex(p)
	if num == nil {
		return nil, fmt.Errorf("cloze pattern %q: no bracketed number part such as [123;;]", p)
	}
	hint := clozeHintPart.FindStringIndex(p)
	if hint == nil {
		return nil, fmt.Errorf("cloze pattern %q: no bracketed hint part such as [;;hint]", p)
	}
	answerAt := strings.Index(p, clozeAnswerKeyword)
	if answerAt < 0 {
		return nil, fmt.Errorf("cloze pattern %q: no keyword %q", p, clozeAnswerKeyword)
	}

	numText := clozePartText(p[num[0]:num[1]])
	hintRe := "(?:" + strings.ReplaceAll(clozePartText(p[hint[0]:hint[1]]), "hint", "(.+?)") + ")?"
	numberedRe := clozeDigits.ReplaceAllLiteralString(numText, `(\d+)`)
	overlappingRe := clozeDigits.ReplaceAllLiteralString(numText, `([ash]+)`)

	cp := &ClozePattern{Source: p}
	var err error
	if cp.Simple, err = compileClozeRegexp(p, num, "", hint, hintRe); err != nil {
		return nil, err
	}
	if cp.Numbered, err = compileClozeRegexp(p, num, numberedRe, hint, hintRe); err != nil {
		return nil, err
	}
	if cp.Overlapping, err = compileClozeRegexp(p, num, overlappingRe, hint, hintRe); err != nil {
		return nil, err
	}

	// Group order follows the position of each field in the pattern, as in
	// clozecraft (which sorts answer, hint and number by position).
	type field struct {
		pos int
		ptr *int
	}
	fields := []field{{answerAt, &cp.AnswerGroup}, {hint[0], &cp.HintGroup}, {num[0], &cp.NumberGroup}}
	slices.SortStableFunc(fields, func(a, b field) int { return cmp.Compare(a.pos, b.pos) })
	for i, f := range fields {
		*f.ptr = i + 1
	}
	cp.SimpleAnswerGroup, cp.SimpleHintGroup = 1, 2
	if hint[0] < answerAt {
		cp.SimpleAnswerGroup, cp.SimpleHintGroup = 2, 1
	}
	return cp, nil
}

// clozePartText is the inner text of a bracketed part, with "\[" and "\]"
// unescaped and the result regex-escaped.
func clozePartText(part string) string {
	inner := part[1 : len(part)-1]
	inner = strings.ReplaceAll(inner, `\[`, "[")
	inner = strings.ReplaceAll(inner, `\]`, "]")
	return escapeClozeLiteral(inner)
}

// compileClozeRegexp assembles one cloze regexp: the literal text around the
// two parts escaped, the parts replaced by their regex text, and the first
// "answer" in the result replaced by the answer group.
func compileClozeRegexp(p string, num []int, numRe string, hint []int, hintRe string) (*regexp.Regexp, error) {
	first, firstRe, second, secondRe := num, numRe, hint, hintRe
	if hint[0] < num[0] {
		first, firstRe, second, secondRe = hint, hintRe, num, numRe
	}
	if second[0] < first[1] {
		return nil, fmt.Errorf("cloze pattern %q: the number part and the hint part overlap", p)
	}
	var b strings.Builder
	b.WriteString(escapeClozeLiteral(p[:first[0]]))
	b.WriteString(firstRe)
	b.WriteString(escapeClozeLiteral(p[first[1]:second[0]]))
	b.WriteString(secondRe)
	b.WriteString(escapeClozeLiteral(p[second[1]:]))
	src := strings.Replace(b.String(), clozeAnswerKeyword, "(.+?)", 1)
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, fmt.Errorf("cloze pattern %q: %w", p, err)
	}
	return re, nil
}

// escapeClozeLiteral escapes the characters clozecraft escapes:
// . * + ? ^ $ { } ( ) | [ ] and backslash.
func escapeClozeLiteral(s string) string {
	var b strings.Builder
	for i := range len(s) {
		if strings.IndexByte(`.*+?^${}()|[]\`, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
