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
	name   string
	toByte map[rune]byte // the character each high byte decodes to, reversed
}

// codePages are the code pages whose double-encoded text recall detects.
var codePages = []legacyCodePage{
	newCodePage("Windows-1252", charmap.Windows1252),
	newCodePage("Windows-1254", charmap.Windows1254),
}

// newCodePage builds the reverse table of a code page's high half. Bytes the
// code page leaves undefined map to the C1 control of the same value, as
// lenient converters do.
func newCodePage(name string, cm *charmap.Charmap) legacyCodePage {
	cp := legacyCodePage{name: name, toByte: map[rune]byte{}}
	for b := 0x80; b <= 0xFF; b++ {
		r := cm.DecodeByte(byte(b))
		if r == utf8.RuneError {
			r = rune(b)
		}
		cp.toByte[r] = byte(b)
	}
	for b := 0x80; b <= 0x9F; b++ {
		if _, ok := cp.toByte[rune(b)]; !ok {
			cp.toByte[rune(b)] = byte(b)
		}
	}
	return cp
}

// mojibake looks for UTF-8 text that was decoded as a Windows code page and
// encoded again as UTF-8 ("ä½¿ç”¨" for "使用"). It returns the damaged text,
// what it probably was, and the code page; ok is false when the line looks
// fine.
func mojibake(s string) (damaged, original, page string, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			goto scan
		}
	}
	return "", "", "", false
scan:
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
			b, ok := cp.toByte[r]
			if ok && r >= 0x80 {
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
	for i, l := range ls.lines {
		b := ls.src[l.start:l.end]
		if l.end-l.start > ls.skipLong {
			add(lineWarning{i + 1, fmt.Sprintf("line is %s long; it is ignored (no card can be read from it)", humanBytes(l.end-l.start))})
			continue
		}
		if !utf8.Valid(b) {
			k := invalidUTF8At(b)
			add(lineWarning{i + 1, fmt.Sprintf("invalid UTF-8 (byte 0x%02X at column %d); the note may not be UTF-8 encoded — recall reads it as is and never rewrites this line", b[k], k+1)})
			continue
		}
		if d, o, page, ok := mojibake(string(b)); ok {
			add(lineWarning{i + 1, fmt.Sprintf("text looks double-encoded (UTF-8 read as %s and saved again): %q is probably %q", page, d, o)})
		}
	}
	if more > 0 {
		out = append(out, lineWarning{0, fmt.Sprintf("%d more encoding warning(s) in this note not shown", more)})
	}
	return out
}

// invalidUTF8At returns the offset of the first invalid UTF-8 byte in b.
func invalidUTF8At(b []byte) int {
	for k := 0; k < len(b); {
		r, size := utf8.DecodeRune(b[k:])
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
