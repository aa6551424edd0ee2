package simulator

import (
	"strings"
	"testing"
	"time"
)

// issueConfig is the example of issue 5, verbatim.
const issueConfig = `{
  "access_token_ttl": "5m", "refresh_token_ttl": "24h",
  "rotate_refresh_tokens": true, "reuse_grace": "0s",
  "clients": [
    {"id": "app", "secret": "p+ss:w/rd", "grants": ["authorization_code", "refresh_token"], "scopes": ["read", "write", "profile"]},
    {"id": "cli", "public": true, "grants": ["refresh_token"], "scopes": ["read"]}
  ],
  "grants": [
    {"client": "app", "subject": "alice", "scope": "read profile", "refresh_token": "RT1", "access_token": "AT1", "access_token_expires_in": "5m"}
  ]
}`

func TestParseConfig(t *testing.T) {
	cfg, err := ParseConfig([]byte(issueConfig))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.AccessTokenTTL != 5*time.Minute || cfg.RefreshTokenTTL != 24*time.Hour || !cfg.RotateRefreshTokens || cfg.ReuseGrace != 0 {
		t.Errorf("knobs: %+v", cfg)
	}
	if len(cfg.Clients) != 2 || !cfg.Clients[1].Public || cfg.Clients[0].Secret != "p+ss:w/rd" {
		t.Errorf("clients: %+v", cfg.Clients)
	}
	if len(cfg.Grants) != 1 || cfg.Grants[0].AccessTokenExpiresIn != 5*time.Minute {
		t.Errorf("grants: %+v", cfg.Grants)
	}
	l := newLab(t, cfg)
	if r := l.refresh("RT1"); r.status != 200 {
		t.Errorf("refresh with the configured grant: %d %s", r.status, r.raw)
	}
	if r := l.refresh(DemoRefreshToken); r.status != 400 {
		t.Errorf("fixtures not replaced: %d", r.status)
	}
}

func TestParseConfigDefaultsAndGeneratedTokens(t *testing.T) {
	cfg, err := ParseConfig([]byte(`{"clients":[{"id":"c","secret":"s","grants":["refresh_token"],"scopes":["read"]}],
		"grants":[{"client":"c","subject":"bob","access_token_expires_in":"-1h"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.AccessTokenTTL != 5*time.Minute || !cfg.RotateRefreshTokens || cfg.Realm != "recall" {
		t.Errorf("defaults not kept: %+v", cfg)
	}
	s, err := New(cfg, fixedClock)
	if err != nil {
		t.Fatal(err)
	}
	g := s.Config().Grants[0]
	if len(g.RefreshToken) != 43 || len(g.AccessToken) != 43 || g.ID != "G1" {
		t.Errorf("generated grant: %+v", g)
	}
	l := newLab(t, s.Config())
	if r := l.api("/api/me", g.AccessToken); r.status != 401 || r.str("error") != errInvalidToken {
		t.Errorf("negative access_token_expires_in: %d %s", r.status, r.raw)
	}
	r := l.do(request{auth: basic("c", "s"), body: "grant_type=refresh_token&refresh_token=" + g.RefreshToken})
	if r.status != 200 || r.str("scope") != "read" {
		t.Errorf("refresh: %d %s", r.status, r.raw)
	}
}

func TestParseConfigErrors(t *testing.T) {
	const client = `{"id":"c","secret":"s","grants":["refresh_token"],"scopes":["read"]}`
	tests := []struct{ json, want string }{
		{`{`, "ends in the middle"},
		{`{"clients": [}`, "line 1, column 14"},
		{`{"acces_token_ttl":"5m","clients":[` + client + `]}`, `unknown field "acces_token_ttl"`},
		{`{"access_token_ttl":"5 minutes","clients":[` + client + `]}`, `access_token_ttl: "5 minutes" is not a Go duration`},
		{`{"access_token_ttl":300,"clients":[` + client + `]}`, "access_token_ttl: expected a string"},
		{`{"access_token_ttl":"500ms","clients":[` + client + `]}`, "access_token_ttl: 500ms is too short"},
		{`{"refresh_token_ttl":"0s","clients":[` + client + `]}`, "refresh_token_ttl"},
		{`{"reuse_grace":"2m","clients":[` + client + `]}`, "reuse_grace: 2m0s is outside the allowed range"},
		{`{"clients":[]}`, "clients: at least one client"},
		{`{"clients":[{"id":"c","grants":["refresh_token"]}]}`, "clients[0].secret: missing"},
		{`{"clients":[{"id":"c","public":true,"secret":"x","grants":["refresh_token"]}]}`, "clients[0].secret: a public client has no secret"},
		{`{"clients":[{"id":"c","secret":"s","grants":["password"]}]}`, `clients[0].grants[0]: "password" is not a grant type`},
		{`{"clients":[` + client + `,` + client + `]}`, `clients[1].id: "c" is used by two clients`},
		{`{"clients":[{"id":"c","secret":"s","grants":["refresh_token"],"scopes":["a b"]}]}`, "clients[0].scopes[0]"},
		{`{"clients":[` + client + `],"grants":[{"client":"d","subject":"a"}]}`, `grants[0].client: "d" is not among the clients`},
		{`{"clients":[` + client + `],"grants":[{"client":"c"}]}`, "grants[0].subject: missing"},
		{`{"clients":[` + client + `],"grants":[{"client":"c","subject":"a","scope":"write"}]}`, `grants[0].scope: "write" is not among the scopes`},
		{`{"clients":[` + client + `],"grants":[{"client":"c","subject":"a","access_token_expires_in":"1 day"}]}`, "grants[0].access_token_expires_in"},
		{`{"clients":[` + client + `],"grants":[{"client":"c","subject":"a","refresh_token":"has space"}]}`, "grants[0].refresh_token"},
		{`{"clients":[` + client + `],"grants":[{"client":"c","subject":"a","refresh_token":"X"},{"client":"c","subject":"a","access_token":"X"}]}`,
			`grants[1].access_token: "X" is already used as grants[0].refresh_token`},
		{`{"clients":[` + client + `]} {}`, "unexpected data after"},
	}
	for _, tc := range tests {
		_, err := ParseConfig([]byte(tc.json))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseConfig(%s) = %v, want an error containing %q", tc.json, err, tc.want)
		}
	}
}

func TestNewRefusesInvalidConfig(t *testing.T) {
	cfg := DefaultConfig()
	cfg.AccessTokenTTL = 0
	if _, err := New(cfg, fixedClock); err == nil || !strings.Contains(err.Error(), "access_token_ttl") {
		t.Errorf("New = %v, want an access_token_ttl error", err)
	}
}
