package deck

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// looksBinary reports whether src is not text: it holds a NUL byte in its
// first 8 KiB, as git and grep decide.
func looksBinary(src []byte) bool {
	return bytes.IndexByte(src[:min(len(src), 8<<10)], 0) >= 0
}

// legacyCodePage is a single-byte Windows code page that UTF-8 text is
// commonly misread as.
type legacyCodePage struct {
	name string
	// toByte maps a character below codePageLimit to the high byte that
	// decodes to it, or 0.
	toByte [codePageLimit]byte
}

// codePageLimit bounds the characters the code pages decode high bytes to
// (the highest is U+2122, the trade mark sign).
const codePageLimit = 0x2200

// codePages are the code pages whose double-encoded text recall detects.
var codePages = []legacyCodePage{
	newCodePage("Windows-1252", charmap.Windows1252),
	newCodePage("Windows-1254", charmap.Windows1254),
}

// newCodePage builds the reverse table of a code page's high half. Bytes the
// code page leaves undefined map to the C1 control of the same value, as
// lenient converters do.
func newCodePage(name string, cm *charmap.Charmap) legacyCodePage {
	cp := legacyCodePage{name: name}
	for b := 0x80; b <= 0xFF; b++ {
		r := cm.DecodeByte(byte(b))
		if r == utf8.RuneError {
			r = rune(b)
		}
		cp.toByte[r] = byte(b)
	}
	for b := 0x80; b <= 0x9F; b++ {
		if cp.toByte[b] == 0 {
			cp.toByte[b] = byte(b)
		}
	}
	return cp
}

// mojibake looks for UTF-8 text that was decoded as a Windows code page and
// encoded again as UTF-8 ("ä½¿ç”¨" for "使用"). It returns the damaged text,
// what it probably was, and the code page; ok is false when the line looks
// fine.
func mojibake(s string) (damaged, original, page string, ok bool) {
	// Characters of the code pages' high halves are below U+2200, so their
	// UTF-8 starts with a byte from 0xC2 to 0xE2. CJK text has none.
	if !hasLowNonASCII(s) {
		return "", "", "", false
	}
	for _, cp := range codePages {
		// Walk runs of characters that the code page can encode as one
		// high byte, and look for valid multi-byte UTF-8 inside them.
		start := -1
		var enc []byte
		var offs []int // byte offset in s of each encoded byte
		flush := func(end int) (string, string, bool) {
			defer func() { enc, offs, start = enc[:0], offs[:0], -1 }()
			for k := 0; k < len(enc); {
				r, size := utf8.DecodeRune(enc[k:])
				if size >= 2 && r != utf8.RuneError && r >= 0xA0 {
					j := k + size
					for j < len(enc) {
						r2, n := utf8.DecodeRune(enc[j:])
						if n < 2 || r2 == utf8.RuneError {
							break
						}
						j += n
					}
					stop := end
					if j < len(offs) {
						stop = offs[j]
					}
					return s[offs[k]:stop], string(enc[k:j]), true
				}
				k++
			}
			return "", "", false
		}
		for i, r := range s {
			var b byte
			if r >= 0x80 && r < codePageLimit {
				b = cp.toByte[r]
			}
			if b != 0 {
				if start < 0 {
					start = i
				}
				enc = append(enc, b)
				offs = append(offs, i)
				continue
			}
			if start >= 0 {
				if d, o, found := flush(i); found {
					return d, o, cp.name, true
				}
			}
		}
		if start >= 0 {
			if d, o, found := flush(len(s)); found {
				return d, o, cp.name, true
			}
		}
	}
	return "", "", "", false
}

// checkEncoding reports, line by line, invalid UTF-8 and double-encoded
// text. At most limit warnings are returned, then one that counts the rest.
func checkEncoding(ls *lineSource, limit int) []lineWarning {
	var out []lineWarning
	more := 0
	add := func(w lineWarning) {
		if len(out) < limit {
			out = append(out, w)
		} else {
			more++
		}
	}
	valid := utf8.ValidString(ls.src)
	for i, l := range ls.lines {
		b := ls.src[l.start:l.end]
		if l.end-l.start > ls.skipLong {
			add(lineWarning{i + 1, fmt.Sprintf("line is %s long; it is ignored (no card can be read from it)", humanBytes(l.end-l.start))})
			continue
		}
		if !valid && !utf8.ValidString(b) {
			k := invalidUTF8At(b)
			add(lineWarning{i + 1, fmt.Sprintf("invalid UTF-8 (byte 0x%02X at column %d); the note may not be UTF-8 encoded — recall reads it as is and never rewrites this line", b[k], k+1)})
			continue
		}
		if d, o, page, ok := mojibake(b); ok {
			add(lineWarning{i + 1, fmt.Sprintf("text looks double-encoded (UTF-8 read as %s and saved again): %q is probably %q", page, d, o)})
		}
	}
	if more > 0 {
		out = append(out, lineWarning{0, fmt.Sprintf("%d more encoding warning(s) in this note not shown", more)})
	}
	return out
}

// invalidUTF8At returns the offset of the first invalid UTF-8 byte in b.
func invalidUTF8At(b string) int {
	for k := 0; k < len(b); {
		r, size := utf8.DecodeRuneInString(b[k:])
		if r == utf8.RuneError && size <= 1 {
			return k
		}
		k += size
	}
	return 0
}

// humanBytes formats a byte count for people ("10.0 MB").
func humanBytes(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// predominantEOL returns "\r\n" when most terminated lines end with CRLF.
func predominantEOL(src []byte) string {
	lf := bytes.Count(src, []byte{'\n'})
	crlf := bytes.Count(src, []byte("\r\n"))
	if crlf*2 > lf {
		return "\r\n"
	}
	return "\n"
}

// hasLowNonASCII reports whether s holds a character from U+0080 to
// U+2FFF, the only ones a code page's high byte decodes to.
func hasLowNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0xC2 && c <= 0xE2 {
			return true
		}
	}
	return false
}
