package simulator

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

var oauthErrorCodes = []string{errInvalidRequest, errInvalidClient, errInvalidGrant, errUnauthorizedClient, errUnsupportedGrantType, errInvalidScope}

// checkTokenAnswer asserts what spec §16 requires of every token endpoint
// answer: the cache headers, then either a token or an RFC 6749 §5.2 error.
func checkTokenAnswer(t *testing.T, res *response) {
	t.Helper()
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if v := res.header.Get("Cache-Control"); v != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", v)
	}
	if v := res.header.Get("Pragma"); v != "no-cache" {
		t.Errorf("Pragma = %q, want no-cache", v)
	}
	if res.status == http.StatusOK {
		if _, ok := res.json["access_token"].(string); !ok {
			t.Errorf("access_token missing: %s", res.raw)
		}
		if !strings.EqualFold(res.str("token_type"), "Bearer") {
			t.Errorf("token_type = %v", res.json["token_type"])
		}
		if n, ok := res.json["expires_in"].(float64); !ok || n <= 10 {
			t.Errorf("expires_in = %v, want a number above 10", res.json["expires_in"])
		}
		if _, ok := res.json["scope"].(string); !ok {
			t.Errorf("scope missing: %s", res.raw)
		}
		return
	}
	if !slices.Contains(oauthErrorCodes, res.str("error")) {
		t.Errorf("error = %q, not an RFC 6749 section 5.2 code", res.str("error"))
	}
	for _, c := range []byte(res.str("error_description")) {
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			t.Errorf("error_description has %q outside %%x20-21 / %%x23-5B / %%x5D-7E", c)
		}
	}
	for _, m := range []string{"access_token", "refresh_token", "token_type", "expires_in"} {
		if _, ok := res.json[m]; ok {
			t.Errorf("error answer carries %s", m)
		}
	}
}

const (
	refreshRT1     = "grant_type=refresh_token&refresh_token=RT1"
	basicChallenge = `Basic realm="recall"`
)

// TestConformance runs every case of spec §16's checklist, each against a
// fresh lab with the fixtures.
func TestConformance(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(l *lab)
		req    request
		status int
		err    string // expected error code, "" for none
		www    string // expected WWW-Authenticate, "" for absent
		check  func(t *testing.T, l *lab, res *response)
	}{
		{name: "01 Basic form-encoded", req: request{auth: appBasic, body: refreshRT1}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				at, rt := res.str("access_token"), res.str("refresh_token")
				if at == "AT1" || len(at) != 43 || rt == "" || rt == "RT1" || len(rt) != 43 {
					t.Errorf("tokens not renewed: %s", res.raw)
				}
				if res.str("scope") != "read profile" {
					t.Errorf("scope = %q", res.str("scope"))
				}
				if l.api("/api/me", at).status != 200 {
					t.Error("new access token refused at /api/me")
				}
			}},
		{name: "02 client_secret_post", req: request{body: "client_id=app&client_secret=p%2Bss%3Aw%2Frd&" + refreshRT1}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				md := l.do(request{method: "GET", path: "/.well-known/oauth-authorization-server"})
				if !slices.Contains(asStrings(md.json["token_endpoint_auth_methods_supported"]), "client_secret_post") {
					t.Errorf("metadata lacks client_secret_post: %s", md.raw)
				}
			}},
		{name: "03 Basic wrong secret", req: request{auth: basic("app", "wrong"), body: refreshRT1}, status: 401, err: errInvalidClient, www: basicChallenge,
			check: func(t *testing.T, l *lab, res *response) {
				if r := l.refresh("RT1"); r.status != 200 {
					t.Errorf("RT1 consumed by a failed request: %d %s", r.status, r.raw)
				}
			}},
		{name: "04 post wrong secret", req: request{body: "client_id=app&client_secret=wrong&" + refreshRT1}, status: 401, err: errInvalidClient, www: basicChallenge},
		{name: "05 unknown client", req: request{auth: basic("unknown-client", "x"), body: refreshRT1}, status: 401, err: errInvalidClient, www: basicChallenge},
		{name: "06 no client authentication", req: request{body: refreshRT1}, status: 401, err: errInvalidClient, www: basicChallenge},
		{name: "07 Basic and body credentials", req: request{auth: appBasic, body: "client_id=app&client_secret=p%2Bss%3Aw%2Frd&" + refreshRT1}, status: 400, err: errInvalidRequest},
		{name: "08 secret in the URI", req: request{path: "/token?client_secret=p%2Bss%3Aw%2Frd", body: "client_id=app&" + refreshRT1}, status: 400, err: errInvalidRequest},
		{name: "09 no grant_type", req: request{auth: appBasic, body: "refresh_token=RT1"}, status: 400, err: errInvalidRequest},
		{name: "10 grant_type=refresh", req: request{auth: appBasic, body: "grant_type=refresh&refresh_token=RT1"}, status: 400, err: errUnsupportedGrantType},
		{name: "11 no refresh_token", req: request{auth: appBasic, body: "grant_type=refresh_token"}, status: 400, err: errInvalidRequest},
		{name: "12 empty refresh_token", req: request{auth: appBasic, body: "grant_type=refresh_token&refresh_token="}, status: 400, err: errInvalidRequest},
		{name: "13a GET /token", req: request{method: "GET", path: "/token?" + refreshRT1, auth: appBasic}, status: 405, err: errInvalidRequest,
			check: func(t *testing.T, l *lab, res *response) {
				if a := res.header.Get("Allow"); a != "POST" {
					t.Errorf("Allow = %q, want POST", a)
				}
			}},
		{name: "13b JSON body", req: request{auth: appBasic, ctype: "application/json", body: `{"grant_type":"refresh_token","refresh_token":"RT1"}`}, status: 400, err: errInvalidRequest},
		{name: "14 client without the refresh grant", req: request{auth: norefreshBasic, body: "grant_type=refresh_token&refresh_token=RT-N1"}, status: 400, err: errUnauthorizedClient},
		{name: "15 garbage refresh token", req: request{auth: appBasic, body: "grant_type=refresh_token&refresh_token=garbage"}, status: 400, err: errInvalidGrant},
		{name: "16 expired refresh token", setup: func(l *lab) { l.advance(24*time.Hour + time.Second) },
			req: request{auth: appBasic, body: refreshRT1}, status: 400, err: errInvalidGrant},
		{name: "17 revoked refresh token", setup: func(l *lab) {
			if r := l.do(request{path: "/revoke", auth: appBasic, body: "token=RT1"}); r.status != 200 {
				l.t.Fatalf("revoke: %d %s", r.status, r.raw)
			}
		}, req: request{auth: appBasic, body: refreshRT1}, status: 400, err: errInvalidGrant},
		{name: "18 another client's refresh token", req: request{auth: otherBasic, body: refreshRT1}, status: 400, err: errInvalidGrant,
			check: func(t *testing.T, l *lab, res *response) {
				if r := l.refresh("RT1"); r.status != 200 {
					t.Errorf("RT1 no longer works for app: %d %s", r.status, r.raw)
				}
				if l.hasEvent(EventReuseDetected) {
					t.Error("another client triggered reuse detection")
				}
			}},
		{name: "19 scope omitted", req: request{auth: appBasic, body: refreshRT1}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				if res.str("scope") != "read profile" {
					t.Errorf("scope = %q, want read profile", res.str("scope"))
				}
			}},
		{name: "20 narrower scope", req: request{auth: appBasic, body: refreshRT1 + "&scope=read"}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				if res.str("scope") != "read" {
					t.Errorf("scope = %q, want read", res.str("scope"))
				}
				next := l.refresh(res.str("refresh_token"))
				if next.status != 200 || next.str("scope") != "read profile" {
					t.Errorf("refresh without scope after narrowing: %d %s", next.status, next.raw)
				}
			}},
		{name: "21 wider scope", req: request{auth: appBasic, body: refreshRT1 + "&scope=read+write"}, status: 400, err: errInvalidScope,
			check: func(t *testing.T, l *lab, res *response) {
				if r := l.refresh("RT1"); r.status != 200 {
					t.Errorf("RT1 consumed by invalid_scope: %d %s", r.status, r.raw)
				}
			}},
		{name: "22a unknown scope", req: request{auth: appBasic, body: refreshRT1 + "&scope=admin%3Aall"}, status: 400, err: errInvalidScope},
		{name: "22b malformed scope", req: request{auth: appBasic, body: refreshRT1 + "&scope=read%22x"}, status: 400, err: errInvalidScope},
		{name: "25 public client", req: request{body: "client_id=cli&grant_type=refresh_token&refresh_token=RT-P1"}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				if rt := res.str("refresh_token"); rt == "" || rt == "RT-P1" {
					t.Errorf("public client not rotated: %s", res.raw)
				}
			}},
		{name: "26 RS without token", req: request{method: "GET", path: "/api/me"}, status: 401, www: `Bearer realm="recall"`},
		{name: "27 RS with a valid token", req: request{method: "GET", path: "/api/me", auth: "Bearer AT1"}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				if res.str("sub") != "alice" || res.str("client_id") != "app" || res.str("scope") != "read profile" {
					t.Errorf("body = %s", res.raw)
				}
			}},
		{name: "28 RS with an expired token", setup: func(l *lab) { l.advance(301 * time.Second) },
			req: request{method: "GET", path: "/api/me", auth: "Bearer AT1"}, status: 401, err: errInvalidToken,
			www: `Bearer realm="recall", error="invalid_token", error_description="The access token expired"`},
		{name: "29 RS insufficient scope", req: request{method: "GET", path: "/api/admin", auth: "Bearer AT1"}, status: 403, err: errInsufficientScope,
			www: `Bearer realm="recall", error="insufficient_scope", scope="write"`},
		{name: "30 revoke unknown token", req: request{path: "/revoke", auth: appBasic, body: "token=unknown"}, status: 200},
		{name: "31 revoke with a wrong hint", req: request{path: "/revoke", auth: appBasic, body: "token=RT1&token_type_hint=access_token"}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				if r := l.refresh("RT1"); r.status != 400 || r.str("error") != errInvalidGrant {
					t.Errorf("revoked RT1 still refreshes: %d %s", r.status, r.raw)
				}
				if r := l.api("/api/me", "AT1"); r.status != 401 {
					t.Errorf("access token of the revoked grant still works: %d", r.status)
				}
			}},
		{name: "32 revoke with wrong credentials", req: request{path: "/revoke", auth: basic("app", "wrong"), body: "token=RT1"}, status: 401, err: errInvalidClient, www: basicChallenge},
		{name: "33 introspect without authentication", req: request{path: "/introspect", body: "token=AT1"}, status: 401, err: errInvalidClient, www: basicChallenge},
		{name: "34 introspect an unknown token", req: request{path: "/introspect", auth: appBasic, body: "token=unknown"}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				if res.raw != `{"active":false}` {
					t.Errorf("body = %s, want exactly {\"active\":false}", res.raw)
				}
			}},
		{name: "35 introspect a live access token", req: request{path: "/introspect", auth: appBasic, body: "token=AT1"}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				want := map[string]any{"active": true, "scope": "read profile", "client_id": "app", "sub": "alice",
					"username": "alice", "token_type": "Bearer",
					"iat": float64(labStart.Unix()), "exp": float64(labStart.Add(5 * time.Minute).Unix())}
				for k, v := range want {
					if res.json[k] != v {
						t.Errorf("%s = %v, want %v", k, res.json[k], v)
					}
				}
			}},
		{name: "36 metadata", req: request{method: "GET", path: "/.well-known/oauth-authorization-server"}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				if res.str("issuer") != l.url {
					t.Errorf("issuer = %q, want %q", res.str("issuer"), l.url)
				}
				for _, m := range []string{"token_endpoint", "revocation_endpoint", "introspection_endpoint"} {
					if !strings.HasPrefix(res.str(m), l.url+"/") {
						t.Errorf("%s = %q", m, res.str(m))
					}
				}
				if !slices.Contains(asStrings(res.json["grant_types_supported"]), "refresh_token") {
					t.Error("grant_types_supported lacks refresh_token")
				}
				methods := asStrings(res.json["token_endpoint_auth_methods_supported"])
				for _, m := range []string{"client_secret_basic", "client_secret_post", "none"} {
					if !slices.Contains(methods, m) {
						t.Errorf("token_endpoint_auth_methods_supported lacks %s", m)
					}
				}
				if len(asStrings(res.json["response_types_supported"])) == 0 {
					t.Error("response_types_supported missing")
				}
				for k, v := range res.json {
					if a, ok := v.([]any); ok && len(a) == 0 {
						t.Errorf("%s is an empty array", k)
					}
				}
			}},

		// Beyond the checklist: the RFC example and the mistakes of spec §13.
		{name: "RFC 6749 section 6 example", req: request{auth: demoBasic, body: "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA"}, status: 200},
		{name: "demo access token starts expired", req: request{method: "GET", path: "/api/me", auth: "Bearer " + DemoAccessToken}, status: 401, err: errInvalidToken,
			www: `Bearer realm="recall", error="invalid_token", error_description="The access token expired"`},
		{name: "Basic without form-encoding", req: request{auth: rawBasic("app", "p+ss:w/rd"), body: refreshRT1}, status: 401, err: errInvalidClient, www: basicChallenge},
		{name: "Basic with a bad percent-escape", req: request{auth: rawBasic("app", "100%"), body: refreshRT1}, status: 400, err: errInvalidRequest},
		{name: "Basic not base64", req: request{auth: "Basic ***", body: refreshRT1}, status: 400, err: errInvalidRequest},
		{name: "Basic without colon", req: request{auth: "Basic YXBw", body: refreshRT1}, status: 400, err: errInvalidRequest},
		{name: "Bearer at the token endpoint", req: request{auth: "Bearer AT1", body: refreshRT1}, status: 401, err: errInvalidClient, www: basicChallenge},
		{name: "Basic and a different body client_id", req: request{auth: appBasic, body: "client_id=other&" + refreshRT1}, status: 400, err: errInvalidRequest},
		{name: "Basic and the same body client_id", req: request{auth: appBasic, body: "client_id=app&" + refreshRT1}, status: 200},
		{name: "body secret without client_id", req: request{body: "client_secret=x&" + refreshRT1}, status: 400, err: errInvalidRequest},
		{name: "public client with a secret", req: request{body: "client_id=cli&client_secret=x&grant_type=refresh_token&refresh_token=RT-P1"}, status: 401, err: errInvalidClient, www: basicChallenge},
		{name: "repeated parameter", req: request{auth: appBasic, body: refreshRT1 + "&refresh_token=RT1"}, status: 400, err: errInvalidRequest},
		{name: "body over 64 KiB", req: request{auth: appBasic, body: refreshRT1 + "&pad=" + strings.Repeat("x", 70<<10)}, status: 400, err: errInvalidRequest},
		{name: "media type parameters ignored", req: request{auth: appBasic, ctype: "Application/X-WWW-Form-URLEncoded; charset=UTF-8", body: refreshRT1}, status: 200},
		{name: "RS token in header and query", req: request{method: "GET", path: "/api/me?access_token=AT1", auth: "Bearer AT1"}, status: 400, err: errInvalidRequest,
			www: `Bearer realm="recall", error="invalid_request", error_description="The access token was sent twice, in the header and in the query; use one method"`},
		{name: "RS token in the query", req: request{method: "GET", path: "/api/me?access_token=AT1"}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				if !l.hasEvent(EventDiscouraged) {
					t.Error("query token not logged as discouraged")
				}
			}},
		{name: "RS refresh token as bearer", req: request{method: "GET", path: "/api/me", auth: "Bearer RT1"}, status: 401, err: errInvalidToken,
			www: `Bearer realm="recall", error="invalid_token", error_description="Refresh tokens are not accepted by resource servers"`},
		{name: "RS Basic scheme", req: request{method: "GET", path: "/api/me", auth: appBasic}, status: 401, www: `Bearer realm="recall"`},
		{name: "RS Bearer without token", req: request{method: "GET", path: "/api/me", auth: "Bearer "}, status: 400, err: errInvalidRequest,
			www: `Bearer realm="recall", error="invalid_request", error_description="The Bearer credentials are missing or malformed"`},
		{name: "revoke another client's token", req: request{path: "/revoke", auth: otherBasic, body: "token=RT1"}, status: 400, err: errUnauthorizedClient,
			check: func(t *testing.T, l *lab, res *response) {
				if r := l.refresh("RT1"); r.status != 200 {
					t.Errorf("RT1 touched: %d", r.status)
				}
			}},
		{name: "revoke an access token only", req: request{path: "/revoke", auth: appBasic, body: "token=AT1"}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				if r := l.api("/api/me", "AT1"); r.status != 401 || !strings.Contains(r.header.Get("WWW-Authenticate"), "was revoked") {
					t.Errorf("revoked AT1: %d %s", r.status, r.header.Get("WWW-Authenticate"))
				}
				if r := l.refresh("RT1"); r.status != 200 {
					t.Errorf("RT1 revoked with its access token: %d", r.status)
				}
			}},
		{name: "revoke by a public client", req: request{path: "/revoke", body: "client_id=cli&token=RT-P1"}, status: 200},
		{name: "revoke without token", req: request{path: "/revoke", auth: appBasic}, status: 400, err: errInvalidRequest},
		{name: "introspect by a public client", req: request{path: "/introspect", body: "client_id=cli&token=RT-P1"}, status: 401, err: errInvalidClient, www: basicChallenge},
		{name: "introspect another client's token", req: request{path: "/introspect", auth: otherBasic, body: "token=AT1"}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				if res.raw != `{"active":false}` {
					t.Errorf("body = %s", res.raw)
				}
			}},
		{name: "introspect a refresh token", req: request{path: "/introspect", auth: appBasic, body: "token=RT1"}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				if res.json["active"] != true || res.str("scope") != "read profile" || res.json["token_type"] != nil {
					t.Errorf("body = %s", res.raw)
				}
			}},
		{name: "GET /revoke", req: request{method: "GET", path: "/revoke?token=RT1", auth: appBasic}, status: 405, err: errInvalidRequest},
		{name: "GET /introspect", req: request{method: "GET", path: "/introspect?token=AT1", auth: appBasic}, status: 405, err: errInvalidRequest},
		{name: "lab clock", req: request{path: "/lab/clock", body: "advance=2h"}, status: 200,
			check: func(t *testing.T, l *lab, res *response) {
				if want := labStart.Add(2 * time.Hour).Format(time.RFC3339); res.str("now") != want {
					t.Errorf("now = %q, want %q", res.str("now"), want)
				}
			}},
		{name: "lab clock refuses garbage", req: request{path: "/lab/clock", body: "advance=soon"}, status: 400, err: errInvalidRequest},
		{name: "lab clock refuses going back", req: request{path: "/lab/clock", body: "advance=-1h"}, status: 400, err: errInvalidRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := newLab(t, DefaultConfig())
			if tc.setup != nil {
				tc.setup(l)
			}
			res := l.do(tc.req)
			if res.status != tc.status {
				t.Fatalf("status = %d, want %d; body %s", res.status, tc.status, res.raw)
			}
			path := tc.req.path
			if path == "" || strings.HasPrefix(path, "/token") || (strings.HasPrefix(path, "/revoke") || strings.HasPrefix(path, "/introspect")) && res.status != 200 {
				checkTokenAnswer(t, res)
			}
			if got := res.str("error"); got != tc.err {
				t.Errorf("error = %q, want %q (%s)", got, tc.err, res.raw)
			}
			if got := res.header.Get("WWW-Authenticate"); got != tc.www {
				t.Errorf("WWW-Authenticate = %q, want %q", got, tc.www)
			}
			if strings.HasPrefix(path, "/introspect") && res.status == 200 {
				if res.header.Get("Cache-Control") != "no-store" || res.header.Get("Pragma") != "no-cache" {
					t.Errorf("introspection answer lacks the cache headers: %v", res.header)
				}
			}
			if strings.HasPrefix(path, "/revoke") && res.status == 200 {
				if res.raw != "" || res.header.Get("Cache-Control") != "no-store" {
					t.Errorf("revoke answer: body %q, Cache-Control %q", res.raw, res.header.Get("Cache-Control"))
				}
			}
			if res.status == http.StatusMethodNotAllowed && res.header.Get("Allow") != "POST" {
				t.Errorf("Allow = %q, want POST", res.header.Get("Allow"))
			}
			if tc.check != nil {
				tc.check(t, l, res)
			}
		})
	}
}

func asStrings(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// TestRotationChain covers checklist cases 23 and 24: a chain of rotations
// keeps earlier access tokens alive; presenting an old refresh token revokes
// the whole family.
func TestRotationChain(t *testing.T) {
	l := newLab(t, DefaultConfig())
	rts := []string{"RT1"}
	ats := []string{"AT1"}
	for range 3 {
		at, rt := l.mustRefresh(rts[len(rts)-1])
		ats, rts = append(ats, at), append(rts, rt)
	}
	seen := map[string]bool{}
	for _, rt := range rts {
		if seen[rt] {
			t.Fatalf("refresh token %s issued twice", rt)
		}
		seen[rt] = true
	}
	for _, at := range ats {
		if r := l.introspect(at); r.json["active"] != true {
			t.Errorf("access token %s inactive after rotation: %s", at, r.raw)
		}
	}
	// Case 24: RTn again, then the newest RTn+2.
	old, newest := rts[1], rts[3]
	if r := l.refresh(old); r.status != 400 || r.str("error") != errInvalidGrant {
		t.Fatalf("reused token: %d %s", r.status, r.raw)
	}
	if r := l.refresh(newest); r.status != 400 || r.str("error") != errInvalidGrant {
		t.Fatalf("newest token after reuse: %d %s", r.status, r.raw)
	}
	for _, at := range ats {
		if r := l.introspect(at); r.raw != `{"active":false}` {
			t.Errorf("access token %s still active after reuse: %s", at, r.raw)
		}
		if r := l.api("/api/me", at); r.status != 401 || r.str("error") != errInvalidToken {
			t.Errorf("access token %s at the RS: %d %s", at, r.status, r.raw)
		}
	}
	if !l.hasEvent(EventReuseDetected) {
		t.Error("event log does not record reuse detection")
	}
	var msg string
	for _, e := range l.s.Events() {
		if e.Kind == EventReuseDetected {
			msg = e.Message
		}
	}
	if !strings.Contains(msg, "reuse detected") || !strings.Contains(msg, "family G1") {
		t.Errorf("reuse event = %q", msg)
	}
}

// TestRotationOff: a confidential client keeps its refresh token; a public
// client rotates anyway (checklist case 25, P12).
func TestRotationOff(t *testing.T) {
	cfg := DefaultConfig()
	cfg.RotateRefreshTokens = false
	l := newLab(t, cfg)
	for range 2 {
		r := l.refresh("RT1")
		if r.status != 200 {
			t.Fatalf("refresh: %d %s", r.status, r.raw)
		}
		if _, ok := r.json["refresh_token"]; ok {
			t.Errorf("refresh_token present with rotation off: %s", r.raw)
		}
	}
	r := l.do(request{body: "client_id=cli&grant_type=refresh_token&refresh_token=RT-P1"})
	if r.status != 200 || r.str("refresh_token") == "" {
		t.Errorf("public client not rotated with rotation off: %d %s", r.status, r.raw)
	}
}

// TestGraceWindow: the immediate predecessor is accepted inside the window
// with a fresh pair; after the window, or an older generation, is reuse.
func TestGraceWindow(t *testing.T) {
	cfg := DefaultConfig()
	cfg.ReuseGrace = 10 * time.Second
	l := newLab(t, cfg)
	_, rt2 := l.mustRefresh("RT1")
	l.advance(5 * time.Second)
	_, rt3 := l.mustRefresh("RT1") // grace retry: rt3 replaces rt2
	if rt3 == rt2 {
		t.Fatal("grace retry returned the same refresh token")
	}
	if !l.hasEvent(EventGraceRetry) {
		t.Error("grace retry not logged")
	}
	if r := l.refresh(rt2); r.status != 400 { // superseded successor: reuse
		t.Fatalf("superseded token accepted: %d %s", r.status, r.raw)
	}
	if r := l.refresh(rt3); r.status != 400 {
		t.Fatalf("family not revoked after reuse: %d %s", r.status, r.raw)
	}

	l = newLab(t, cfg)
	_, rt2 = l.mustRefresh("RT1")
	l.advance(11 * time.Second)
	if r := l.refresh("RT1"); r.status != 400 {
		t.Fatalf("predecessor accepted after the window: %d %s", r.status, r.raw)
	}
	if r := l.refresh(rt2); r.status != 400 {
		t.Fatalf("family not revoked: %d %s", r.status, r.raw)
	}

	l = newLab(t, cfg)
	_, rt2 = l.mustRefresh("RT1")
	_, rt3 = l.mustRefresh(rt2)
	if r := l.refresh("RT1"); r.status != 400 { // two generations back
		t.Fatalf("older generation accepted inside the window: %d %s", r.status, r.raw)
	}
	if r := l.refresh(rt3); r.status != 400 {
		t.Fatalf("family not revoked: %d %s", r.status, r.raw)
	}
}

// TestAuthorizationCode walks the other way to a token: /authorize with PKCE,
// the code exchange, then a refresh of the new grant.
func TestAuthorizationCode(t *testing.T) {
	l := newLab(t, DefaultConfig())
	verifier := strings.Repeat("v", 43)
	authorize := func(extra string) *response {
		return l.do(request{method: "GET", path: "/authorize?response_type=code&client_id=app&scope=read&state=xyz&code_challenge=" +
			S256(verifier) + "&code_challenge_method=S256" + extra})
	}
	res := authorize("")
	if res.status != 200 || res.str("code") == "" || res.str("state") != "xyz" {
		t.Fatalf("authorize: %d %s", res.status, res.raw)
	}
	code := res.str("code")
	exchange := func(code, verifier string) *response {
		return l.do(request{auth: appBasic, body: "grant_type=authorization_code&code=" + code + "&code_verifier=" + verifier})
	}
	if r := exchange(code, strings.Repeat("w", 43)); r.status != 400 || r.str("error") != errInvalidGrant {
		t.Fatalf("wrong verifier: %d %s", r.status, r.raw)
	}
	tok := exchange(code, verifier)
	checkTokenAnswer(t, tok)
	if tok.status != 200 || tok.str("scope") != "read" || tok.str("refresh_token") == "" {
		t.Fatalf("exchange: %d %s", tok.status, tok.raw)
	}
	if r := l.api("/api/me", tok.str("access_token")); r.status != 200 {
		t.Errorf("new access token refused: %d %s", r.status, r.raw)
	}
	if r := l.refresh(tok.str("refresh_token")); r.status != 200 {
		t.Errorf("refresh of the new grant: %d %s", r.status, r.raw)
	}
	if r := exchange(code, verifier); r.status != 400 || r.str("error") != errInvalidGrant {
		t.Errorf("code used twice: %d %s", r.status, r.raw)
	}
	if r := l.api("/api/me", tok.str("access_token")); r.status != 401 {
		t.Errorf("tokens of a reused code still work: %d", r.status)
	}

	// Redirect form, errors, and a client without the grant.
	hr, err := http.NewRequest("GET", l.url+"/authorize?response_type=code&client_id=app&redirect_uri="+
		url.QueryEscape("http://127.0.0.1:1/cb")+"&state=s1&code_challenge="+S256(verifier)+"&code_challenge_method=S256", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultTransport.RoundTrip(hr)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != 302 || loc.Query().Get("code") == "" || loc.Query().Get("state") != "s1" {
		t.Fatalf("redirect: %d %s", resp.StatusCode, loc)
	}
	noRedirect := l.do(request{auth: appBasic, body: "grant_type=authorization_code&code=" + loc.Query().Get("code") + "&code_verifier=" + verifier})
	if noRedirect.status != 400 || noRedirect.str("error") != errInvalidGrant {
		t.Errorf("missing redirect_uri accepted: %d %s", noRedirect.status, noRedirect.raw)
	}
	for name, path := range map[string]string{
		"no PKCE":        "/authorize?response_type=code&client_id=app",
		"plain PKCE":     "/authorize?response_type=code&client_id=app&code_challenge=" + S256(verifier) + "&code_challenge_method=plain",
		"unknown client": "/authorize?response_type=code&client_id=nobody",
		"foreign host":   "/authorize?response_type=code&client_id=app&redirect_uri=http%3A%2F%2Fevil.example%2Fcb",
		"wider scope":    "/authorize?response_type=code&client_id=app&scope=admin&code_challenge=" + S256(verifier) + "&code_challenge_method=S256",
		"no code grant":  "/authorize?response_type=code&client_id=cli&code_challenge=" + S256(verifier) + "&code_challenge_method=S256",
		"token response": "/authorize?response_type=token&client_id=app",
	} {
		if r := l.do(request{method: "GET", path: path}); r.status != 400 || r.str("error") == "" {
			t.Errorf("%s: %d %s", name, r.status, r.raw)
		}
	}
	if r := l.do(request{auth: norefreshBasic, body: "grant_type=authorization_code&code=x&code_verifier=" + verifier}); r.str("error") != errInvalidGrant {
		t.Errorf("unknown code: %s", r.raw)
	}
}

// TestSweep: expired tokens and emptied grants are forgotten.
func TestSweep(t *testing.T) {
	l := newLab(t, DefaultConfig())
	before := l.s.Stats()
	if before.Grants != 4 || before.RefreshTokens != 4 || before.AccessTokens != 4 {
		t.Fatalf("fixtures: %+v", before)
	}
	l.mustRefresh("RT1")
	l.advance(25 * time.Hour)
	l.refresh("garbage") // any token request sweeps
	if got := l.s.Stats(); got != (Stats{}) {
		t.Errorf("after sweep: %+v, want nothing left", got)
	}
	l.s.Reset()
	if got := l.s.Stats(); got != before {
		t.Errorf("after reset: %+v, want %+v", got, before)
	}
	if r := l.refresh("RT1"); r.status != 200 {
		t.Errorf("RT1 after reset: %d %s", r.status, r.raw)
	}
}

// TestEventsEndpoint: /lab/events is the event log as JSON.
func TestEventsEndpoint(t *testing.T) {
	l := newLab(t, DefaultConfig())
	l.do(request{auth: basic("app", "wrong"), body: refreshRT1})
	res := l.do(request{method: "GET", path: "/lab/events"})
	if res.status != 200 || !strings.Contains(res.raw, `"kind":"auth_failure"`) || !strings.Contains(res.raw, `"client":"app"`) {
		t.Errorf("events: %d %s", res.status, res.raw)
	}
	if r := l.do(request{path: "/lab/reset"}); r.status != 200 {
		t.Errorf("reset: %d %s", r.status, r.raw)
	}
}

// TestRevokeAccessTokensOnRotation: with the knob on, a rotation revokes the
// grant's older access tokens (P6).
func TestRevokeAccessTokensOnRotation(t *testing.T) {
	cfg := DefaultConfig()
	cfg.RevokeAccessTokensOnRotation = true
	l := newLab(t, cfg)
	at2, _ := l.mustRefresh("RT1")
	if r := l.api("/api/me", "AT1"); r.status != 401 {
		t.Errorf("AT1 after rotation: %d, want 401", r.status)
	}
	if r := l.api("/api/me", at2); r.status != 200 {
		t.Errorf("new access token: %d, want 200", r.status)
	}
}

// TestHistoryLimit: a grant keeps at most historyLimit refresh and access
// tokens however often it is refreshed on a frozen clock.
func TestHistoryLimit(t *testing.T) {
	l := newLab(t, DefaultConfig())
	rt := "RT1"
	for range historyLimit + 50 {
		_, rt = l.mustRefresh(rt)
	}
	st := l.s.Stats()
	// The other fixture grants hold 3 refresh and 3 access tokens.
	if st.RefreshTokens != historyLimit+3 || st.AccessTokens != historyLimit+3 {
		t.Errorf("stats = %+v, want %d of each", st, historyLimit+3)
	}
	if r := l.refresh("RT1"); r.status != 400 || !strings.Contains(r.str("error_description"), "not known") {
		t.Errorf("forgotten token: %d %s", r.status, r.raw)
	}
	if _, next := l.mustRefresh(rt); next == "" {
		t.Error("the chain broke after the limit")
	}
}
