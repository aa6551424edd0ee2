package simulator

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestSendRecordsTheWire(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	srv, err := New(DefaultConfig(), func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/token", strings.NewReader("grant_type=refresh_token&refresh_token="+DemoRefreshToken))
	req.Header.Set("Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	x, err := Send(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(ts.URL, "http://")
	for _, want := range []string{"POST /token HTTP/1.1\r\n", "Host: " + host + "\r\n", "Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW\r\n",
		"\r\n\r\ngrant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA"} {
		if !strings.Contains(x.Request, want) {
			t.Errorf("request lacks %q:\n%s", want, x.Request)
		}
	}
	if strings.Contains(x.Request, "Accept-Encoding") {
		t.Error("the request asks for compression; the answer would not read as it is")
	}
	for _, want := range []string{"HTTP/1.1 200 OK\r\n", "Cache-Control: no-store\r\n", "Pragma: no-cache\r\n", `"token_type":"Bearer"`} {
		if !strings.Contains(x.Response, want) {
			t.Errorf("response lacks %q:\n%s", want, x.Response)
		}
	}
	if x.Status != 200 || !strings.Contains(string(x.Body), "access_token") {
		t.Errorf("status %d body %s", x.Status, x.Body)
	}
	if x.Basic != `base64 of "s6BhdRkqt3:gX1fBat3bV" → client_id "s6BhdRkqt3", client_secret "gX1fBat3bV"` {
		t.Errorf("basic %q", x.Basic)
	}
	want := "curl -i -X POST -H 'Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW' -H 'Content-Type: application/x-www-form-urlencoded' --data-raw 'grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA' " + ts.URL + "/token"
	if x.Curl != want {
		t.Errorf("curl %q", x.Curl)
	}
}

func TestExplainBasic(t *testing.T) {
	tests := map[string]string{
		"":                               "",
		"Bearer x":                       "",
		"Basic !!!":                      "Basic credentials that are not valid base64",
		"Basic YXBwOnArc3MlM0F3JTJGcmQ=": `base64 of "app:p+ss%3Aw%2Frd" → client_id "app", client_secret "p ss:w/rd" (after form-decoding, RFC 6749 §2.3.1)`,
		"Basic YXBwLXdpdGhvdXQtY29sb24=": `base64 of "app-without-colon": no ':' between client id and secret`,
	}
	for header, want := range tests {
		if got := explainBasic(header); got != want {
			t.Errorf("explainBasic(%q) = %q, want %q", header, got, want)
		}
	}
}

func TestCurlRuns(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no shell")
	}
	for _, s := range []string{"plain", "it's", "a b", "x'y'z", ""} {
		out, err := exec.Command("sh", "-c", "printf %s "+ShellQuote(s)).Output()
		if err != nil || string(out) != s {
			t.Errorf("ShellQuote(%q) round trip gave %q, %v", s, out, err)
		}
	}
}
