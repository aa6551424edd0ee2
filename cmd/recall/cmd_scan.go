package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"time"

	"github.com/recall-srs/recall/review"
	"github.com/schollz/progressbar/v3"
)

// scanCmd reports what a vault holds.
type scanCmd struct {
	vaultFlags
	JSON bool `help:"Print one JSON object instead of text."`
}

// progressThreshold is the number of notes from which a terminal shows a
// progress bar.
const progressThreshold = 500

// Run scans the vault and prints the counts and warnings.
func (c *scanCmd) Run(e *env) error {
	now, err := e.clock()
	if err != nil {
		return usageError{err.Error()}
	}
	v, err := c.open()
	if err != nil {
		return err
	}
	defer v.close()
	var bar *progressbar.ProgressBar
	progress := func(done, total int) {
		if !e.isTerminal || total < progressThreshold {
			return
		}
		if bar == nil {
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(e.stderr),
				progressbar.OptionSetDescription("scanning"), progressbar.OptionClearOnFinish(),
				progressbar.OptionThrottle(65e6), progressbar.OptionShowCount())
		}
		bar.Set(done)
	}
	vault, err := v.scan(progress)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return err
	}
	s := summarize(vault, review.Clock{Location: time.Local}, now)
	if c.JSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	printSummary(e.stdout, v.name, s)
	return nil
}

// printSummary writes the scan report for people.
func printSummary(w io.Writer, name string, s summary) {
	fmt.Fprintf(w, "%s: %d notes, %d cards (%d new, %d due today)\n", name, s.Notes, s.Cards, s.New, s.Due)
	var types []string
	for _, t := range []string{"inline", "inline-reversed", "multiline", "multiline-reversed", "cloze"} {
		if n := s.ByType[t]; n > 0 {
			types = append(types, fmt.Sprintf("%s %d", t, n))
		}
	}
	if len(types) > 0 {
		fmt.Fprintf(w, "card types: %s\n", strings.Join(types, ", "))
	}
	printDecks(w, s.Decks)
	if len(s.Warnings) > 0 {
		fmt.Fprintf(w, "\n%d warning(s):\n", len(s.Warnings))
		for _, wr := range s.Warnings {
			fmt.Fprintf(w, "  %s\n", wr)
		}
	}
}

// printDecks writes a table of decks with their card, new and due counts,
// aligned by display width.
func printDecks(w io.Writer, decks map[string]deckCounts) {
	if len(decks) == 0 {
		return
	}
	names := make([]string, 0, len(decks))
	width := len("deck")
	for d := range decks {
		names = append(names, d)
		width = max(width, displayWidth(d))
	}
	slices.Sort(names)
	fmt.Fprintf(w, "\n%s%s  %6s %6s %6s\n", "deck", strings.Repeat(" ", width-len("deck")), "cards", "new", "due")
	for _, d := range names {
		dc := decks[d]
		fmt.Fprintf(w, "%s%s  %6d %6d %6d\n", d, strings.Repeat(" ", width-displayWidth(d)), dc.Cards, dc.New, dc.Due)
	}
}
