package deck

import "fmt"

// Warning is a problem found in a note. Warnings are data, not errors: a scan
// never stops because of one, and nothing is rewritten because of one.
type Warning struct {
	// Path is the note's path relative to the vault, '/'-separated.
	Path string `json:"file"`
	// Line is the 1-based line the problem is on; 0 when it concerns the
	// whole file.
	Line int `json:"line"`
	// Msg says what is wrong, in plain words.
	Msg string `json:"message"`
}

// String formats the warning as "path:line: message".
func (w Warning) String() string {
	if w.Line <= 0 {
		return fmt.Sprintf("%s: %s", w.Path, w.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", w.Path, w.Line, w.Msg)
}
