package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listeningLine = regexp.MustCompile(`(?m)^listening on (http://127\.0\.0\.1:\d+)$`)

// waitListening waits for the "listening on" line and returns the base URL.
func waitListening(t *testing.T, out *syncBuffer, done <-chan error) string {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		if m := listeningLine.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended before listening: %v", err)
		case <-deadline:
			t.Fatalf("no listening line in %q", out.String())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// rfcExample sends the RFC 6749 §6 example request verbatim.
func rfcExample(t *testing.T, base string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/token",
		strings.NewReader("grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestServeRFCExample(t *testing.T) {
	var stdout, stderr syncBuffer
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- (&serveCmd{Addr: "127.0.0.1:0"}).serve(ctx, e) }()
	base := waitListening(t, &stdout, done)

	status, body := rfcExample(t, base)
	if status != http.StatusOK || !strings.Contains(body, `"access_token"`) {
		t.Errorf("RFC example: %d %s", status, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	out := stdout.String()
	for _, want := range []string{
		base + "/token", base + "/api/me", "s6BhdRkqt3", "gX1fBat3bV", "tGzv3JOkF0XG5Qx2TlKWIA",
		"curl -i -H 'Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW' -d grant_type=refresh_token --data-urlencode refresh_token=tGzv3JOkF0XG5Qx2TlKWIA " + base + "/token",
		"curl -i -H 'Authorization: Bearer 2YotnFZFEjr1zMsicMWpAA' " + base + "/api/me",
		"code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("banner lacks %q", want)
		}
	}
	if log := stderr.String(); !strings.Contains(log, "POST /token 200") || !strings.Contains(log, "stopping") {
		t.Errorf("stderr = %q, want the exchange logged and the stop", log)
	}
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("loopback address warned about: %q", stderr.String())
	}
}

// TestServeSignal runs the command line as main does and stops it with
// SIGINT, as Ctrl-C would.
func TestServeSignal(t *testing.T) {
	var stdout, stderr syncBuffer
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	done := make(chan error, 1)
	codes := make(chan int, 1)
	go func() { codes <- run([]string{"serve", "--addr", "127.0.0.1:0"}, e) }()
	base := waitListening(t, &stdout, done)
	if status, body := rfcExample(t, base); status != http.StatusOK {
		t.Fatalf("RFC example: %d %s", status, body)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-codes:
		if code != exitOK {
			t.Errorf("exit code %d, stderr %q", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on SIGINT")
	}
}

func TestServeConfig(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "lab.json")
	if err := os.WriteFile(good, []byte(`{"access_token_ttl":"1m","clients":[{"id":"web","secret":"s3cret","grants":["refresh_token"],"scopes":["read"]}],
		"grants":[{"client":"web","subject":"bob","refresh_token":"R1","access_token":"A1","access_token_expires_in":"-1m"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr syncBuffer
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- (&serveCmd{Addr: "127.0.0.1:0", Config: good}).serve(ctx, e) }()
	base := waitListening(t, &stdout, done)
	req, _ := http.NewRequest(http.MethodPost, base+"/token", strings.NewReader("grant_type=refresh_token&refresh_token=R1"))
	req.SetBasicAuth("web", "s3cret")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("configured grant: status %d", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if out := stdout.String(); !strings.Contains(out, "bob -> web") || strings.Contains(out, "s6BhdRkqt3") {
		t.Errorf("banner does not reflect the config:\n%s", out)
	}

	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"clients":[{"id":"web","grants":["refresh_token"]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runRecall(t, nil, "serve", "--addr", "127.0.0.1:0", "--config", bad)
	if code != exitError || !strings.Contains(errOut, "clients[0].secret: missing") {
		t.Errorf("bad config: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runRecall(t, nil, "serve", "--config", filepath.Join(dir, "missing.json"))
	if code != exitError || !strings.Contains(errOut, "read the lab configuration") {
		t.Errorf("missing config: exit %d, stderr %q", code, errOut)
	}
}

func TestLoopbackWarning(t *testing.T) {
	for addr, warn := range map[string]bool{"127.0.0.1:9096": false, "[::1]:9096": false, "0.0.0.0:9096": true, "192.0.2.1:9096": true} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := loopbackWarning(a) != ""; got != warn {
			t.Errorf("%s: warning %v, want %v", addr, got, warn)
		}
	}
}

// TestServeRFCExampleWithCurl sends the RFC 6749 §6 example with curl, as
// the README and the banner tell the learner to.
func TestServeRFCExampleWithCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed")
	}
	var stdout, stderr syncBuffer
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- (&serveCmd{Addr: "127.0.0.1:0"}).serve(ctx, e) }()
	base := waitListening(t, &stdout, done)
	out, err := exec.Command(curl, "-s", "-i", "-X", "POST", "-H", "Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW",
		"-H", "Content-Type: application/x-www-form-urlencoded",
		"-d", "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA", base+"/token").Output()
	if err != nil {
		t.Fatalf("curl: %v", err)
	}
	if s := string(out); !strings.HasPrefix(s, "HTTP/1.1 200 OK") || !strings.Contains(s, "Cache-Control: no-store") || !strings.Contains(s, `"access_token"`) {
		t.Errorf("curl got:\n%s", s)
	}
}
