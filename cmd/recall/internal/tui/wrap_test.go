package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWrapStyled(t *testing.T) {
	for _, c := range []struct {
		name, in string
		width    int
		want     []string
	}{
		{"fits", "short line  ", 20, []string{"short line"}},
		{"spaces", "one two three four", 9, []string{"one two", "three", "four"}},
		{"cjk", "一二三四五六七八", 6, []string{"一二三", "四五六", "七八"}},
		{"no comma at line start", "一二三四五，六", 10, []string{"一二三四", "五，六"}},
		{"mixed", "用refresh token換新的token", 12, []string{"用refresh", "token換新的", "token"}},
		{"long word cut", "see https://example.com/a/very/long/path", 12,
			[]string{"see https://", "example.com/", "a/very/long/", "path"}},
		{"emoji", "🧠🧠🧠 brain", 6, []string{"🧠🧠🧠", "brain"}},
		{"list item", "• first second third", 12, []string{"• first", "  second", "  third"}},
		{"numbered", "12. alpha beta", 10, []string{"12. alpha", "    beta"}},
		{"quote", "│ 一二三四五六", 8, []string{"│ 一二三", "│ 四五六"}},
		{"no limit", "a b c ", 0, []string{"a b c"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := strings.Split(wrapStyled(c.in, c.width), "\n")
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("wrapStyled(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
			}
		})
	}
}

// TestWrapStyledCarriesStyles checks that a style active at a break is
// closed on the first line and opened again on the next, and that the
// break does not count escape sequences as columns.
func TestWrapStyledCarriesStyles(t *testing.T) {
	red, bold := "\x1b[31m", "\x1b[1m"
	in := red + "alpha " + bold + "beta gamma" + ansi.ResetStyle + " delta"
	got := strings.Split(wrapStyled(in, 10), "\n")
	want := []string{
		red + "alpha " + bold + "beta" + ansi.ResetStyle,
		red + bold + "gamma" + ansi.ResetStyle,
		"delta",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}
