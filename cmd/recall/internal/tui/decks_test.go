package tui

import (
	"fmt"
	"testing"
	"time"
)

// deckRows is a deck tree with emoji, CJK names and counts of different
// widths.
var deckRows = []DeckRow{
	{Path: []string{"🧠"}, New: 120, Learning: 3, Due: 1045},
	{Path: []string{"🧠", "network"}, New: 20, Learning: 0, Due: 45},
	{Path: []string{"🧠", "network", "oauth"}, New: 12, Learning: 2, Due: 30},
	{Path: []string{"🧠", "network", "oauth", "rotation"}, New: 0, Learning: 1, Due: 9},
	{Path: []string{"🧠", "network", "oauth", "revoke"}, New: 4, Learning: 0, Due: 0},
	{Path: []string{"🧠", "日本語"}, New: 88, Learning: 0, Due: 970},
	{Path: []string{"🧠", "日本語", "動詞の活用と例文（五段・一段・カ変・サ変）の長い名前のデッキ"}, New: 8, Learning: 0, Due: 12},
	{Path: []string{"flashcards"}, New: 0, Learning: 0, Due: 0},
}

func TestRenderDeckTree(t *testing.T) {
	s := NewStyles(true)
	for _, width := range goldenWidths {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			requirePlainGolden(t, RenderDeckTree(deckRows, 2, width, s), width)
		})
	}
	t.Run("short_names_100", func(t *testing.T) {
		requirePlainGolden(t, RenderDeckTree(deckRows[:5], 0, 100, s), 100)
	})
	t.Run("empty", func(t *testing.T) {
		requirePlainGolden(t, RenderDeckTree(nil, 0, 60, s), 60)
	})
}

func TestRenderHeader(t *testing.T) {
	s := NewStyles(false)
	today := time.Date(2026, 3, 3, 9, 30, 0, 0, time.UTC)
	for _, c := range []struct{ name, vault string }{
		{"builtin", ""},
		{"vault", "~/Documents/Obsidian/筆記"},
		{"long_vault", "/home/someone/Library/Mobile Documents/iCloud~md~obsidian/Documents/我的知識庫/Second Brain"},
	} {
		for _, width := range goldenWidths {
			t.Run(fmt.Sprint(c.name, "_", width), func(t *testing.T) {
				requirePlainGolden(t, RenderHeader(c.vault, today, width, s), width)
			})
		}
	}
}
