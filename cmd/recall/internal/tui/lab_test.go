package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/recall-srs/recall/simulator"
)

// startedLab runs the lab's first commands and closes it when the test
// ends.
func startedLab(t *testing.T, m Model, cmd tea.Cmd) tea.Model {
	t.Helper()
	var tm tea.Model = m
	tm = send(t, tm, tea.WindowSizeMsg{Width: 100, Height: 40})
	for _, msg := range runCmd(cmd) {
		tm = send(t, tm, msg)
	}
	closeLabAtEnd(t, &tm)
	return tm
}

func TestLabScenario(t *testing.T) {
	m, cmd := NewLab(Config{Now: time.Now}, "wrong-secret")
	tm := startedLab(t, m, cmd)
	s := screenText(tm)
	if !strings.Contains(s, "Wrong client secret · step 1") || !strings.Contains(s, "client_secret:") || !strings.Contains(s, "http://127.0.0.1:") ||
		!strings.Contains(s, "tGzv3JOkF0XG5Qx2TlKWIA  ({refresh_token})") {
		t.Fatalf("lab step:\n%s", s)
	}
	// Predict 401 invalid_client (the 7th prediction), then send.
	for range 7 {
		tm = send(t, tm, press("p"))
	}
	tm = send(t, tm, press("s"))
	s = screenText(tm)
	for _, want := range []string{"✓ your prediction was right: 401 invalid_client", "POST /token HTTP/1.1", "HTTP/1.1 401 Unauthorized",
		"Www-Authenticate: Basic", "Basic: base64 of", "curl -i -X POST"} {
		if !strings.Contains(s, want) {
			t.Errorf("transcript lacks %q:\n%s", want, s)
		}
	}
}

func TestLabEditRequest(t *testing.T) {
	m, cmd := NewLab(Config{Now: time.Now}, "happy")
	tm := startedLab(t, m, cmd)
	// The happy path's first step is GET /api/me with the expired token:
	// go to the second step, the refresh, and break the secret.
	tm = send(t, tm, press("s"))
	tm = send(t, tm, press("n"))
	if s := screenText(tm); !strings.Contains(s, "POST /token") {
		t.Fatalf("second step:\n%s", s)
	}
	tm = send(t, tm, press("down"))
	tm = send(t, tm, press("down"))
	tm = send(t, tm, press("enter"))
	for _, r := range "-wrong" {
		tm = send(t, tm, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	tm = send(t, tm, press("enter"))
	tm = send(t, tm, press("s"))
	s := screenText(tm)
	if !strings.Contains(s, "HTTP/1.1 401") || !strings.Contains(s, "you changed") {
		t.Errorf("edited request:\n%s", s)
	}
}

func TestTryItFromReview(t *testing.T) {
	cfg, dir := fixture(t)
	note := strings.Replace(testNote, "`refresh_token`\n", "`refresh_token`\nlab: missing-grant-type\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "oauth.md"), []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := cfg.Reopen()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Study = s
	m := openModel(t, cfg, 100, 30)
	m = send(t, m, press("enter"))
	if !strings.Contains(screenText(m), "t try it") {
		t.Fatalf("no try-it key offered:\n%s", screenText(m))
	}
	m = send(t, m, press("t"))
	closeLabAtEnd(t, &m)
	if s := screenText(m); !strings.Contains(s, "Missing grant_type") {
		t.Fatalf("lab not opened on the card's scenario:\n%s", s)
	}
	m = send(t, m, press("esc"))
	if s := screenText(m); !strings.Contains(s, "refresh 請求的 grant_type？") {
		t.Fatalf("esc did not return to the card:\n%s", s)
	}
}

// labGoldenModel is a lab screen on a scenario step without a running lab,
// so that nothing in it changes from run to run.
func labGoldenModel(t *testing.T, width int) Model {
	m := New(Config{Now: time.Now})
	m.width, m.height, m.screen = width, 30, screenLab
	m.lab.menu = 3 // reuse
	next, _ := m.openScenario()
	m = next.(Model)
	m.lab.step = 1
	next, _ = m.loadStep(false)
	return next.(Model)
}

func TestLabGolden(t *testing.T) {
	for _, width := range goldenWidths {
		t.Run(fmt.Sprintf("form-%d", width), func(t *testing.T) {
			m := labGoldenModel(t, width)
			m.lab.predict = 3
			requirePlainGolden(t, m.renderLab(), width)
		})
		t.Run(fmt.Sprintf("exchange-%d", width), func(t *testing.T) {
			m := labGoldenModel(t, width)
			m.lab.sent = &simulator.Exchange{
				Request:  "POST /token HTTP/1.1\r\nHost: 127.0.0.1:9096\r\nAuthorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\ngrant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA",
				Response: "HTTP/1.1 400 Bad Request\r\nCache-Control: no-store\r\nContent-Type: application/json;charset=UTF-8\r\nPragma: no-cache\r\n\r\n{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token was already used: its family is revoked.\"}",
				Status:   400,
				Basic:    `base64 of "s6BhdRkqt3:gX1fBat3bV" → client_id "s6BhdRkqt3", client_secret "gX1fBat3bV"`,
				Curl:     "curl -i -X POST -H 'Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW' --data-raw 'grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA' http://127.0.0.1:9096/token",
			}
			m.lab.verdict = "✓ your prediction was right: 400 invalid_grant"
			requirePlainGolden(t, m.renderLab(), width)
		})
	}
}

// TestLabProgram runs recall lab's program: pick the happy path from the
// list, send its steps, and see the retry with the new access token
// succeed.
func TestLabProgram(t *testing.T) {
	m, cmd := NewLab(Config{Now: time.Now}, "")
	m.first = cmd
	tm, waitFor := startProgram(t, m, 100, 40)
	waitFor("Pick a lesson")
	tm.Send(press("enter"))
	waitFor("step 1 of")
	tm.Send(press("s"))
	waitFor("401 Unauthorized")
	tm.Send(press("n"))
	waitFor("step 2 of")
	tm.Send(press("s"))
	waitFor("HTTP/1.1 200 OK")
	tm.Send(press("n"))
	waitFor("step 3 of")
	tm.Send(press("s"))
	waitFor(`"sub":`)
	tm.Send(press("ctrl+c"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if final.lab.lab == nil || final.lab.sent == nil || final.lab.sent.Status != 200 {
		t.Fatalf("final lab state: %+v", final.lab.sent)
	}
	final.lab.lab.Close()
}
