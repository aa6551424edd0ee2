package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTUIInTmux drives the real binary in tmux as a person would: open a
// vault, review three cards with the keyboard, quit, and check the notes'
// schedule comments.
func TestTUIInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "recall")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	vault := writeVault(t, map[string]string{
		".obsidian/plugins/obsidian-spaced-repetition/data.json": `{"settings": {"flashcardTags": ["#🧠"], "singleLineCardSeparator": "->->->", "clozePatterns": ["==[123;;]answer[;;hint]=="], "flashcardCardOrder": "NewFirstSequential"}}`,
		"oauth.md": "# OAuth\n\n#🧠 refresh 請求的 grant_type？->->-> `refresh_token`\n\n#🧠 token endpoint 的 method？->->-> `POST`\n\n#🧠 過期的 access token 會得到 ==401==。\n",
	})
	session := "recall-e2e-" + filepath.Base(dir)
	socket := filepath.Join(dir, "tmux.sock")
	tm := func(args ...string) string {
		out, err := exec.Command(tmux, append([]string{"-S", socket}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	env := "RECALL_DB=" + filepath.Join(dir, "recall.db") + " RECALL_NOW=2023-10-04T10:00:00Z TERM=xterm-256color"
	tm("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "env "+env+" "+bin+" --vault "+vault+"; sleep 30")
	defer exec.Command(tmux, "-S", socket, "kill-server").Run()
	waitFor := func(text string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if strings.Contains(tm("capture-pane", "-p", "-t", session), text) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("the screen never showed %q:\n%s", text, tm("capture-pane", "-p", "-t", session))
	}
	keys := func(k ...string) { tm(append([]string{"send-keys", "-t", session}, k...)...) }
	waitFor("All decks")
	keys("Enter")
	waitFor("grant_type")
	keys("Space")
	waitFor("Good")
	keys("3")
	waitFor("method")
	keys("Space")
	waitFor("POST")
	keys("4")
	waitFor("過期的 access token")
	keys("Space")
	waitFor("[401]")
	keys("2")
	waitFor("Session complete")
	keys("q")
	waitFor("All decks")
	keys("q")
	// recall has quit when the pane runs the "sleep" that follows it.
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(tm("list-panes", "-t", session, "-F", "#{pane_current_command}"), "sleep") {
		if time.Now().After(deadline) {
			t.Fatalf("recall did not quit:\n%s", tm("capture-pane", "-p", "-t", session))
		}
		time.Sleep(50 * time.Millisecond)
	}
	note, err := os.ReadFile(filepath.Join(vault, "oauth.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := "# OAuth\n\n#🧠 refresh 請求的 grant_type？->->-> `refresh_token`\n<!--SR:!2023-10-07,3,250-->\n\n" +
		"#🧠 token endpoint 的 method？->->-> `POST`\n<!--SR:!2023-10-08,4,270-->\n\n" +
		"#🧠 過期的 access token 會得到 ==401==。\n<!--SR:!2023-10-05,1,230-->\n"
	if string(note) != want {
		t.Errorf("note after the session:\n%s\nwant:\n%s", note, want)
	}
}
