package deck

import (
	"bytes"
	"os"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// htmlSpans returns the byte ranges that a plain CommonMark parser (goldmark)
// sees as raw HTML in src: HTML blocks and inline raw HTML. Frontmatter is
// blanked first, keeping offsets, since CommonMark does not know it.
func htmlSpans(src []byte, fmEnd int) []Span {
	src = bytes.Clone(src)
	for i := 0; i < fmEnd; i++ {
		if src[i] != '\n' && src[i] != '\r' {
			src[i] = ' '
		}
	}
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	var spans []Span
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch h := n.(type) {
		case *ast.HTMLBlock:
			lines := h.Lines()
			if lines.Len() > 0 {
				end := lines.At(lines.Len() - 1).Stop
				if h.HasClosure() {
					end = h.ClosureLine.Stop
				}
				spans = append(spans, Span{lines.At(0).Start, end})
			}
		case *ast.RawHTML:
			for i := 0; i < h.Segments.Len(); i++ {
				s := h.Segments.At(i)
				spans = append(spans, Span{s.Start, s.Stop})
			}
		}
		return ast.WalkContinue, nil
	})
	return spans
}

// TestCommentsAreHTML cross-checks the line reader with goldmark: every
// schedule comment recall attaches to a card of the real vault lies inside
// what CommonMark parses as raw HTML, never in code or plain text.
func TestCommentsAreHTML(t *testing.T) {
	dir := "testdata/vaults/polyipseity-information"
	v, _ := mustScan(t, dir)
	checked := 0
	for _, n := range v.Notes {
		src, err := os.ReadFile(dir + "/" + n.Path)
		if err != nil {
			t.Fatal(err)
		}
		ls := &lineSource{src: string(src), lines: splitLines(src), skipLong: DefaultMaxLineBytes}
		fm, _ := readFrontmatter(ls)
		fmEnd := 0
		if fm.end > 0 {
			fmEnd = ls.lines[fm.end-1].next
		}
		spans := htmlSpans(src, fmEnd)
		for _, q := range n.Questions {
			if q.Comment == nil {
				continue
			}
			checked++
			inside := false
			for _, h := range spans {
				if q.CommentSpan.Start >= h.Start && q.CommentSpan.End <= h.End {
					inside = true
					break
				}
			}
			if !inside {
				t.Errorf("%s:%d: comment %q is not HTML for goldmark", n.Path, q.CommentLine, q.Comment.Text)
			}
		}
	}
	if checked < 3000 {
		t.Errorf("only %d comments checked", checked)
	}
}
