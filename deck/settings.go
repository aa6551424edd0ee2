package deck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"strings"
)

// Settings are the plugin settings recall uses (obsidian-sr.md §2 table),
// with the plugin's defaults. The JSON key of each field is its name with a
// lower-case first letter (FlashcardTags is "flashcardTags").
type Settings struct {
	FlashcardTags, FlashcardTagsToIgnore []string
	ConvertFoldersToDecks                bool
	NoteFoldersToIgnore                  []string
	SingleLineCardSeparator              string
	SingleLineReversedCardSeparator      string
	MultilineCardSeparator               string
	MultilineReversedCardSeparator       string
	MultilineCardEndMarker               string
	ClozePatterns                        []string
	CardCommentOnSameLine                bool
	UseCalloutsForSchedulingComments     bool
	ShowContextInCards                   bool
	BurySiblingCards                     bool
	FlashcardCardOrder                   string
	FlashcardDeckOrder                   string
	TagsToReview, NoteTagsToIgnore       []string
	Algorithm                            string // "SM-2-OSR" or "FSRS"
	BaseEase                             int
	LapsesIntervalChange, EasyBonus      float64
	LoadBalance                          bool
	MaximumInterval                      int
	MaxLinkFactor, FsrsDesiredRetention  float64
	DataStore                            string
}

// The built-in cloze patterns of the plugin's legacy settings.
const (
	highlightClozePattern = "==[123;;]answer[;;hint]=="
	boldClozePattern      = "**[123;;]answer[;;hint]**"
	curlyClozePattern     = "{{[123;;]answer[;;hint]}}"
)

// The values of the algorithm and dataStore settings recall knows.
const (
	AlgorithmSM2   = "SM-2-OSR"
	AlgorithmFSRS  = "FSRS"
	DataStoreNotes = "NOTES"
)

// The range of fsrsDesiredRetention recall accepts without a problem.
const (
	minDesiredRetention = 0.70
	maxDesiredRetention = 0.99
)

// DefaultSettings returns the plugin's defaults (file src/data/settings.ts
// of plugin v1.15.4).
func DefaultSettings() Settings {
	return Settings{
		FlashcardTags:                   []string{"#flashcards"},
		FlashcardTagsToIgnore:           []string{},
		NoteFoldersToIgnore:             []string{"**/*.excalidraw.md"},
		SingleLineCardSeparator:         "::",
		SingleLineReversedCardSeparator: ":::",
		MultilineCardSeparator:          "?",
		MultilineReversedCardSeparator:  "??",
		ClozePatterns:                   []string{highlightClozePattern},
		ShowContextInCards:              true,
		FlashcardCardOrder:              "DueFirstRandom",
		FlashcardDeckOrder:              "PrevDeckComplete_Sequential",
		TagsToReview:                    []string{"#review"},
		NoteTagsToIgnore:                []string{},
		Algorithm:                       AlgorithmSM2,
		BaseEase:                        250,
		LapsesIntervalChange:            0.5,
		EasyBonus:                       1.3,
		LoadBalance:                     true,
		MaximumInterval:                 36525,
		MaxLinkFactor:                   1.0,
		FsrsDesiredRetention:            0.9,
		DataStore:                       DataStoreNotes,
	}
}

// PluginSettingsPath is the path of the plugin's data.json inside a vault
// whose Obsidian configuration folder has the default name ".obsidian".
const PluginSettingsPath = ".obsidian/plugins/obsidian-spaced-repetition/data.json"

// LoadSettings reads PluginSettingsPath from fsys with ParseSettings. An
// absent file gives DefaultSettings() and found=false; a file that cannot be
// read or parsed gives an error. It only reads, never writes.
func LoadSettings(fsys fs.FS) (s Settings, found bool, err error) {
	data, err := fs.ReadFile(fsys, PluginSettingsPath)
	if errors.Is(err, fs.ErrNotExist) {
		return DefaultSettings(), false, nil
	}
	if err != nil {
		return Settings{}, false, fmt.Errorf("reading plugin settings: %w", err)
	}
	s, err = ParseSettings(data)
	if err != nil {
		return Settings{}, true, fmt.Errorf("%s: %w", PluginSettingsPath, err)
	}
	return s, true, nil
}

// ParseSettings decodes a whole data.json ({"settings": {...}, ...}) the way
// the plugin loads it (obsidian-sr.md §2): upgradeSettings' migrations are
// applied to the stored settings (clozePatterns built from the legacy
// convert*ToClozes booleans when missing, a legacy randomizeCardOrder turned
// into the two order keys) and the result is merged over the defaults.
//
// Unknown keys are ignored, and so is a JSON null, like a missing key. A
// value of the wrong JSON type, or a fraction where a whole number is
// expected, is an error naming the key. As in the plugin, an absent or null
// "settings" gives the defaults, while a "settings" object without
// clozePatterns and without the legacy booleans has no cloze patterns.
func ParseSettings(data []byte) (Settings, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return Settings{}, fmt.Errorf("plugin settings are not a JSON object: %w", err)
	}
	s := DefaultSettings()
	raw, ok := top["settings"]
	if !ok || isJSONNull(raw) {
		return s, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return Settings{}, errors.New(`plugin settings: key "settings" is not a JSON object`)
	}
	d := settingsDecoder{obj: obj}

	d.list("flashcardTags", &s.FlashcardTags)
	d.list("flashcardTagsToIgnore", &s.FlashcardTagsToIgnore)
	d.flag("convertFoldersToDecks", &s.ConvertFoldersToDecks)
	d.list("noteFoldersToIgnore", &s.NoteFoldersToIgnore)
	d.text("singleLineCardSeparator", &s.SingleLineCardSeparator)
	d.text("singleLineReversedCardSeparator", &s.SingleLineReversedCardSeparator)
	d.text("multilineCardSeparator", &s.MultilineCardSeparator)
	d.text("multilineReversedCardSeparator", &s.MultilineReversedCardSeparator)
	d.text("multilineCardEndMarker", &s.MultilineCardEndMarker)
	d.flag("cardCommentOnSameLine", &s.CardCommentOnSameLine)
	d.flag("useCalloutsForSchedulingComments", &s.UseCalloutsForSchedulingComments)
	d.flag("showContextInCards", &s.ShowContextInCards)
	d.flag("burySiblingCards", &s.BurySiblingCards)
	d.list("tagsToReview", &s.TagsToReview)
	d.list("noteTagsToIgnore", &s.NoteTagsToIgnore)
	d.text("algorithm", &s.Algorithm)
	d.integer("baseEase", &s.BaseEase)
	d.number("lapsesIntervalChange", &s.LapsesIntervalChange)
	d.number("easyBonus", &s.EasyBonus)
	d.flag("loadBalance", &s.LoadBalance)
	d.integer("maximumInterval", &s.MaximumInterval)
	d.number("maxLinkFactor", &s.MaxLinkFactor)
	d.number("fsrsDesiredRetention", &s.FsrsDesiredRetention)
	d.text("dataStore", &s.DataStore)

	// upgradeSettings: card order from the legacy randomizeCardOrder, only
	// when both order keys are missing.
	cardOrder := d.text("flashcardCardOrder", &s.FlashcardCardOrder)
	deckOrder := d.text("flashcardDeckOrder", &s.FlashcardDeckOrder)
	var randomize bool
	if d.flag("randomizeCardOrder", &randomize) && !cardOrder && !deckOrder {
		s.FlashcardCardOrder = "DueFirstSequential"
		if randomize {
			s.FlashcardCardOrder = "DueFirstRandom"
		}
		s.FlashcardDeckOrder = "PrevDeckComplete_Sequential"
	}

	// upgradeSettings: cloze patterns from the legacy booleans, read from
	// the stored settings only (a missing boolean counts as false).
	if !d.list("clozePatterns", &s.ClozePatterns) {
		var highlight, bold, curly bool
		d.flag("convertHighlightsToClozes", &highlight)
		d.flag("convertBoldTextToClozes", &bold)
		d.flag("convertCurlyBracketsToClozes", &curly)
		s.ClozePatterns = []string{}
		for _, legacy := range []struct {
			on      bool
			pattern string
		}{{highlight, highlightClozePattern}, {bold, boldClozePattern}, {curly, curlyClozePattern}} {
			if legacy.on {
				s.ClozePatterns = append(s.ClozePatterns, legacy.pattern)
			}
		}
	}

	if d.err != nil {
		return Settings{}, fmt.Errorf("plugin settings: %w", d.err)
	}
	return s, nil
}

// settingsDecoder reads typed values from the stored settings object and
// keeps the first type error.
type settingsDecoder struct {
	obj map[string]json.RawMessage
	err error
}

// value returns the raw value of key, or ok=false when it is missing or null.
func (d *settingsDecoder) value(key string) (json.RawMessage, bool) {
	raw, ok := d.obj[key]
	if !ok || isJSONNull(raw) {
		return nil, false
	}
	return raw, true
}

// fail records a type error for key.
func (d *settingsDecoder) fail(key, want string, raw json.RawMessage) {
	if d.err == nil {
		d.err = fmt.Errorf("key %q must be %s, not %s", key, want, jsonKind(raw))
	}
}

// text stores a string value; it reports whether key was present.
func (d *settingsDecoder) text(key string, dst *string) bool {
	raw, ok := d.value(key)
	if !ok {
		return false
	}
	if json.Unmarshal(raw, dst) != nil {
		d.fail(key, "a string", raw)
	}
	return true
}

// flag stores a boolean value; it reports whether key was present.
func (d *settingsDecoder) flag(key string, dst *bool) bool {
	raw, ok := d.value(key)
	if !ok {
		return false
	}
	if json.Unmarshal(raw, dst) != nil {
		d.fail(key, "true or false", raw)
	}
	return true
}

// number stores a finite number; it reports whether key was present.
func (d *settingsDecoder) number(key string, dst *float64) bool {
	raw, ok := d.value(key)
	if !ok {
		return false
	}
	if json.Unmarshal(raw, dst) != nil {
		d.fail(key, "a number", raw)
	}
	return true
}

// integer stores a whole number; it reports whether key was present.
func (d *settingsDecoder) integer(key string, dst *int) bool {
	var f float64
	if !d.number(key, &f) {
		return false
	}
	if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		if d.err == nil {
			d.err = fmt.Errorf("key %q must be a whole number, not %v", key, f)
		}
		return true
	}
	*dst = int(f)
	return true
}

// list stores an array of strings; it reports whether key was present.
func (d *settingsDecoder) list(key string, dst *[]string) bool {
	raw, ok := d.value(key)
	if !ok {
		return false
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		d.fail(key, "an array of strings", raw)
		return true
	}
	list := make([]string, len(items))
	for i, item := range items {
		if item[0] != '"' || json.Unmarshal(item, &list[i]) != nil {
			d.fail(fmt.Sprintf("%s[%d]", key, i), "a string", item)
			return true
		}
	}
	*dst = list
	return true
}

// isJSONNull reports whether raw is the JSON literal null.
func isJSONNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// jsonKind names the JSON type of a valid raw value.
func jsonKind(raw json.RawMessage) string {
	switch raw[0] {
	case '"':
		return "a string"
	case '[':
		return "an array"
	case '{':
		return "an object"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

// reservedCommentTexts are the texts a card separator must not occur in
// (defect D13, issue #836): the schedule comment's delimiters and the
// callout header.
var reservedCommentTexts = []string{commentOpen, commentClose, calloutMarker}

// Problems checks the settings and returns problems in plain words (they are
// not errors; recall still runs): a separator that occurs inside "<!--SR:",
// "-->" or "> [!sr|card-metadata]" (defect D13), two card types with the
// same separator, a cloze pattern that does not compile, a dataStore other
// than "NOTES" (recall then refuses to write), an unknown algorithm and a
// desired retention outside 0.70–0.99.
func (s Settings) Problems() []string {
	var out []string
	seps := []struct{ name, value string }{
		{"singleLineCardSeparator", s.SingleLineCardSeparator},
		{"singleLineReversedCardSeparator", s.SingleLineReversedCardSeparator},
		{"multilineCardSeparator", s.MultilineCardSeparator},
		{"multilineReversedCardSeparator", s.MultilineReversedCardSeparator},
	}
	for _, sep := range seps {
		if sep.value == "" {
			continue
		}
		for _, reserved := range reservedCommentTexts {
			if strings.Contains(reserved, sep.value) {
				out = append(out, fmt.Sprintf("%s %q occurs in %q, so schedule comments can be read as cards and their schedules lost (plugin issue #836); choose another separator", sep.name, sep.value, reserved))
				break
			}
		}
	}
	for i, a := range seps {
		for _, b := range seps[i+1:] {
			if a.value != "" && a.value == b.value {
				out = append(out, fmt.Sprintf("%s and %s are both %q, so one of the two card types can never be recognised", a.name, b.name, a.value))
			}
		}
	}
	for _, p := range s.ClozePatterns {
		if _, err := CompileClozePattern(p); err != nil {
			out = append(out, fmt.Sprintf("%v; the pattern is ignored", err))
		}
	}
	if s.DataStore != DataStoreNotes {
		out = append(out, fmt.Sprintf("dataStore is %q, not %q: recall only reads and writes schedules in notes and will not write any", s.DataStore, DataStoreNotes))
	}
	if s.Algorithm != AlgorithmSM2 && s.Algorithm != AlgorithmFSRS {
		out = append(out, fmt.Sprintf("algorithm %q is neither %q nor %q", s.Algorithm, AlgorithmSM2, AlgorithmFSRS))
	}
	if r := s.FsrsDesiredRetention; !(r >= minDesiredRetention && r <= maxDesiredRetention) {
		out = append(out, fmt.Sprintf("fsrsDesiredRetention %v is outside %.2f–%.2f", r, minDesiredRetention, maxDesiredRetention))
	}
	return out
}
