package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// oauthParagraph is design.md §3.5's example of mixed Chinese and English,
// continued into a paragraph, with the bold label that CommonMark leaves
// unbolded.
const oauthParagraph = "客戶端憑藉refresh token直接向認證伺服器來索要token，認證伺服器驗證refresh token無誤後，" +
	"發放新的access token（有時也一併發放新的refresh token），客戶端再用新的access token存取受保護的資源。" +
	"**權限範疇：**通常與原本授權的scope相同，不能擴大。"

// cardCases are card texts for the golden files; literal is true where
// "==" or "**" must stay in the output (code, or no pair).
var cardCases = []struct {
	name, md string
	literal  bool
}{
	{"plain", "What does the `refresh_token` grant return? A new **access token**, and *maybe* a new refresh token.", false},
	{"cjk_mixed", oauthParagraph, false},
	{"bold_cjk_punctuation", "**權限範疇：**通常與原本授權的 scope 相同。**「重點」**不能擴大。", false},
	{"cloze_front", "lab 裡 grace window 只適用於 ==[...]== refresh token，預設 ==[幾秒？]==，最多 60 秒。", false},
	{"cloze_back", "lab 裡 grace window 只適用於 ==緊接在目前 active token 之前的那一個== refresh token，預設 ==0 秒==，最多 60 秒。", false},
	{"highlight_markdown", "Rotation ==invalidates **every** older token== of the grant; a == b stays as it is, and so does `x ==y==`.", true},
	{"multiline", "攻擊者和合法 client 手上是同一個 refresh token，兩邊都會拿去 refresh\n先用的一方讓它被 rotate 掉，之後另一方一定會送出已作廢的舊 token\nAS 看到作廢的 token 又被送來，就知道外洩了", false},
	{"list", "Revocation request:\n\n- `POST` to the revocation endpoint (the lab's is `/revoke`), form-encoded body with the token\n- `token`：必填，要撤銷的 token\n- `token_type_hint`：選填，`access_token` 或 `refresh_token`\n\n1. first\n2. second", false},
	{"code_block", "Refresh with curl:\n\n```sh\ncurl -u client:secret -d grant_type=refresh_token -d refresh_token=tGzv3JOkF0XG5Qx2TlKWIA https://127.0.0.1:8080/token\n```\n\n```go\nif a == b && c == d { // ==not a highlight==\n\treturn **p\n}\n```", true},
	{"emoji_tags", "#🧠/oauth/rotation 🔁 Rotation: each refresh returns a new 🔑 refresh token；舊的作廢 ✅", false},
	{"quote_heading", "## Reuse detection\n\n> AS 看到作廢的 token 又被送來，就知道外洩了，但分不出是誰送的，所以撤銷目前 active 的 refresh token。", false},
}

func TestRenderCard(t *testing.T) {
	s := NewStyles(true)
	for _, c := range cardCases {
		for _, width := range goldenWidths {
			t.Run(fmt.Sprintf("%s_%d", c.name, width), func(t *testing.T) {
				out := RenderCard(c.md, width, s)
				text := ansi.Strip(out)
				if !c.literal {
					for _, delim := range []string{"**", "=="} {
						if strings.Contains(text, delim) {
							t.Errorf("%q left in the output:\n%s", delim, text)
						}
					}
				}
				requirePlainGolden(t, out, width)
			})
		}
	}
}

// TestRenderCardFillsLines checks that mixed Chinese and English lines are
// filled (Glamour alone leaves the first line 17 columns full).
func TestRenderCardFillsLines(t *testing.T) {
	lines := strings.Split(RenderCard(oauthParagraph, 60, NewStyles(true)), "\n")
	if len(lines) < 3 {
		t.Fatalf("got %d lines, want the paragraph wrapped", len(lines))
	}
	for i, l := range lines[:len(lines)-1] {
		if w := ansi.StringWidth(l); w < 50 {
			t.Errorf("line %d is %d columns wide, want at least 50: %q", i+1, w, ansi.Strip(l))
		}
	}
}

// TestRenderCardBold checks that bold next to CJK punctuation is drawn bold
// and that bold and highlights survive the ASCII profile (NO_COLOR).
func TestRenderCardBold(t *testing.T) {
	out := asciiProfile(t, RenderCard("**權限範疇：**通常", 60, NewStyles(true)))
	if strings.Contains(out, "**") {
		t.Errorf("asterisks left: %q", out)
	}
	if !strings.Contains(out, "\x1b[1m權限範疇：") {
		t.Errorf("not bold: %q", out)
	}
}

// TestRenderCardASCII keeps the styles that the ASCII profile keeps, to
// show that highlights and cloze deletions read without colour.
func TestRenderCardASCII(t *testing.T) {
	s := NewStyles(false)
	for _, c := range cardCases {
		if strings.HasPrefix(c.name, "cloze") || strings.HasPrefix(c.name, "highlight") {
			t.Run(c.name, func(t *testing.T) {
				requireASCIIGolden(t, RenderCard(c.md, 60, s))
			})
		}
	}
}

// TestRenderCardCarriesStyles checks that a style broken over two lines is
// closed at the end of the first and opened again on the second.
func TestRenderCardCarriesStyles(t *testing.T) {
	out := RenderCard("==一二三四五六七八九十==", 12, NewStyles(true))
	lines := strings.Split(out, "\n")
	if len(lines) != 2 {
		t.Fatalf("got %q, want two lines", ansi.Strip(out))
	}
	hl := sgrOf(NewStyles(true).Highlight)
	for i, l := range lines {
		if !strings.Contains(l, hl) || !strings.HasSuffix(l, ansi.ResetStyle) {
			t.Errorf("line %d %q: want the highlight opened and closed", i+1, l)
		}
	}
}

func TestMarkInline(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a ==b== c", "a \ue000b\ue001 c"},
		{"==[...]== and ==[hint]==", "\ue002[...]\ue003 and \ue002[hint]\ue003"},
		{"**權限範疇：**通常", "\ue004權限範疇：\ue005通常"},
		{"a == b == c", "a == b == c"},
		{"`==x==` ==y==", "`==x==` \ue000y\ue001"},
		{"`` a ` ==b== ``", "`` a ` ==b== ``"},
		{`\==x== **y\**`, `\==x== **y\**`},
		{"```\n==x==\n```\n==y==", "```\n==x==\n```\n\ue000y\ue001"},
		{"~~~~\n```\n==x==\n~~~~", "~~~~\n```\n==x==\n~~~~"},
		{"odd ==x", "odd ==x"},
		{"stray \ue000 mark", "stray  mark"},
	} {
		if got := markInline(c.in); got != c.want {
			t.Errorf("markInline(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func BenchmarkRenderCard(b *testing.B) {
	s := NewStyles(true)
	md := cardCases[len(cardCases)-3].md + "\n\n" + oauthParagraph
	for b.Loop() {
		RenderCard(md, 100, s)
	}
}
