package deck

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// assignIDs gives every card of a note its stable ID.
//
// A question's identity is the note's path, its card type and its text
// normalised (Unicode NFC, whitespace runs collapsed to one space, trimmed),
// or the note's path and its block id when it has one. Its line is not part
// of it, so edits elsewhere in the note and moving the card keep the ID.
// Identical questions in one note are told apart by their order. A card's
// ID is its question's identity and its sibling index.
func assignIDs(notePath string, qs []*Question) {
	seen := map[string]int{}
	for _, q := range qs {
		key := "text\x00" + q.Type.String() + "\x00" + normalizeText(q.Text)
		if q.BlockID != "" {
			key = "block\x00" + q.BlockID
		}
		seen[key]++
		if n := seen[key]; n > 1 {
			key += "\x00" + strconv.Itoa(n)
		}
		sum := sha256.Sum256([]byte(notePath + "\x00" + key))
		base := hex.EncodeToString(sum[:8])
		for k := range q.Cards {
			q.Cards[k].ID = base + "-" + strconv.Itoa(k)
		}
	}
}

// normalizeText prepares question text for identity: NFC, no BOM, runs of
// whitespace as one space, trimmed.
func normalizeText(s string) string {
	if strings.Contains(s, "\ufeff") {
		s = strings.ReplaceAll(s, "\ufeff", "")
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
