package deck

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDefaultSettings(t *testing.T) {
	// The defaults table of obsidian-sr.md §2.
	s := DefaultSettings()
	tests := []struct {
		key       string
		got, want any
	}{
		{"flashcardTags", s.FlashcardTags, []string{"#flashcards"}},
		{"flashcardTagsToIgnore", s.FlashcardTagsToIgnore, []string{}},
		{"convertFoldersToDecks", s.ConvertFoldersToDecks, false},
		{"noteFoldersToIgnore", s.NoteFoldersToIgnore, []string{"**/*.excalidraw.md"}},
		{"singleLineCardSeparator", s.SingleLineCardSeparator, "::"},
		{"singleLineReversedCardSeparator", s.SingleLineReversedCardSeparator, ":::"},
		{"multilineCardSeparator", s.MultilineCardSeparator, "?"},
		{"multilineReversedCardSeparator", s.MultilineReversedCardSeparator, "??"},
		{"multilineCardEndMarker", s.MultilineCardEndMarker, ""},
		{"clozePatterns", s.ClozePatterns, []string{"==[123;;]answer[;;hint]=="}},
		{"cardCommentOnSameLine", s.CardCommentOnSameLine, false},
		{"useCalloutsForSchedulingComments", s.UseCalloutsForSchedulingComments, false},
		{"showContextInCards", s.ShowContextInCards, true},
		{"burySiblingCards", s.BurySiblingCards, false},
		{"flashcardCardOrder", s.FlashcardCardOrder, "DueFirstRandom"},
		{"flashcardDeckOrder", s.FlashcardDeckOrder, "PrevDeckComplete_Sequential"},
		{"tagsToReview", s.TagsToReview, []string{"#review"}},
		{"noteTagsToIgnore", s.NoteTagsToIgnore, []string{}},
		{"algorithm", s.Algorithm, "SM-2-OSR"},
		{"baseEase", s.BaseEase, 250},
		{"lapsesIntervalChange", s.LapsesIntervalChange, 0.5},
		{"easyBonus", s.EasyBonus, 1.3},
		{"loadBalance", s.LoadBalance, true},
		{"maximumInterval", s.MaximumInterval, 36525},
		{"maxLinkFactor", s.MaxLinkFactor, 1.0},
		{"fsrsDesiredRetention", s.FsrsDesiredRetention, 0.9},
		{"dataStore", s.DataStore, "NOTES"},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s = %#v, want %#v", tt.key, tt.got, tt.want)
		}
	}
	if p := s.Problems(); len(p) != 0 {
		t.Errorf("defaults have problems: %q", p)
	}
	// Each call returns fresh slices.
	s.FlashcardTags[0] = "#changed"
	if DefaultSettings().FlashcardTags[0] != "#flashcards" {
		t.Error("DefaultSettings shares its slices between calls")
	}
}

// v1_10_1 is a data.json as plugin 1.10.1 wrote it: legacy cloze booleans,
// randomizeCardOrder, editLaterTag, showDebugMessages, none of the newer keys.
const v1_10_1 = `{
  "settings": {
    "flashcardEasyText": "Easy",
    "flashcardGoodText": "Good",
    "flashcardHardText": "Hard",
    "flashcardTags": ["#flashcards", "#🧠"],
    "convertFoldersToDecks": false,
    "cardCommentOnSameLine": true,
    "burySiblingCards": true,
    "showContextInCards": false,
    "flashcardHeightPercentage": 80,
    "flashcardWidthPercentage": 40,
    "randomizeCardOrder": %s,
    "convertHighlightsToClozes": %s,
    "convertBoldTextToClozes": %s,
    "convertCurlyBracketsToClozes": %s,
    "singleLineCardSeparator": "->->->",
    "singleLineReversedCardSeparator": ":::",
    "multilineCardSeparator": "?",
    "multilineReversedCardSeparator": "??",
    "editLaterTag": "#edit-later",
    "enableNoteReviewPaneOnStartup": true,
    "tagsToReview": ["#review"],
    "noteFoldersToIgnore": ["templates"],
    "openRandomNote": false,
    "autoNextNote": false,
    "disableFileMenuReviewOptions": false,
    "maxNDaysNotesReviewQueue": 365,
    "baseEase": 230,
    "lapsesIntervalChange": 0.5,
    "easyBonus": 1.3,
    "maximumInterval": 36525,
    "maxLinkFactor": 1,
    "showDebugMessages": false
  },
  "buryDate": "2023-09-15",
  "buryList": ["1234567890"],
  "historyDeck": null
}`

// fill replaces the %s placeholders of a template in order.
func fill(template string, values ...string) string {
	for _, v := range values {
		template = strings.Replace(template, "%s", v, 1)
	}
	return template
}

func TestParseSettingsV1_10_1(t *testing.T) {
	const (
		hl    = "==[123;;]answer[;;hint]=="
		bold  = "**[123;;]answer[;;hint]**"
		curly = "{{[123;;]answer[;;hint]}}"
	)
	tests := []struct {
		name                             string
		randomize, highlight, bold, curl string
		cardOrder                        string
		clozes                           []string
	}{
		{"all three clozes, sequential", "false", "true", "true", "true", "DueFirstSequential", []string{hl, bold, curly}},
		{"highlight only, random", "true", "true", "false", "false", "DueFirstRandom", []string{hl}},
		{"bold and curly", "false", "false", "true", "true", "DueFirstSequential", []string{bold, curly}},
		{"no clozes", "true", "false", "false", "false", "DueFirstRandom", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSettings([]byte(fill(v1_10_1, tt.randomize, tt.highlight, tt.bold, tt.curl)))
			if err != nil {
				t.Fatal(err)
			}
			want := DefaultSettings()
			want.FlashcardTags = []string{"#flashcards", "#🧠"}
			want.CardCommentOnSameLine = true
			want.BurySiblingCards = true
			want.ShowContextInCards = false
			want.SingleLineCardSeparator = "->->->"
			want.NoteFoldersToIgnore = []string{"templates"}
			want.BaseEase = 230
			want.FlashcardCardOrder = tt.cardOrder
			want.FlashcardDeckOrder = "PrevDeckComplete_Sequential"
			want.ClozePatterns = tt.clozes
			if !reflect.DeepEqual(s, want) {
				t.Errorf("ParseSettings =\n%+v\nwant\n%+v", s, want)
			}
		})
	}
}

func TestParseSettingsMigrationRules(t *testing.T) {
	tests := []struct {
		name, json      string
		cardOrder, deck string
		clozes          []string
	}{
		{"order keys win over randomizeCardOrder",
			`{"settings": {"randomizeCardOrder": false, "flashcardCardOrder": "NewFirstRandom"}}`,
			"NewFirstRandom", "PrevDeckComplete_Sequential", []string{}},
		{"one order key is enough to skip the migration",
			`{"settings": {"randomizeCardOrder": false, "flashcardDeckOrder": "PrevDeckComplete_Random"}}`,
			"DueFirstRandom", "PrevDeckComplete_Random", []string{}},
		{"null randomizeCardOrder is ignored",
			`{"settings": {"randomizeCardOrder": null, "clozePatterns": ["{@{[123;;]answer[;;hint]}@}"]}}`,
			"DueFirstRandom", "PrevDeckComplete_Sequential", []string{"{@{[123;;]answer[;;hint]}@}"}},
		{"clozePatterns win over the legacy booleans",
			`{"settings": {"convertBoldTextToClozes": true, "clozePatterns": []}}`,
			"DueFirstRandom", "PrevDeckComplete_Sequential", []string{}},
		{"null clozePatterns is migrated",
			`{"settings": {"convertCurlyBracketsToClozes": true, "clozePatterns": null}}`,
			"DueFirstRandom", "PrevDeckComplete_Sequential", []string{"{{[123;;]answer[;;hint]}}"}},
		// The plugin migrates before merging, so an empty settings object
		// has no cloze patterns at all (missing booleans count as false).
		{"empty settings object",
			`{"settings": {}}`,
			"DueFirstRandom", "PrevDeckComplete_Sequential", []string{}},
		{"no settings key", `{"buryList": []}`,
			"DueFirstRandom", "PrevDeckComplete_Sequential", []string{"==[123;;]answer[;;hint]=="}},
		{"null settings", `{"settings": null}`,
			"DueFirstRandom", "PrevDeckComplete_Sequential", []string{"==[123;;]answer[;;hint]=="}},
		{"null file", `null`,
			"DueFirstRandom", "PrevDeckComplete_Sequential", []string{"==[123;;]answer[;;hint]=="}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSettings([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if s.FlashcardCardOrder != tt.cardOrder || s.FlashcardDeckOrder != tt.deck {
				t.Errorf("orders = %q, %q; want %q, %q", s.FlashcardCardOrder, s.FlashcardDeckOrder, tt.cardOrder, tt.deck)
			}
			if !slices.Equal(s.ClozePatterns, tt.clozes) || s.ClozePatterns == nil {
				t.Errorf("clozePatterns = %#v, want %#v", s.ClozePatterns, tt.clozes)
			}
		})
	}
}

// v1_15_4 is the data.json of the polyipseity-information test vault
// (data/vaults), as plugin 1.15.4 wrote it.
const v1_15_4 = `{
  "settings": {
    "flashcardTags": ["#flashcard/active"],
    "flashcardTagsToIgnore": [],
    "convertFoldersToDecks": false,
    "burySiblingCards": false,
    "flashcardCardOrder": "NewFirstRandom",
    "flashcardDeckOrder": "PrevDeckComplete_Random",
    "convertClozePatternsToInputs": false,
    "convertHighlightsToClozes": false,
    "convertBoldTextToClozes": false,
    "convertCurlyBracketsToClozes": false,
    "clozePatterns": ["{@{[123;;]answer[;;hint]}@}"],
    "singleLineCardSeparator": ":@:",
    "singleLineReversedCardSeparator": "::@::",
    "multilineCardSeparator": "?@?",
    "multilineReversedCardSeparator": "??@??",
    "multilineCardEndMarker": "",
    "enableReviewReminders": false,
    "reviewReminderIntervalMinutes": 5,
    "randomizeCardOrder": null,
    "enableNoteReviewPaneOnStartup": true,
    "tagsToReview": ["#review"],
    "noteTagsToIgnore": [],
    "noteFoldersToIgnore": ["**/*.excalidraw.md"],
    "maxNDaysNotesReviewQueue": 36524,
    "showContextInCards": true,
    "flashcardHeightPercentage": 90,
    "flashcardAgainText": "Again",
    "useCalloutsForSchedulingComments": false,
    "algorithm": "FSRS",
    "baseEase": 250,
    "lapsesIntervalChange": 0.5,
    "easyBonus": 1.3,
    "loadBalance": true,
    "maximumInterval": 36524,
    "maxLinkFactor": 1,
    "fsrsDesiredRetention": 0.9,
    "startOfDay": "00:00:00",
    "dataStore": "NOTES",
    "cardCommentOnSameLine": true,
    "scheduleDataVaultLocation": "Spaced Repetition",
    "showSchedulingDebugMessages": false,
    "preferredLocale": "-"
  },
  "buryDate": "2026-06-28",
  "buryList": [],
  "historyDeck": null,
  "scheduleData": {"cardSchedules": {}, "noteSchedules": {}, "version": 1}
}`

func TestParseSettingsV1_15_4(t *testing.T) {
	s, err := ParseSettings([]byte(v1_15_4))
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultSettings()
	want.FlashcardTags = []string{"#flashcard/active"}
	want.FlashcardCardOrder = "NewFirstRandom"
	want.FlashcardDeckOrder = "PrevDeckComplete_Random"
	want.ClozePatterns = []string{"{@{[123;;]answer[;;hint]}@}"}
	want.SingleLineCardSeparator = ":@:"
	want.SingleLineReversedCardSeparator = "::@::"
	want.MultilineCardSeparator = "?@?"
	want.MultilineReversedCardSeparator = "??@??"
	want.Algorithm = "FSRS"
	want.MaximumInterval = 36524
	want.CardCommentOnSameLine = true
	if !reflect.DeepEqual(s, want) {
		t.Errorf("ParseSettings =\n%+v\nwant\n%+v", s, want)
	}
	if p := s.Problems(); len(p) != 0 {
		t.Errorf("Problems = %q, want none", p)
	}
}

func TestParseSettingsErrors(t *testing.T) {
	tests := []struct {
		json, key string
	}{
		{`{"settings": {"flashcardTags": "#flashcards"}}`, `"flashcardTags" must be an array of strings, not a string`},
		{`{"settings": {"flashcardTags": ["#a", 3]}}`, `"flashcardTags[1]" must be a string, not a number`},
		{`{"settings": {"noteFoldersToIgnore": ["x", null]}}`, `"noteFoldersToIgnore[1]" must be a string, not null`},
		{`{"settings": {"convertFoldersToDecks": "yes"}}`, `"convertFoldersToDecks" must be true or false, not a string`},
		{`{"settings": {"singleLineCardSeparator": 1}}`, `"singleLineCardSeparator" must be a string, not a number`},
		{`{"settings": {"baseEase": "250"}}`, `"baseEase" must be a number, not a string`},
		{`{"settings": {"baseEase": 250.5}}`, `"baseEase" must be a whole number`},
		{`{"settings": {"maximumInterval": 1e300}}`, `"maximumInterval" must be a whole number`},
		{`{"settings": {"easyBonus": [1.3]}}`, `"easyBonus" must be a number, not an array`},
		{`{"settings": {"randomizeCardOrder": 1}}`, `"randomizeCardOrder" must be true or false, not a number`},
		{`{"settings": {"convertBoldTextToClozes": {}}}`, `"convertBoldTextToClozes" must be true or false, not an object`},
		{`{"settings": {"clozePatterns": true}}`, `"clozePatterns" must be an array of strings, not a boolean`},
		{`{"settings": ["flashcardTags"]}`, `"settings" is not a JSON object`},
		{`{"settings": "x"}`, `"settings" is not a JSON object`},
		{`[]`, `not a JSON object`},
		{``, `not a JSON object`},
		{`{"settings": {}`, `not a JSON object`},
	}
	for _, tt := range tests {
		s, err := ParseSettings([]byte(tt.json))
		if err == nil {
			t.Errorf("ParseSettings(%s) = %+v, want an error", tt.json, s)
			continue
		}
		if !strings.Contains(err.Error(), tt.key) {
			t.Errorf("ParseSettings(%s) error %q, want it to contain %q", tt.json, err, tt.key)
		}
	}
}

func TestParseSettingsIgnoresUnknownAndNull(t *testing.T) {
	s, err := ParseSettings([]byte(`{"settings": {"someFutureKey": {"x": 1}, "flashcardTags": null, "baseEase": null,
		"FlashcardTags": ["#wrong-case"], "algorithm": "FSRS"}, "somethingElse": 1}`))
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultSettings()
	want.Algorithm = "FSRS"
	want.ClozePatterns = []string{} // settings object present without clozePatterns
	if !reflect.DeepEqual(s, want) {
		t.Errorf("ParseSettings =\n%+v\nwant\n%+v", s, want)
	}
}

func TestLoadSettings(t *testing.T) {
	s, found, err := LoadSettings(fstest.MapFS{"note.md": {Data: []byte("Q::A")}})
	if err != nil || found || !reflect.DeepEqual(s, DefaultSettings()) {
		t.Errorf("absent file: %+v, found %v, err %v; want defaults, false, nil", s, found, err)
	}

	s, found, err = LoadSettings(fstest.MapFS{PluginSettingsPath: {Data: []byte(v1_15_4)}})
	if err != nil || !found || s.Algorithm != "FSRS" || s.SingleLineCardSeparator != ":@:" {
		t.Errorf("v1.15.4 file: %+v, found %v, err %v", s, found, err)
	}

	_, found, err = LoadSettings(fstest.MapFS{PluginSettingsPath: {Data: []byte(`{"settings": {"baseEase": "x"}}`)}})
	if err == nil || !found || !strings.Contains(err.Error(), PluginSettingsPath) || !strings.Contains(err.Error(), "baseEase") {
		t.Errorf("broken file: found %v, err %v; want an error naming the file and the key", found, err)
	}

	// A directory where the file should be is a read error, not "absent".
	if _, _, err = LoadSettings(fstest.MapFS{PluginSettingsPath + "/x": {}}); err == nil {
		t.Error("directory in place of data.json: want an error")
	}
}

func TestSettingsProblems(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Settings)
		want   []string // substrings, one per expected problem, in order
	}{
		{"defaults", func(*Settings) {}, nil},
		{"-> collides with -->", func(s *Settings) { s.SingleLineCardSeparator = "->" },
			[]string{`singleLineCardSeparator "->" occurs in "-->"`}},
		{"->->-> does not collide", func(s *Settings) { s.SingleLineCardSeparator = "->->->" }, nil},
		{"SR collides with <!--SR:", func(s *Settings) { s.SingleLineReversedCardSeparator = "SR" },
			[]string{`singleLineReversedCardSeparator "SR" occurs in "<!--SR:"`}},
		{"| collides with the callout", func(s *Settings) { s.MultilineCardSeparator = "|" },
			[]string{`multilineCardSeparator "|" occurs in "> [!sr|card-metadata]"`}},
		{"! collides with <!--SR: first", func(s *Settings) { s.MultilineReversedCardSeparator = "!" },
			[]string{`multilineReversedCardSeparator "!" occurs in "<!--SR:"`}},
		{"empty separators are fine", func(s *Settings) { s.SingleLineCardSeparator, s.SingleLineReversedCardSeparator = "", "" }, nil},
		{"inline equals multiline", func(s *Settings) { s.SingleLineCardSeparator = "?" },
			[]string{`singleLineCardSeparator and multilineCardSeparator are both "?"`}},
		{"reversed inline equals multiline reversed", func(s *Settings) { s.SingleLineReversedCardSeparator = "??" },
			[]string{`singleLineReversedCardSeparator and multilineReversedCardSeparator are both "??"`}},
		{"two inline separators equal", func(s *Settings) { s.SingleLineReversedCardSeparator = "::" },
			[]string{`singleLineCardSeparator and singleLineReversedCardSeparator are both "::"`}},
		{"bad cloze pattern", func(s *Settings) { s.ClozePatterns = []string{"==answer==", "{{[123;;]answer[;;hint]}}"} },
			[]string{`cloze pattern "==answer==": no bracketed number part`}},
		{"other data store", func(s *Settings) { s.DataStore = "PLUGIN" },
			[]string{`dataStore is "PLUGIN", not "NOTES"`}},
		{"unknown algorithm", func(s *Settings) { s.Algorithm = "SM-2" },
			[]string{`algorithm "SM-2" is neither`}},
		{"retention too low", func(s *Settings) { s.FsrsDesiredRetention = 0.69 },
			[]string{"fsrsDesiredRetention 0.69 is outside 0.70–0.99"}},
		{"retention too high", func(s *Settings) { s.FsrsDesiredRetention = 0.995 },
			[]string{"fsrsDesiredRetention 0.995 is outside"}},
		{"retention at the bounds", func(s *Settings) { s.FsrsDesiredRetention = 0.70 }, nil},
		{"retention at the upper bound", func(s *Settings) { s.FsrsDesiredRetention = 0.99 }, nil},
		{"several problems", func(s *Settings) { s.SingleLineCardSeparator = "->"; s.DataStore = "" },
			[]string{`"->" occurs in "-->"`, `dataStore is ""`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			tt.change(&s)
			got := s.Problems()
			if len(got) != len(tt.want) {
				t.Fatalf("Problems = %q, want %d problem(s) %q", got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}
