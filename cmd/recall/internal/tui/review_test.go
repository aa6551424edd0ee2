package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// reviewCard is a cloze card from the built-in deck.
var reviewCard = ReviewView{
	Breadcrumb: []string{"Refresh token rotation 與撤銷", "Refresh token rotation"},
	Deck:       []string{"🧠", "oauth", "rotation"},
	Question:   "lab 裡 grace window 只適用於 ==[...]== refresh token，預設 ==[幾秒？]==，最多 60 秒。",
	Answer:     "lab 裡 grace window 只適用於 ==緊接在目前 active token 之前的那一個== refresh token，預設 ==0 秒==，最多 60 秒。",
	Done:       12,
	Remaining:  30,
	Intervals:  [4]string{"10m", "1d", "3d", "7d"},
}

// tallCard has more lines than a 60×20 screen can show.
var tallCard = ReviewView{
	Breadcrumb: []string{"OAuth 2.0 refresh token", "Revocation（RFC 7009）"},
	Deck:       []string{"🧠", "oauth", "revoke"},
	Question:   "撤銷 token 的請求長什麼樣子？",
	Answer: "`POST` 到 revocation endpoint（lab 是 `/revoke`），body 用 `application/x-www-form-urlencoded`\n\n" +
		"- `token`：必填，要撤銷的 token\n- `token_type_hint`：選填，`access_token` 或 `refresh_token`\n- 再加上跟 token endpoint 一樣的 client 驗證\n\n" +
		"```sh\ncurl -u app:secret \\\n  -d token=tGzv3JOkF0XG5Qx2TlKWIA \\\n  -d token_type_hint=refresh_token \\\n  http://127.0.0.1:8080/revoke\n```\n\n" +
		"成功時回 200，body 是空的；無效的 token 也回 200。",
	Revealed:  true,
	Done:      41,
	Remaining: 1,
	Intervals: [4]string{"1m", "6m", "1.2mo", "10.5mo"},
}

func TestRenderReview(t *testing.T) {
	s := NewStyles(true)
	revealed := reviewCard
	revealed.Revealed = true
	scrolled := tallCard
	scrolled.Scroll = 4
	end := tallCard
	end.Scroll = 1000
	for _, c := range []struct {
		name string
		v    ReviewView
	}{
		{"question", reviewCard},
		{"answer", revealed},
		{"tall", tallCard},
		{"tall_scrolled", scrolled},
		{"tall_end", end},
	} {
		for _, size := range [][2]int{{60, 20}, {100, 30}, {120, 40}} {
			t.Run(fmt.Sprintf("%s_%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				out := RenderReview(c.v, size[0], size[1], s)
				if n := strings.Count(out, "\n") + 1; n != size[1] {
					t.Errorf("%d lines, want %d", n, size[1])
				}
				requirePlainGolden(t, out, size[0])
			})
		}
	}
}

// TestRenderReviewButtons checks the grade buttons at the ASCII profile:
// the grades read without colour.
func TestRenderReviewButtons(t *testing.T) {
	buttons := strings.Join(gradeButtons(tallCard.Intervals, 60, NewStyles(true)), "\n")
	requireASCIIGolden(t, buttons)
	if !strings.Contains(ansi.Strip(buttons), "[1 Again 1m]") {
		t.Errorf("no Again button in %q", ansi.Strip(buttons))
	}
}
