package simulator

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// tokenRecorder counts /token requests and remembers the refresh tokens sent.
type tokenRecorder struct {
	next http.Handler
	mu   sync.Mutex
	sent []string
}

func (tr *tokenRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/token" {
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		tr.mu.Lock()
		tr.sent = append(tr.sent, form.Get("refresh_token"))
		tr.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body)) // the server reads the bytes as sent
	}
	tr.next.ServeHTTP(w, r)
}

func (tr *tokenRecorder) requests() []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return append([]string(nil), tr.sent...)
}

// interopLab serves the fixtures behind a tokenRecorder and returns an
// x/oauth2 config for app with the given auth style.
func interopLab(t *testing.T, cfg Config, style oauth2.AuthStyle) (*Server, *tokenRecorder, *oauth2.Config, string) {
	t.Helper()
	s, err := New(cfg, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	rec := &tokenRecorder{next: s.Handler()}
	ts := httptest.NewServer(rec)
	t.Cleanup(ts.Close)
	conf := &oauth2.Config{
		ClientID:     "app",
		ClientSecret: "p+ss:w/rd",
		Endpoint:     oauth2.Endpoint{TokenURL: ts.URL + "/token", AuthStyle: style},
		Scopes:       []string{"read", "profile"},
	}
	return s, rec, conf, ts.URL
}

func expired(rt string) *oauth2.Token {
	return &oauth2.Token{AccessToken: "AT1", RefreshToken: rt, Expiry: time.Now().Add(-time.Minute)}
}

// TestInteropRefresh (I1, I2): with the default auth style, a TokenSource
// refreshes an expired token with one request, then follows the rotation.
func TestInteropRefresh(t *testing.T) {
	cfg := DefaultConfig()
	cfg.AccessTokenTTL = 5 * time.Second // below x/oauth2's 10 s expiry delta: every Token() refreshes
	_, rec, conf, _ := interopLab(t, cfg, oauth2.AuthStyleAutoDetect)
	ts := conf.TokenSource(context.Background(), expired("RT1"))
	first, err := ts.Token()
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.requests(); len(got) != 1 || got[0] != "RT1" {
		t.Fatalf("first refresh sent %q, want exactly one request with RT1", got)
	}
	if first.RefreshToken == "RT1" || first.RefreshToken == "" || first.Type() != "Bearer" {
		t.Fatalf("first token: %+v", first)
	}
	second, err := ts.Token()
	if err != nil {
		t.Fatal(err)
	}
	got := rec.requests()
	if len(got) != 2 || got[1] != first.RefreshToken {
		t.Fatalf("second refresh sent %q, want one more request with %s", got, first.RefreshToken)
	}
	if second.AccessToken == first.AccessToken || second.RefreshToken == first.RefreshToken {
		t.Error("second refresh returned the same tokens")
	}
	if scope, _ := second.Extra("scope").(string); scope != "read profile" {
		t.Errorf("scope = %q", scope)
	}
}

// TestInteropAPICalls (I3): with expires_in 300 s, two API calls through an
// oauth2 client cost one refresh; with 5 s, one refresh per call.
func TestInteropAPICalls(t *testing.T) {
	for _, tc := range []struct {
		ttl       time.Duration
		refreshes int
	}{{5 * time.Minute, 1}, {5 * time.Second, 2}} {
		cfg := DefaultConfig()
		cfg.AccessTokenTTL = tc.ttl
		_, rec, conf, base := interopLab(t, cfg, oauth2.AuthStyleInHeader)
		client := conf.Client(context.Background(), expired("RT1"))
		for range 2 {
			resp, err := client.Get(base + "/api/me")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("ttl %v: /api/me status %d", tc.ttl, resp.StatusCode)
			}
		}
		if n := len(rec.requests()); n != tc.refreshes {
			t.Errorf("ttl %v: %d token requests, want %d", tc.ttl, n, tc.refreshes)
		}
	}
}

// TestInteropInvalidGrant: a dead refresh token surfaces as
// *oauth2.RetrieveError with ErrorCode invalid_grant, after one request in
// header style and after two with auto-detect (x/oauth2 retries any error
// with the credentials in the body, spec §14).
func TestInteropInvalidGrant(t *testing.T) {
	for _, tc := range []struct {
		style    oauth2.AuthStyle
		requests int
	}{{oauth2.AuthStyleInHeader, 1}, {oauth2.AuthStyleInParams, 1}, {oauth2.AuthStyleAutoDetect, 2}} {
		_, rec, conf, _ := interopLab(t, DefaultConfig(), tc.style)
		_, err := conf.TokenSource(context.Background(), expired("garbage")).Token()
		var re *oauth2.RetrieveError
		if !errors.As(err, &re) {
			t.Fatalf("style %v: error %v is not a *oauth2.RetrieveError", tc.style, err)
		}
		if re.ErrorCode != errInvalidGrant || re.Response.StatusCode != 400 || re.ErrorDescription == "" {
			t.Errorf("style %v: %+v", tc.style, re)
		}
		if n := len(rec.requests()); n != tc.requests {
			t.Errorf("style %v: %d token requests, want %d", tc.style, n, tc.requests)
		}
	}
}

// TestInteropReuse: two token sources holding the same refresh token race;
// the second is reuse and kills the family, including the first's new token.
func TestInteropReuse(t *testing.T) {
	_, _, conf, _ := interopLab(t, DefaultConfig(), oauth2.AuthStyleInHeader)
	ctx := context.Background()
	a, err := conf.TokenSource(ctx, expired("RT1")).Token()
	if err != nil {
		t.Fatal(err)
	}
	_, err = conf.TokenSource(ctx, expired("RT1")).Token()
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != errInvalidGrant {
		t.Fatalf("reuse: %v", err)
	}
	_, err = conf.TokenSource(ctx, expired(a.RefreshToken)).Token()
	if !errors.As(err, &re) || re.ErrorCode != errInvalidGrant {
		t.Fatalf("newest token after reuse: %v", err)
	}
}

// TestInteropAuthorizationCode: x/oauth2's AuthCodeURL with PKCE and
// Exchange against the auto-approving /authorize.
func TestInteropAuthorizationCode(t *testing.T) {
	_, _, conf, _ := interopLab(t, DefaultConfig(), oauth2.AuthStyleInHeader)
	conf.Endpoint.AuthURL = conf.Endpoint.TokenURL[:len(conf.Endpoint.TokenURL)-len("/token")] + "/authorize"
	conf.RedirectURL = "http://127.0.0.1:1/callback"
	verifier := oauth2.GenerateVerifier()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(conf.AuthCodeURL("st4te", oauth2.S256ChallengeOption(verifier)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusFound || loc.Query().Get("state") != "st4te" {
		t.Fatalf("authorize: %d %v", resp.StatusCode, resp.Header.Get("Location"))
	}
	tok, err := conf.Exchange(context.Background(), loc.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken == "" || !tok.Valid() {
		t.Errorf("token: %+v", tok)
	}
}
