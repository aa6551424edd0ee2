package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// studyVars is the environment of a test that uses a database.
func studyVars(t *testing.T, now string) map[string]string {
	return map[string]string{"RECALL_DB": filepath.Join(t.TempDir(), "recall.db"), "RECALL_NOW": now}
}

// cardIDs returns the IDs of a vault's cards in order.
func cardIDs(t *testing.T, vars map[string]string, args ...string) []string {
	t.Helper()
	code, stdout, stderr := runRecall(t, vars, append([]string{"cards", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("cards: %d %s", code, stderr)
	}
	var cards []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(stdout), &cards); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cards {
		ids = append(ids, c.ID)
	}
	return ids
}

func TestGradeDueUndoExport(t *testing.T) {
	note := "#🧠\n\nWhat is a bearer token?->->->A token that grants access to its holder\n"
	vault := writeVault(t, map[string]string{".obsidian/plugins/obsidian-spaced-repetition/data.json": pluginSettings, "n.md": note})
	vars := studyVars(t, "2023-10-04")
	ids := cardIDs(t, vars, "--vault", vault)
	if len(ids) != 1 {
		t.Fatalf("ids %v", ids)
	}
	code, stdout, stderr := runRecall(t, vars, "grade", "--vault", vault, "--card", ids[0], "--rating", "easy", "--duration", "4s", "--json")
	if code != 0 {
		t.Fatalf("grade: %d %s", code, stderr)
	}
	var res gradeJSON
	json.Unmarshal([]byte(stdout), &res)
	if !res.Written || res.Segment != "!2023-10-08,4,270" || res.After.Due != "2023-10-08" || res.Before != nil {
		t.Errorf("grade result %+v", res)
	}
	if got, _ := os.ReadFile(filepath.Join(vault, "n.md")); string(got) != note+"<!--SR:!2023-10-08,4,270-->\n" {
		t.Errorf("note %q", got)
	}
	vars["RECALL_NOW"] = "2023-10-08"
	code, stdout, _ = runRecall(t, vars, "due", "--vault", vault, "--json")
	var due dueReport
	json.Unmarshal([]byte(stdout), &due)
	if code != 0 || due.Due != 1 || due.Decks["🧠"].Due != 1 {
		t.Errorf("due: %d %s", code, stdout)
	}
	code, stdout, _ = runRecall(t, vars, "log", "export", "--format", "csv")
	if lines := strings.Split(strings.TrimSpace(stdout), "\n"); code != 0 || len(lines) != 2 || !strings.HasSuffix(lines[1], ",4,0,4000") {
		t.Errorf("export: %d %q", code, stdout)
	}
	code, stdout, _ = runRecall(t, vars, "undo", "--vault", vault)
	if got, _ := os.ReadFile(filepath.Join(vault, "n.md")); code != 0 || string(got) != note || !strings.Contains(stdout, "undid easy") {
		t.Errorf("undo: %d %q, note %q", code, stdout, got)
	}
	if code, _, stderr = runRecall(t, vars, "undo", "--vault", vault); code != 1 || !strings.Contains(stderr, "there is no review to undo") {
		t.Errorf("second undo: %d %q", code, stderr)
	}
}

func TestGradeErrors(t *testing.T) {
	vault := writeVault(t, map[string]string{".obsidian/plugins/obsidian-spaced-repetition/data.json": pluginSettings, "n.md": "#🧠\n\nQ->->->A\n"})
	vars := studyVars(t, "2023-10-04")
	if code, _, stderr := runRecall(t, vars, "grade", "--vault", vault, "--card", "nope-0", "--rating", "good"); code != 1 || !strings.Contains(stderr, `there is no card "nope-0"`) {
		t.Errorf("unknown card: %d %q", code, stderr)
	}
	if code, _, stderr := runRecall(t, vars, "grade", "--vault", vault, "--card", "x", "--rating", "great"); code != 2 || !strings.Contains(stderr, `unknown rating "great"`) {
		t.Errorf("bad rating: %d %q", code, stderr)
	}
	if code, _, _ := runRecall(t, vars, "grade", "--vault", vault, "--rating", "good"); code != 2 {
		t.Errorf("missing --card: %d", code)
	}
}

func TestBuiltInDeckIsDatabaseOnly(t *testing.T) {
	vars := studyVars(t, "2023-10-04")
	ids := cardIDs(t, vars)
	code, stdout, stderr := runRecall(t, vars, "grade", "--card", ids[0], "--rating", "good")
	if code != 0 || !strings.Contains(stdout, "kept in recall's database") {
		t.Fatalf("grade: %d %q %q", code, stdout, stderr)
	}
	code, stdout, _ = runRecall(t, vars, "cards", "--json")
	var cards []cardJSON
	json.Unmarshal([]byte(stdout), &cards)
	if code != 0 || cards[0].Schedule == nil || cards[0].Schedule.Due != "2023-10-07" {
		t.Errorf("the built-in deck's schedule is not shown: %+v", cards[0].Schedule)
	}
}

func TestNoWriteKeepsNotes(t *testing.T) {
	note := "#🧠\n\nQ->->->A\n"
	vault := writeVault(t, map[string]string{".obsidian/plugins/obsidian-spaced-repetition/data.json": pluginSettings, "n.md": note})
	vars := studyVars(t, "2023-10-04")
	ids := cardIDs(t, vars, "--vault", vault, "--no-write")
	if code, _, stderr := runRecall(t, vars, "grade", "--vault", vault, "--no-write", "--card", ids[0], "--rating", "good"); code != 0 {
		t.Fatal(stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(vault, "n.md")); string(got) != note {
		t.Errorf("--no-write wrote %q", got)
	}
	vars["RECALL_NOW"] = "2023-10-07"
	_, stdout, _ := runRecall(t, vars, "due", "--vault", vault, "--no-write", "--json")
	if !strings.Contains(stdout, `"due": 1`) {
		t.Errorf("due %s", stdout)
	}
}

func TestAlgorithmFlag(t *testing.T) {
	vault := writeVault(t, map[string]string{".obsidian/plugins/obsidian-spaced-repetition/data.json": pluginSettings, "n.md": "#🧠\n\nQ->->->A\n"})
	vars := studyVars(t, "2023-10-04T09:00:00Z")
	ids := cardIDs(t, vars, "--vault", vault)
	code, stdout, stderr := runRecall(t, vars, "grade", "--vault", vault, "--algorithm", "fsrs", "--card", ids[0], "--rating", "good", "--json")
	if code != 0 || !strings.Contains(stdout, `"segment": "!fsrs,2023-10-04T09:10:00.000Z,0,`) {
		t.Errorf("fsrs grade: %d %s %s", code, stdout, stderr)
	}
	if code, _, _ := runRecall(t, vars, "due", "--vault", vault, "--algorithm", "sm3"); code != 2 {
		t.Errorf("bad algorithm: exit %d", code)
	}
}
