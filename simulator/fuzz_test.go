package simulator

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzToken throws arbitrary requests at the token endpoint: it must never
// panic, and every answer must be one of the spec's statuses with a JSON
// object body and the cache headers.
func FuzzToken(f *testing.F) {
	seeds := []struct{ method, query, ctype, auth, body string }{
		{"POST", "", "application/x-www-form-urlencoded", appBasic, refreshRT1},
		{"POST", "", "application/x-www-form-urlencoded", demoBasic, "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA"},
		{"POST", "", "application/x-www-form-urlencoded", "", "client_id=cli&grant_type=refresh_token&refresh_token=RT-P1"},
		{"POST", "", "application/x-www-form-urlencoded", "", "client_id=app&client_secret=p%2Bss%3Aw%2Frd&" + refreshRT1},
		{"POST", "client_secret=x", "application/x-www-form-urlencoded", "", "client_id=app&" + refreshRT1},
		{"POST", "", "application/x-www-form-urlencoded", appBasic, refreshRT1 + "&scope=read+write"},
		{"POST", "", "application/x-www-form-urlencoded", appBasic, refreshRT1 + "&scope=read%22x"},
		{"POST", "", "application/x-www-form-urlencoded", appBasic, "grant_type=authorization_code&code=x&code_verifier=" + strings.Repeat("a", 43)},
		{"POST", "", "application/x-www-form-urlencoded", "Basic %%%", "grant_type=refresh_token"},
		{"POST", "", "application/x-www-form-urlencoded", "Basic Og==", refreshRT1},
		{"POST", "", "application/x-www-form-urlencoded", "Bearer x", refreshRT1},
		{"POST", "", "application/x-www-form-urlencoded", appBasic, "grant_type=refresh_token&grant_type=refresh_token"},
		{"POST", "", "application/x-www-form-urlencoded", appBasic, "a=%zz;b"},
		{"POST", "", "application/json", appBasic, `{"grant_type":"refresh_token"}`},
		{"POST", "", "", "", ""},
		{"GET", "grant_type=refresh_token", "", "", ""},
		{"DELETE", "", "text/plain", "", "\x00\xff"},
	}
	for _, s := range seeds {
		f.Add(s.method, s.query, s.ctype, s.auth, s.body)
	}
	srv, err := New(DefaultConfig(), fixedClock)
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()
	allowed := map[int]bool{200: true, 400: true, 401: true, 405: true}
	f.Fuzz(func(t *testing.T, method, query, ctype, auth, body string) {
		if !validMethod(method) {
			method = "POST"
		}
		req := httptest.NewRequest(method, "/token", strings.NewReader(body))
		req.URL.RawQuery = query
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Authorization", auth)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if !allowed[rec.Code] {
			t.Fatalf("status %d", rec.Code)
		}
		var obj map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &obj); err != nil {
			t.Fatalf("status %d: body is not a JSON object: %q", rec.Code, rec.Body.String())
		}
		if rec.Code != 200 && obj["error"] == nil {
			t.Fatalf("status %d without error member: %s", rec.Code, rec.Body.String())
		}
		if rec.Header().Get("Cache-Control") != "no-store" || rec.Header().Get("Pragma") != "no-cache" {
			t.Fatalf("cache headers missing: %v", rec.Header())
		}
	})
}

// validMethod reports whether m is an HTTP token (httptest.NewRequest panics
// on anything else, before the handler is reached).
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, c := range []byte(m) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>@,;:\"/[]?={}`, c) >= 0 {
			return false
		}
	}
	return true
}
