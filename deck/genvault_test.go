package deck

import (
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// genvault is the shared generator of synthetic vaults, beside the
// repository (../shared/tools from its root).
const genvault = "../../shared/tools/genvault.py"

// TestGeneratedVault reads a vault made by genvault.py and compares the
// counts with the manifest of what the generator planted: every card, its
// type, its deck and whether it is new. The generator plants decoys (cards
// in code, separators in inline code, comments in fences, long lines) that
// must not be read as cards.
func TestGeneratedVault(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	if _, err := os.Stat(genvault); err != nil {
		t.Skip("shared/tools/genvault.py not found beside the repository")
	}
	dir := filepath.Join(t.TempDir(), "vault")
	out, err := exec.Command(python, genvault, dir, "--notes", "400", "--cards-per-note", "8", "--seed", "7", "--untagged-notes", "20").CombinedOutput()
	if err != nil {
		t.Fatalf("genvault: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		Cards       int            `json:"cards_total"`
		CardsByType map[string]int `json:"cards_by_type"`
		CardsByDeck map[string]int `json:"cards_by_deck"`
		CardsNew    int            `json:"cards_new"`
		Scheduled   int            `json:"cards_scheduled"`
	}
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	v, _ := mustScan(t, dir)
	byType, byDeck := map[string]int{}, map[string]int{}
	cards, isNew := 0, 0
	for _, n := range v.Notes {
		for _, q := range n.Questions {
			for _, c := range q.Cards {
				cards++
				byType[pluginTypeName(q.Type)]++
				for _, d := range q.Decks {
					byDeck[d]++
				}
				if c.Schedule == nil {
					isNew++
				}
			}
		}
	}
	if cards != want.Cards || isNew != want.CardsNew || cards-isNew != want.Scheduled {
		t.Errorf("%d cards, %d new, want %d cards, %d new, %d scheduled", cards, isNew, want.Cards, want.CardsNew, want.Scheduled)
	}
	if !maps.Equal(byType, want.CardsByType) {
		t.Errorf("by type %v, want %v", byType, want.CardsByType)
	}
	if !maps.Equal(byDeck, want.CardsByDeck) {
		t.Errorf("by deck differs: got %d decks, want %d", len(byDeck), len(want.CardsByDeck))
	}
	if w := v.AllWarnings(); len(w) > 0 {
		t.Errorf("%d warnings on a clean generated vault, first: %s", len(w), w[0])
	}
}
