package tui

import (
	"fmt"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func TestKeyMapMatches(t *testing.T) {
	k := DefaultKeyMap()
	press := func(code rune, text string, mod tea.KeyMod) tea.KeyPressMsg {
		return tea.KeyPressMsg{Code: code, Text: text, Mod: mod}
	}
	for _, c := range []struct {
		name string
		msg  tea.KeyPressMsg
		want key.Binding
	}{
		{"space reveals", press(tea.KeySpace, " ", 0), k.Reveal},
		{"enter reveals", press(tea.KeyEnter, "", 0), k.Reveal},
		{"1 again", press('1', "1", 0), k.Again},
		{"2 hard", press('2', "2", 0), k.Hard},
		{"3 good", press('3', "3", 0), k.Good},
		{"4 easy", press('4', "4", 0), k.Easy},
		{"u undo", press('u', "u", 0), k.Undo},
		{"e edit", press('e', "e", 0), k.Edit},
		{"o open", press('o', "o", 0), k.Open},
		{"s skip", press('s', "s", 0), k.Skip},
		{"b bury", press('b', "b", 0), k.Bury},
		{"t try it", press('t', "t", 0), k.TryIt},
		{"0 reset", press('0', "0", 0), k.Reset},
		{"j down", press('j', "j", 0), k.Down},
		{"down arrow", press(tea.KeyDown, "", 0), k.Down},
		{"k up", press('k', "k", 0), k.Up},
		{"up arrow", press(tea.KeyUp, "", 0), k.Up},
		{"enter starts", press(tea.KeyEnter, "", 0), k.Start},
		{"w warnings", press('w', "w", 0), k.Warnings},
		{"shift+s stats", press('s', "S", tea.ModShift), k.Stats},
		{"? help", press('/', "?", tea.ModShift), k.Help},
		{"q back", press('q', "q", 0), k.Back},
		{"esc back", press(tea.KeyEscape, "", 0), k.Back},
		{"ctrl+c quits", press('c', "", tea.ModCtrl), k.Quit},
	} {
		if !key.Matches(c.msg, c.want) {
			t.Errorf("%s: %q does not match %v", c.name, c.msg.String(), c.want.Keys())
		}
	}
	// Lower-case s skips and does not open the statistics.
	if key.Matches(press('s', "s", 0), k.Stats) {
		t.Error("s matches Stats")
	}
}

func TestKeyMapHelp(t *testing.T) {
	h := help.New()
	h.Styles = NewStyles(true).Help
	k := DefaultKeyMap()
	for _, width := range goldenWidths {
		h.SetWidth(width)
		t.Run(fmt.Sprint("short_", width), func(t *testing.T) {
			requirePlainGolden(t, h.ShortHelpView(k.ShortHelp()), width)
		})
	}
	t.Run("full", func(t *testing.T) {
		requirePlainGolden(t, h.FullHelpView(k.FullHelp()), 100)
	})
}
