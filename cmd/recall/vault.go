package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/recall-srs/recall/deck"
	"github.com/recall-srs/recall/notes"
)

// vaultFlags are the flags of every command that reads a vault. Settings
// flags override the vault's own plugin settings.
type vaultFlags struct {
	Vault string `help:"Obsidian vault to read (default: the built-in OAuth deck)." type:"path" placeholder:"DIR"`

	Tags                 []string `help:"Flashcard tags (plugin setting flashcardTags), e.g. '#🧠'." placeholder:"TAG" group:"Plugin settings"`
	Separator            *string  `help:"Inline card separator (singleLineCardSeparator)." placeholder:"SEP" group:"Plugin settings"`
	ReversedSeparator    *string  `help:"Inline reversed card separator (singleLineReversedCardSeparator)." placeholder:"SEP" group:"Plugin settings"`
	MultilineSeparator   *string  `help:"Multi-line card separator (multilineCardSeparator)." placeholder:"SEP" group:"Plugin settings"`
	MultilineReversedSep *string  `name:"multiline-reversed-separator" help:"Multi-line reversed card separator (multilineReversedCardSeparator)." placeholder:"SEP" group:"Plugin settings"`
	ClozePattern         []string `help:"Cloze pattern such as '==[123;;]answer[;;hint]==' (clozePatterns); repeat for several." placeholder:"PATTERN" group:"Plugin settings"`
	FoldersAsDecks       *bool    `help:"Use folders as decks (convertFoldersToDecks)." group:"Plugin settings"`
	Ignore               []string `help:"Glob of notes to ignore (noteFoldersToIgnore); repeat for several." placeholder:"GLOB" group:"Plugin settings"`
}

// openedVault is a vault read from disk or the built-in deck.
type openedVault struct {
	fsys     fs.FS
	name     string // the vault folder, or "built-in OAuth deck"
	builtin  bool
	settings deck.Settings
	root     *os.Root // nil for the built-in deck
}

// close releases the vault folder.
func (v *openedVault) close() {
	if v.root != nil {
		v.root.Close()
	}
}

// open finds the vault and its settings, and applies the flags.
func (f *vaultFlags) open() (*openedVault, error) {
	v := &openedVault{}
	if f.Vault == "" {
		v.fsys, v.name, v.builtin = notes.FS(), notes.Name, true
	} else {
		info, err := os.Stat(f.Vault)
		if err != nil {
			return nil, fmt.Errorf("cannot open the vault %s: %w", f.Vault, plainErr(err))
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("the vault %s is not a folder", f.Vault)
		}
		root, err := os.OpenRoot(f.Vault)
		if err != nil {
			return nil, fmt.Errorf("cannot open the vault %s: %w", f.Vault, plainErr(err))
		}
		v.fsys, v.name, v.root = root.FS(), f.Vault, root
	}
	s, _, err := deck.LoadSettings(v.fsys)
	if err != nil {
		v.close()
		return nil, fmt.Errorf("cannot read the plugin settings of %s: %w", v.name, err)
	}
	f.apply(&s)
	v.settings = s
	return v, nil
}

// apply overrides plugin settings with the flags that were given.
func (f *vaultFlags) apply(s *deck.Settings) {
	if len(f.Tags) > 0 {
		s.FlashcardTags = f.Tags
	}
	setString := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	setString(&s.SingleLineCardSeparator, f.Separator)
	setString(&s.SingleLineReversedCardSeparator, f.ReversedSeparator)
	setString(&s.MultilineCardSeparator, f.MultilineSeparator)
	setString(&s.MultilineReversedCardSeparator, f.MultilineReversedSep)
	if len(f.ClozePattern) > 0 {
		s.ClozePatterns = f.ClozePattern
	}
	if f.FoldersAsDecks != nil {
		s.ConvertFoldersToDecks = *f.FoldersAsDecks
	}
	if len(f.Ignore) > 0 {
		s.NoteFoldersToIgnore = f.Ignore
	}
}

// scan reads every note of the vault.
func (v *openedVault) scan(progress func(done, total int)) (*deck.Vault, error) {
	return deck.ScanVault(v.fsys, deck.NewParser(v.settings), deck.ScanOptions{Progress: progress})
}

// plainErr strips the path an *fs.PathError repeats.
func plainErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// nowFunc returns the clock: RECALL_NOW's fixed time when it is set, else
// the real time.
func (e *env) nowFunc() (func() time.Time, error) {
	if e.getenv("RECALL_NOW") == "" {
		return time.Now, nil
	}
	t, err := e.clock()
	if err != nil {
		return nil, err
	}
	return func() time.Time { return t }, nil
}

// clock returns the current time, or RECALL_NOW when it is set
// (YYYY-MM-DD, taken as local midnight, or RFC 3339).
func (e *env) clock() (time.Time, error) {
	s := e.getenv("RECALL_NOW")
	if s == "" {
		return time.Now(), nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, time.Local); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("RECALL_NOW=%q is neither a date (YYYY-MM-DD) nor an RFC 3339 time", s)
	}
	return t, nil
}
