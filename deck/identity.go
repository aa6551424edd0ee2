package deck

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
	seen := map[[sha256.Size]byte]int{}
	h := sha256.New()
	var buf []byte
	for _, q := range qs {
		buf = append(buf[:0], notePath...)
		if q.BlockID != "" {
			buf = append(append(buf, "\x00block\x00"...), q.BlockID...)
		} else {
			buf = append(append(append(buf, "\x00text\x00"...), q.Type.String()...), 0)
			buf = appendNormalized(buf, q.Text)
		}
		h.Reset()
		h.Write(buf)
		var sum [sha256.Size]byte
		h.Sum(sum[:0])
		seen[sum]++
		if n := seen[sum]; n > 1 {
			h.Write([]byte("\x00" + strconv.Itoa(n)))
			h.Sum(sum[:0])
		}
		base := hex.EncodeToString(sum[:8])
		for k := range q.Cards {
			q.Cards[k].ID = base + "-" + strconv.Itoa(k)
		}
	}
}

// appendNormalized appends question text prepared for identity to buf: NFC,
// no BOM, runs of whitespace as one space, trimmed.
func appendNormalized(buf []byte, s string) []byte {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	start := len(buf)
	space := false
	for len(s) > 0 {
		// Copy runs of other characters at once.
		k := strings.IndexFunc(s, isIdentityBlank)
		if k < 0 {
			k = len(s)
		}
		if k > 0 {
			if space && len(buf) > start {
				buf = append(buf, ' ')
			}
			buf = append(buf, s[:k]...)
			space = false
			s = s[k:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s)
		if r != '\ufeff' {
			space = true
		}
		s = s[size:]
	}
	return buf
}

// isIdentityBlank reports whether r is left out of a card's identity: white
// space (collapsed) and the byte order mark (dropped).
func isIdentityBlank(r rune) bool { return r == '\ufeff' || unicode.IsSpace(r) }
