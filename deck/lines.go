package deck

import "bytes"

// line is one line of a note: its bytes in the original source, without the
// terminator, and where the terminator ends.
type line struct {
	start, end int // [start,end) is the content, without "\n" or "\r\n"
	next       int // offset of the next line (end plus the terminator's length)
}

// utf8BOM is the byte order mark some editors put at the start of a file.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// splitLines cuts src into lines at "\n". A "\r" before the "\n" belongs to
// the terminator, not the content, so CRLF files read like LF files. A final
// line without terminator is a line; an empty file has one empty line, like
// JavaScript's split("\n").
func splitLines(src []byte) []line {
	lines := make([]line, 0, bytes.Count(src, []byte{'\n'})+1)
	pos := 0
	for {
		i := bytes.IndexByte(src[pos:], '\n')
		if i < 0 {
			lines = append(lines, line{start: pos, end: pos + len(src[pos:]), next: len(src)})
			return lines
		}
		end := pos + i
		if end > pos && src[end-1] == '\r' {
			end--
		}
		lines = append(lines, line{start: pos, end: end, next: pos + i + 1})
		pos += i + 1
	}
}
