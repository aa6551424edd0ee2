package deck

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineTags returns the Obsidian tags on one line of body text, with their
// '#': a '#' at the start of the line or after whitespace, followed by tag
// characters up to whitespace or ASCII punctuation other than '_', '-' and
// '/'. A tag needs at least one character that is not a digit. Text inside
// inline code spans is not searched.
func lineTags(s string) []string {
	if strings.IndexByte(s, '#') < 0 {
		return nil
	}
	var tags []string
	inCode := false
	prev := ' '
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '`':
			inCode = !inCode
		case r == '#' && !inCode && unicode.IsSpace(prev):
			j := i + 1
			digitsOnly := true
			for j < len(s) {
				c, n := utf8.DecodeRuneInString(s[j:])
				if !isTagRune(c) {
					break
				}
				if c < '0' || c > '9' {
					digitsOnly = false
				}
				j += n
			}
			if j > i+1 && !digitsOnly {
				tags = append(tags, s[i:j])
			}
			prev = '#'
			i = j
			continue
		}
		prev = r
		i += size
	}
	return tags
}

// isTagRune reports whether r may appear in a tag after its '#'.
func isTagRune(r rune) bool {
	if r == utf8.RuneError || unicode.IsSpace(r) {
		return false
	}
	if r < utf8.RuneSelf {
		return r == '_' || r == '-' || r == '/' || !unicode.IsPunct(r) && !unicode.IsSymbol(r) && !unicode.IsControl(r)
	}
	return true
}

// matchesTag reports whether tag t is flashcard tag f or lies below it
// (t == f or t starts with f + "/"). Comparison is case-sensitive.
func matchesTag(t, f string) bool {
	return t == f || len(t) > len(f) && t[len(f)] == '/' && strings.HasPrefix(t, f)
}

// matchesAny reports whether t matches any of the tags in fs.
func matchesAny(t string, fs []string) bool {
	for _, f := range fs {
		if matchesTag(t, f) {
			return true
		}
	}
	return false
}

// deckPath turns a tag into a deck path: "#flashcards/sub//deck" gives
// "flashcards/sub/deck" (empty parts dropped).
func deckPath(tag string) string {
	parts := strings.Split(strings.TrimPrefix(tag, "#"), "/")
	out := parts[:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "/")
}
