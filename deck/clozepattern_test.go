package deck

import (
	"strings"
	"testing"
)

// jsRegexBody turns the JavaScript notation of obsidian-sr.md §4.5, /…/g,
// into the regexp source.
func jsRegexBody(t *testing.T, js string) string {
	t.Helper()
	body, ok := strings.CutPrefix(js, "/")
	if !ok {
		t.Fatalf("%q does not start with /", js)
	}
	body, ok = strings.CutSuffix(body, "/g")
	if !ok {
		t.Fatalf("%q does not end with /g", js)
	}
	return body
}

func TestCompileClozePatternBuiltIns(t *testing.T) {
	// The table of obsidian-sr.md §4.5, verbatim.
	tests := []struct {
		pattern, simple, numbered, overlapping string
	}{
		{
			"==[123;;]answer[;;hint]==",
			`/==(.+?)(?:;;(.+?))?==/g`,
			`/==(\d+);;(.+?)(?:;;(.+?))?==/g`,
			`/==([ash]+);;(.+?)(?:;;(.+?))?==/g`,
		},
		{
			"**[123;;]answer[;;hint]**",
			`/\*\*(.+?)(?:;;(.+?))?\*\*/g`,
			`/\*\*(\d+);;(.+?)(?:;;(.+?))?\*\*/g`,
			`/\*\*([ash]+);;(.+?)(?:;;(.+?))?\*\*/g`,
		},
		{
			"{{[123;;]answer[;;hint]}}",
			`/\{\{(.+?)(?:;;(.+?))?\}\}/g`,
			`/\{\{(\d+);;(.+?)(?:;;(.+?))?\}\}/g`,
			`/\{\{([ash]+);;(.+?)(?:;;(.+?))?\}\}/g`,
		},
		{
			"{@{[123;;]answer[;;hint]}@}",
			`/\{@\{(.+?)(?:;;(.+?))?\}@\}/g`,
			`/\{@\{(\d+);;(.+?)(?:;;(.+?))?\}@\}/g`,
			`/\{@\{([ash]+);;(.+?)(?:;;(.+?))?\}@\}/g`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			cp, err := CompileClozePattern(tt.pattern)
			if err != nil {
				t.Fatalf("CompileClozePattern: %v", err)
			}
			if cp.Source != tt.pattern {
				t.Errorf("Source = %q, want %q", cp.Source, tt.pattern)
			}
			for _, c := range []struct {
				name string
				got  string
				want string
			}{
				{"simple", cp.Simple.String(), jsRegexBody(t, tt.simple)},
				{"numbered", cp.Numbered.String(), jsRegexBody(t, tt.numbered)},
				{"overlapping", cp.Overlapping.String(), jsRegexBody(t, tt.overlapping)},
			} {
				if c.got != c.want {
					t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
				}
			}
			if cp.SimpleAnswerGroup != 1 || cp.SimpleHintGroup != 2 {
				t.Errorf("simple groups answer %d hint %d, want 1 2", cp.SimpleAnswerGroup, cp.SimpleHintGroup)
			}
			if cp.NumberGroup != 1 || cp.AnswerGroup != 2 || cp.HintGroup != 3 {
				t.Errorf("groups number %d answer %d hint %d, want 1 2 3", cp.NumberGroup, cp.AnswerGroup, cp.HintGroup)
			}
		})
	}
}

func TestCompileClozePatternMatches(t *testing.T) {
	cp, err := CompileClozePattern("==[123;;]answer[;;hint]==")
	if err != nil {
		t.Fatal(err)
	}
	text := "a ==x== b ==1;;y;;why== c ==ash;;z=="
	if got := cp.Simple.FindAllString(text, -1); strings.Join(got, "|") != "==x==|==1;;y;;why==|==ash;;z==" {
		t.Errorf("simple matches %q", got)
	}
	m := cp.Numbered.FindStringSubmatch(text)
	if m == nil || m[cp.NumberGroup] != "1" || m[cp.AnswerGroup] != "y" || m[cp.HintGroup] != "why" {
		t.Errorf("numbered submatches %q", m)
	}
	m = cp.Overlapping.FindStringSubmatch(text)
	if m == nil || m[cp.NumberGroup] != "ash" || m[cp.AnswerGroup] != "z" || m[cp.HintGroup] != "" {
		t.Errorf("overlapping submatches %q", m)
	}
}

func TestCompileClozePatternOrderAndEscapes(t *testing.T) {
	// Hint part before the answer, number part last; "\]" inside a part is a
	// literal ']'; '.' and '$' in the literal text are escaped.
	cp, err := CompileClozePattern(`.$[hint::]answer[::1\]]$.`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cp.Simple.String(), `\.\$(?:(.+?)::)?(.+?)\$\.`; got != want {
		t.Errorf("simple = %s, want %s", got, want)
	}
	if got, want := cp.Numbered.String(), `\.\$(?:(.+?)::)?(.+?)::(\d+)\]\$\.`; got != want {
		t.Errorf("numbered = %s, want %s", got, want)
	}
	if cp.SimpleHintGroup != 1 || cp.SimpleAnswerGroup != 2 {
		t.Errorf("simple groups hint %d answer %d, want 1 2", cp.SimpleHintGroup, cp.SimpleAnswerGroup)
	}
	if cp.HintGroup != 1 || cp.AnswerGroup != 2 || cp.NumberGroup != 3 {
		t.Errorf("groups hint %d answer %d number %d, want 1 2 3", cp.HintGroup, cp.AnswerGroup, cp.NumberGroup)
	}
	m := cp.Numbered.FindStringSubmatch("x .$h::a::7]$. y")
	if m == nil || m[cp.HintGroup] != "h" || m[cp.AnswerGroup] != "a" || m[cp.NumberGroup] != "7" {
		t.Errorf("numbered submatches %q", m)
	}
}

func TestCompileClozePatternErrors(t *testing.T) {
	for _, p := range []string{
		"",
		"==answer==",                // no parts
		"==[;;]answer[;;hint]==",    // number part without digits
		"==[123;;]answer[;;]==",     // hint part without "hint"
		"==[123;;]cloze[;;hint]==",  // no "answer"
		"==[123;;]answer==",         // no hint part
		"==answer[;;hint]==",        // no number part
		"==[1hint]answer==",         // one bracket cannot be both parts
		"==(123;;)answer(;;hint)==", // parts must be bracketed
	} {
		if cp, err := CompileClozePattern(p); err == nil {
			t.Errorf("CompileClozePattern(%q) = %v, want an error", p, cp.Simple)
		} else if !strings.Contains(err.Error(), "cloze pattern") {
			t.Errorf("CompileClozePattern(%q) error %q does not say what it is about", p, err)
		}
	}
}
