package simulator

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// labStart is the fixed lab time tests start from.
var labStart = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func fixedClock() time.Time { return labStart }

// Basic headers of the conformance checklist (spec §16), verbatim.
const (
	appBasic       = "Basic YXBwOnAlMkJzcyUzQXclMkZyZA=="
	otherBasic     = "Basic b3RoZXI6b3RoZXItc2VjcmV0"
	norefreshBasic = "Basic bm9yZWZyZXNoOm5yLXNlY3JldA=="
	demoBasic      = "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW"
)

// basic builds client_secret_basic credentials the RFC 6749 §2.3.1 way.
func basic(id, secret string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id)+":"+url.QueryEscape(secret)))
}

// rawBasic builds Basic credentials without form-encoding (a classic mistake).
func rawBasic(id, secret string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(id+":"+secret))
}

// lab is a Server behind a real loopback listener.
type lab struct {
	t   testing.TB
	s   *Server
	url string
}

func newLab(t testing.TB, cfg Config) *lab {
	t.Helper()
	s, err := New(cfg, fixedClock)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return &lab{t: t, s: s, url: ts.URL}
}

// request describes one HTTP request to the lab.
type request struct {
	method string // POST when empty
	path   string // /token when empty; may carry a query
	auth   string // Authorization header
	ctype  string // Content-Type; form-encoded for a POST when empty
	body   string
}

// response is what the lab answered.
type response struct {
	status int
	header http.Header
	raw    string
	json   map[string]any
}

func (r *response) str(name string) string {
	s, _ := r.json[name].(string)
	return s
}

func (l *lab) do(req request) *response {
	l.t.Helper()
	method := req.method
	if method == "" {
		method = http.MethodPost
	}
	path := req.path
	if path == "" {
		path = "/token"
	}
	hr, err := http.NewRequest(method, l.url+path, strings.NewReader(req.body))
	if err != nil {
		l.t.Fatal(err)
	}
	if req.auth != "" {
		hr.Header.Set("Authorization", req.auth)
	}
	switch {
	case req.ctype != "":
		hr.Header.Set("Content-Type", req.ctype)
	case method == http.MethodPost:
		hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		l.t.Fatal(err)
	}
	res := &response{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") && strings.HasPrefix(res.raw, "{") {
		if err := json.Unmarshal(raw, &res.json); err != nil {
			l.t.Fatalf("%s %s: body is not a JSON object: %v\n%s", method, path, err, raw)
		}
	}
	return res
}

// refresh sends a refresh request with app's correct Basic credentials.
func (l *lab) refresh(rt string, extra ...string) *response {
	l.t.Helper()
	body := "grant_type=refresh_token&refresh_token=" + url.QueryEscape(rt)
	for _, e := range extra {
		body += "&" + e
	}
	return l.do(request{auth: appBasic, body: body})
}

// mustRefresh refreshes rt for app and returns the new access and refresh tokens.
func (l *lab) mustRefresh(rt string) (at, next string) {
	l.t.Helper()
	res := l.refresh(rt)
	if res.status != http.StatusOK {
		l.t.Fatalf("refresh %s: status %d %s", rt, res.status, res.raw)
	}
	return res.str("access_token"), res.str("refresh_token")
}

func (l *lab) advance(d time.Duration) {
	l.t.Helper()
	if _, err := l.s.Advance(d); err != nil {
		l.t.Fatal(err)
	}
}

func (l *lab) introspect(tok string) *response {
	l.t.Helper()
	return l.do(request{path: "/introspect", auth: appBasic, body: "token=" + url.QueryEscape(tok)})
}

func (l *lab) api(path, at string) *response {
	l.t.Helper()
	return l.do(request{method: http.MethodGet, path: path, auth: "Bearer " + at})
}

func (l *lab) hasEvent(kind string) bool {
	for _, e := range l.s.Events() {
		if e.Kind == kind {
			return true
		}
	}
	return false
}
