package main

import (
	"bytes"
	"encoding/json"
	"github.com/recall-srs/recall/simulator"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runRecall runs the command line in-process with the given environment
// variables and returns the exit code, stdout and stderr.
func runRecall(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	if vars == nil {
		vars = map[string]string{}
	}
	if vars["RECALL_DB"] == "" {
		// Never touch the real database of whoever runs the tests.
		vars["RECALL_DB"] = filepath.Join(t.TempDir(), "recall.db")
	}
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return vars[k] }}
	code := run(args, e)
	return code, stdout.String(), stderr.String()
}

// writeVault creates a vault folder with the given files.
func writeVault(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// pluginSettings is a data.json for the user's settings.
const pluginSettings = `{"settings": {"flashcardTags": ["#🧠"], "singleLineCardSeparator": "->->->", "clozePatterns": ["==[123;;]answer[;;hint]=="]}}`

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"version", []string{"version"}, 0, "recall ", ""},
		{"help", []string{"--help"}, 0, "Usage: recall", ""},
		{"unknown command", []string{"frobnicate"}, 2, "", "recall: unexpected argument frobnicate"},
		{"unknown flag", []string{"scan", "--frobnicate"}, 2, "", "unknown flag --frobnicate"},
		{"missing vault", []string{"scan", "--vault", "/nonexistent/vault"}, 1, "", "cannot open the vault /nonexistent/vault: no such file or directory"},
		{"vault is a file", []string{"cards", "--vault", "main.go"}, 1, "", "is not a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runRecall(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q, %q", code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}

func TestBadRecallNow(t *testing.T) {
	code, _, stderr := runRecall(t, map[string]string{"RECALL_NOW": "yesterday"}, "scan")
	if code != 2 || !strings.Contains(stderr, `RECALL_NOW="yesterday"`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestScanJSON(t *testing.T) {
	vault := writeVault(t, map[string]string{
		".obsidian/plugins/obsidian-spaced-repetition/data.json": pluginSettings,
		"net/tcp.md":    "#🧠/network\n\nWhat is TCP?->->->`Transmission Control Protocol` <!--SR:!2023-09-30,5,250-->\nWhat is UDP?->->->User Datagram Protocol\n",
		"oauth.md":      "#🧠\n\nhello:::bonjour\n<!--SR:!2023-10-20,3,250!2023-09-21,4,250-->\n\nQ->->->A\n<!--SR:!2023-13-45,19,210-->\n",
		"plain.md":      "no cards here ->->-> at all\n",
		".trash/old.md": "#🧠\n\nOld->->->card\n",
		"image.png":     "\x89PNG",
	})
	code, stdout, stderr := runRecall(t, map[string]string{"RECALL_NOW": "2023-10-04"}, "scan", "--vault", vault, "--json")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got summary
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v in %s", err, stdout)
	}
	if got.Notes != 3 || got.Cards != 5 || got.New != 2 || got.Due != 2 {
		t.Errorf("notes %d cards %d new %d due %d, want 3 5 2 2", got.Notes, got.Cards, got.New, got.Due)
	}
	if got.ByType["inline"] != 3 || got.ByType["inline-reversed"] != 2 || got.ByType["cloze"] != 0 {
		t.Errorf("by type %v", got.ByType)
	}
	if d := got.Decks["🧠/network"]; d != (deckCounts{Cards: 2, New: 1, Due: 1}) {
		t.Errorf("deck 🧠/network %+v", d)
	}
	if d := got.Decks["🧠"]; d != (deckCounts{Cards: 3, New: 1, Due: 1}) {
		t.Errorf("deck 🧠 %+v", d)
	}
	if len(got.Warnings) != 1 || got.Warnings[0].Path != "oauth.md" || got.Warnings[0].Line != 7 || !strings.Contains(got.Warnings[0].Msg, "2023-13-45") {
		t.Errorf("warnings %+v", got.Warnings)
	}
}

func TestScanTextAndFlags(t *testing.T) {
	vault := writeVault(t, map[string]string{"n.md": "#🧠\n\nQ&&A\n"})
	code, stdout, _ := runRecall(t, nil, "scan", "--vault", vault)
	if code != 0 || !strings.Contains(stdout, "1 notes, 0 cards") {
		t.Errorf("without flags: exit %d\n%s", code, stdout)
	}
	code, stdout, stderr := runRecall(t, nil, "scan", "--vault", vault, "--tags", "#🧠", "--separator", "&&")
	if code != 0 || !strings.Contains(stdout, "1 notes, 1 cards (1 new, 0 due today)") || !strings.Contains(stdout, "🧠 ") || stderr != "" {
		t.Errorf("with flags: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

func TestScanBuiltInDeck(t *testing.T) {
	code, stdout, _ := runRecall(t, nil, "scan", "--json")
	var got summary
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || code != 0 {
		t.Fatalf("exit %d: %v", code, err)
	}
	if got.Cards < 35 || got.New != got.Cards || len(got.Warnings) != 0 {
		t.Errorf("built-in deck: %d cards, %d new, warnings %v", got.Cards, got.New, got.Warnings)
	}
	for d := range got.Decks {
		if !strings.HasPrefix(d, "🧠") {
			t.Errorf("deck %q outside 🧠", d)
		}
	}
}

func TestCardsJSON(t *testing.T) {
	vault := writeVault(t, map[string]string{
		".obsidian/plugins/obsidian-spaced-repetition/data.json": pluginSettings,
		"notes/oauth.md": "# OAuth\n## Refresh\n\n#🧠 token based authentication/OAuth：使用refresh token來申請token請求的封包形式為何？->->-> `封包`\n<!--SR:!2023-09-15,19,210-->\n\n#🧠 ==refresh_token== grant\n\nQ->->->A\n<!--SR:!fsrs,2023-10-10T08:00:00.000Z,6,6.2,5.1,2,4,0,0,2023-10-04T08:00:00.000Z-->\n",
	})
	code, stdout, stderr := runRecall(t, nil, "cards", "--vault", vault, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var cards []map[string]any
	if err := json.Unmarshal([]byte(stdout), &cards); err != nil {
		t.Fatal(err)
	}
	if len(cards) != 3 {
		t.Fatalf("%d cards: %s", len(cards), stdout)
	}
	first := cards[0]
	want := map[string]any{"file": "notes/oauth.md", "line": 4.0, "type": "inline", "sibling": 0.0,
		"question": "token based authentication/OAuth：使用refresh token來申請token請求的封包形式為何？", "answer": "`封包`"}
	for k, v := range want {
		if first[k] != v {
			t.Errorf("%s = %v, want %v", k, first[k], v)
		}
	}
	if d, _ := json.Marshal(first["decks"]); string(d) != `["🧠"]` {
		t.Errorf("decks %s", d)
	}
	if c, _ := json.Marshal(first["context"]); string(c) != `["OAuth","Refresh"]` {
		t.Errorf("context %s", c)
	}
	if s, _ := json.Marshal(first["schedule"]); string(s) != `{"algorithm":"sm2","due":"2023-09-15","ease":210,"interval":19}` {
		t.Errorf("schedule %s", s)
	}
	if id, _ := first["id"].(string); len(id) < 10 {
		t.Errorf("id %q", first["id"])
	}
	if cards[1]["type"] != "cloze" || cards[1]["question"] != "==[...]== grant" || cards[1]["schedule"] != nil {
		t.Errorf("cloze card %v", cards[1])
	}
	fsrs, _ := cards[2]["schedule"].(map[string]any)
	if fsrs["algorithm"] != "fsrs" || fsrs["due"] != "2023-10-10T08:00:00Z" || fsrs["stability"] != 6.2 || fsrs["interval"] != 6.0 {
		t.Errorf("fsrs schedule %v", fsrs)
	}
}

func TestSymlinkOutOfVaultIsSkipped(t *testing.T) {
	outside := writeVault(t, map[string]string{"secret.md": "#🧠\n\nSecret->->->card\n"})
	vault := writeVault(t, map[string]string{"in.md": "#🧠\n\nQ->->->A\n"})
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(vault, "link.md")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("in.md", filepath.Join(vault, "alias.md")); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runRecall(t, nil, "cards", "--vault", vault, "--tags", "#🧠", "--separator=->->->", "--json")
	if code != 0 || strings.Contains(stdout, "Secret") || strings.Count(stdout, `"question": "Q"`) != 2 {
		t.Errorf("exit %d: %s", code, stdout)
	}
	_, stdout, _ = runRecall(t, nil, "scan", "--vault", vault, "--tags", "#🧠", "--json")
	if !strings.Contains(stdout, "link.md") || !strings.Contains(stdout, "outside the vault") {
		t.Errorf("no warning about the link: %s", stdout)
	}
}

func TestBuiltInDeckLabLinks(t *testing.T) {
	code, stdout, _ := runRecall(t, nil, "cards", "--json")
	var cards []cardJSON
	if err := json.Unmarshal([]byte(stdout), &cards); err != nil || code != 0 {
		t.Fatalf("exit %d: %v", code, err)
	}
	names := map[string]bool{}
	for _, sc := range simulator.Scenarios {
		names[sc.Name] = true
	}
	linked := map[string]bool{}
	for _, c := range cards {
		if c.Lab == "" {
			continue
		}
		if !names[c.Lab] {
			t.Errorf("%s:%d links to unknown lab scenario %q", c.File, c.Line, c.Lab)
		}
		linked[c.Lab] = true
	}
	if len(linked) < 8 {
		t.Errorf("only %d scenarios are linked from the built-in deck: %v", len(linked), linked)
	}
}

func TestNoColorOption(t *testing.T) {
	if opts := programOptions(&env{getenv: func(k string) string { return map[string]string{"NO_COLOR": "1"}[k] }}); len(opts) != 1 {
		t.Errorf("NO_COLOR gave %d program options, want the ASCII colour profile", len(opts))
	}
	if opts := programOptions(&env{getenv: func(string) string { return "" }}); len(opts) != 0 {
		t.Errorf("without NO_COLOR: %d options", len(opts))
	}
}
