package simulator

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Scenario is one lesson of the lab: steps sent in order to a lab freshly
// seeded with [DefaultConfig], each with the outcome the learner should
// predict. Scenarios are plain data; the lab screen (or a test) sends them.
type Scenario struct {
	Name        string // short id, as a card note names it ("lab: reuse")
	Title       string // one line for a menu
	Description string // what the scenario teaches
	Steps       []Step
}

// Step is one exchange of a scenario.
type Step struct {
	Note    string        // what this step shows
	Advance time.Duration // how far to fast-forward the lab clock before sending
	Request Request
	Expect  Outcome
}

// Auth is how a [Request] authenticates.
type Auth int

// Authentication methods of a Request.
const (
	AuthNone     Auth = iota // no credentials; client_id in the form when ClientID is set
	AuthBasic                // client_secret_basic, form-encoded as RFC 6749 §2.3.1 requires
	AuthBasicRaw             // Basic without form-encoding: the classic mistake
	AuthPost                 // client_secret_post: client_id and client_secret in the body
	AuthBearer               // Authorization: Bearer Token (resource server requests)
)

// Param is one form or query parameter, kept in order for the transcript.
type Param struct{ Name, Value string }

// Request is a request template. Token, Params values and Path may hold
// variables in braces, filled from the answers of earlier steps by
// [Vars.Capture]: {access_token}, {refresh_token}, {previous_refresh_token},
// {code}, and {code_verifier}.
type Request struct {
	Method       string // GET or POST
	Path         string // "/token", "/api/me", ...
	Auth         Auth
	ClientID     string
	ClientSecret string
	Token        string  // the bearer token with AuthBearer
	Params       []Param // the body of a POST, the query of a GET
}

// Outcome is what a step should answer.
type Outcome struct {
	Status int    // HTTP status
	Error  string // the error member of the JSON body; "" for a success
	Scope  string // the scope member, checked when not empty
}

// Vars are the values a scenario carries from step to step.
type Vars map[string]string

// NewVars returns the values a scenario starts from: the RFC 6749 §6 demo
// grant's tokens and a PKCE verifier (RFC 7636 Appendix B's example).
func NewVars() Vars {
	return Vars{
		"access_token":  DemoAccessToken,
		"refresh_token": DemoRefreshToken,
		"code_verifier": "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
	}
}

// Expand fills the variables in braces of s ("{refresh_token}") with their
// values; unknown ones stay as they are.
func (v Vars) Expand(s string) string {
	for name, value := range v {
		s = strings.ReplaceAll(s, "{"+name+"}", value)
	}
	return s
}

// Capture takes the tokens and codes of a successful JSON answer into v.
func (v Vars) Capture(body []byte) {
	var answer struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
		Code         string `json:"code"`
	}
	if json.Unmarshal(body, &answer) != nil {
		return
	}
	if answer.AccessToken != "" {
		v["access_token"] = answer.AccessToken
	}
	if answer.RefreshToken != "" {
		v["previous_refresh_token"] = v["refresh_token"]
		v["refresh_token"] = answer.RefreshToken
	}
	if answer.Code != "" {
		v["code"] = answer.Code
	}
}

// Build makes the HTTP request for the lab at baseURL (no trailing slash),
// with the variables of vars filled in.
func (r Request) Build(baseURL string, vars Vars) (*http.Request, error) {
	var pairs []Param
	switch r.Auth {
	case AuthPost:
		pairs = append(pairs, Param{"client_id", r.ClientID}, Param{"client_secret", r.ClientSecret})
	case AuthNone:
		if r.ClientID != "" {
			pairs = append(pairs, Param{"client_id", r.ClientID})
		}
	}
	var encoded []string
	for _, p := range append(pairs, r.Params...) {
		encoded = append(encoded, url.QueryEscape(p.Name)+"="+url.QueryEscape(vars.Expand(p.Value)))
	}
	target := baseURL + vars.Expand(r.Path)
	var req *http.Request
	var err error
	if r.Method == http.MethodGet {
		if len(encoded) > 0 {
			target += "?" + strings.Join(encoded, "&")
		}
		req, err = http.NewRequest(http.MethodGet, target, nil)
	} else {
		req, err = http.NewRequest(http.MethodPost, target, strings.NewReader(strings.Join(encoded, "&")))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("build the request to %s: %w", r.Path, err)
	}
	switch r.Auth {
	case AuthBasic:
		req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString(
			[]byte(url.QueryEscape(r.ClientID)+":"+url.QueryEscape(r.ClientSecret))))
	case AuthBasicRaw:
		req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(r.ClientID+":"+r.ClientSecret)))
	case AuthBearer:
		req.Header.Set("Authorization", "Bearer "+vars.Expand(r.Token))
	}
	return req, nil
}

// Check compares an answer with the expected outcome; it returns nil when
// they agree and otherwise says how they differ.
func (o Outcome) Check(status int, body []byte) error {
	var answer struct {
		Error string `json:"error"`
		Scope string `json:"scope"`
	}
	_ = json.Unmarshal(body, &answer) // an empty or non-JSON body has no error member
	switch {
	case status != o.Status:
		return fmt.Errorf("status %d, expected %d", status, o.Status)
	case answer.Error != o.Error:
		return fmt.Errorf("error %q, expected %q", answer.Error, o.Error)
	case o.Scope != "" && answer.Scope != o.Scope:
		return fmt.Errorf("scope %q, expected %q", answer.Scope, o.Scope)
	}
	return nil
}

// Shorthands for the scenario table.
var (
	demoRefresh = Request{Method: http.MethodPost, Path: "/token", Auth: AuthBasic,
		ClientID: DemoClientID, ClientSecret: DemoClientSecret,
		Params: []Param{{"grant_type", GrantRefreshToken}, {"refresh_token", "{refresh_token}"}}}
	callMe         = Request{Method: http.MethodGet, Path: "/api/me", Auth: AuthBearer, Token: "{access_token}"}
	callAdmin      = Request{Method: http.MethodGet, Path: "/api/admin", Auth: AuthBearer, Token: "{access_token}"}
	expectOK       = Outcome{Status: http.StatusOK}
	expectBadGrant = Outcome{Status: http.StatusBadRequest, Error: errInvalidGrant}
)

// with returns r with its params replaced.
func (r Request) with(params ...Param) Request {
	r.Params = params
	return r
}

// Scenarios are the lab's lessons, in menu order.
var Scenarios = []Scenario{
	{Name: "happy", Title: "Happy path",
		Description: "The access token has expired: the API says 401 invalid_token; a refresh request (the RFC 6749 section 6 example) gets a new pair; the API accepts the new access token.",
		Steps: []Step{
			{Note: "the expired access token is refused", Request: callMe, Expect: Outcome{Status: 401, Error: errInvalidToken}},
			{Note: "refresh it", Request: demoRefresh, Expect: Outcome{Status: 200, Scope: "read write"}},
			{Note: "the new access token works", Request: callMe, Expect: expectOK},
		}},
	{Name: "wrong-secret", Title: "Wrong client secret",
		Description: "A wrong secret is invalid_client with status 401 and a Basic challenge; the refresh token is not consumed, so the right secret still works.",
		Steps: []Step{
			{Note: "wrong secret", Request: func() Request { r := demoRefresh; r.ClientSecret = "wrong"; return r }(),
				Expect: Outcome{Status: 401, Error: errInvalidClient}},
			{Note: "the same refresh token with the right secret", Request: demoRefresh, Expect: expectOK},
		}},
	{Name: "basic-raw", Title: "Basic without form-encoding",
		Description: "RFC 6749 section 2.3.1 form-encodes id and secret before base64. Client app's secret p+ss:w/rd sent raw decodes to p ss:w/rd: invalid_client. Encoded, it works.",
		Steps: []Step{
			{Note: "raw secret in Basic", Request: Request{Method: http.MethodPost, Path: "/token", Auth: AuthBasicRaw, ClientID: "app", ClientSecret: "p+ss:w/rd",
				Params: []Param{{"grant_type", GrantRefreshToken}, {"refresh_token", "RT1"}}}, Expect: Outcome{Status: 401, Error: errInvalidClient}},
			{Note: "form-encoded secret in Basic", Request: Request{Method: http.MethodPost, Path: "/token", Auth: AuthBasic, ClientID: "app", ClientSecret: "p+ss:w/rd",
				Params: []Param{{"grant_type", GrantRefreshToken}, {"refresh_token", "RT1"}}}, Expect: Outcome{Status: 200, Scope: "read profile"}},
		}},
	{Name: "reuse", Title: "Reused old refresh token",
		Description: "After a rotation the old refresh token is presented again: the server cannot tell thief from client and revokes the whole family, so even the newest refresh token and the access tokens die.",
		Steps: []Step{
			{Note: "refresh: the refresh token is rotated", Request: demoRefresh, Expect: expectOK},
			{Note: "the old refresh token again: reuse detected", Request: demoRefresh.with(Param{"grant_type", GrantRefreshToken}, Param{"refresh_token", "{previous_refresh_token}"}), Expect: expectBadGrant},
			{Note: "the newest refresh token is revoked too", Request: demoRefresh, Expect: expectBadGrant},
			{Note: "and so is the newest access token", Request: callMe, Expect: Outcome{Status: 401, Error: errInvalidToken}},
		}},
	{Name: "wider-scope", Title: "Wider scope",
		Description: "A refresh may not ask for more than the original grant (read write): invalid_scope, and the refresh token is not consumed.",
		Steps: []Step{
			{Note: "ask for profile too", Request: demoRefresh.with(Param{"grant_type", GrantRefreshToken}, Param{"refresh_token", "{refresh_token}"}, Param{"scope", "read write profile"}),
				Expect: Outcome{Status: 400, Error: errInvalidScope}},
			{Note: "the refresh token still works", Request: demoRefresh, Expect: expectOK},
		}},
	{Name: "narrower-scope", Title: "Narrower scope",
		Description: "A narrower scope narrows the access token only: with scope=read the admin API says 403 insufficient_scope; the next refresh without scope gets the original read write back.",
		Steps: []Step{
			{Note: "refresh with scope=read", Request: demoRefresh.with(Param{"grant_type", GrantRefreshToken}, Param{"refresh_token", "{refresh_token}"}, Param{"scope", "read"}),
				Expect: Outcome{Status: 200, Scope: "read"}},
			{Note: "the admin API needs write", Request: callAdmin, Expect: Outcome{Status: 403, Error: errInsufficientScope}},
			{Note: "refresh without scope: the original scope is back", Request: demoRefresh, Expect: Outcome{Status: 200, Scope: "read write"}},
			{Note: "the admin API now answers", Request: callAdmin, Expect: expectOK},
		}},
	{Name: "expired", Title: "Expired refresh token",
		Description: "Refresh tokens live 24 hours in the lab. Fast-forward 25 hours and the refresh is invalid_grant: the client must authorise again.",
		Steps: []Step{
			{Note: "25 hours later", Advance: 25 * time.Hour, Request: demoRefresh, Expect: expectBadGrant},
		}},
	{Name: "revoked", Title: "Revoked token",
		Description: "The client revokes its refresh token (RFC 7009): the answer is 200 with an empty body, and the grant is gone.",
		Steps: []Step{
			{Note: "revoke the refresh token", Request: Request{Method: http.MethodPost, Path: "/revoke", Auth: AuthBasic, ClientID: DemoClientID, ClientSecret: DemoClientSecret,
				Params: []Param{{"token", "{refresh_token}"}, {"token_type_hint", "refresh_token"}}}, Expect: expectOK},
			{Note: "refresh with it", Request: demoRefresh, Expect: expectBadGrant},
		}},
	{Name: "missing-grant-type", Title: "Missing grant_type",
		Description: "Without grant_type the server cannot tell what is asked: invalid_request (not unsupported_grant_type, which is for an unknown value).",
		Steps: []Step{
			{Note: "no grant_type", Request: demoRefresh.with(Param{"refresh_token", "{refresh_token}"}), Expect: Outcome{Status: 400, Error: errInvalidRequest}},
		}},
	{Name: "reauthorize", Title: "Re-authorise with the authorization code",
		Description: "When refreshing is no longer possible, the other way to a token is to authorise again: /authorize with PKCE (approved at once in the lab), then exchange the code with its verifier.",
		Steps: []Step{
			{Note: "25 hours later the refresh token has expired", Advance: 25 * time.Hour, Request: demoRefresh, Expect: expectBadGrant},
			{Note: "authorise: the consent is automatic, the answer carries a code", Request: Request{Method: http.MethodGet, Path: "/authorize", Params: []Param{
				{"response_type", "code"}, {"client_id", DemoClientID}, {"scope", "read"}, {"state", "xyz"},
				{"code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"}, {"code_challenge_method", "S256"}}}, Expect: expectOK},
			{Note: "exchange the code with the PKCE verifier", Request: Request{Method: http.MethodPost, Path: "/token", Auth: AuthBasic, ClientID: DemoClientID, ClientSecret: DemoClientSecret,
				Params: []Param{{"grant_type", GrantAuthorizationCode}, {"code", "{code}"}, {"code_verifier", "{code_verifier}"}}}, Expect: Outcome{Status: 200, Scope: "read"}},
			{Note: "the new access token works", Request: callMe, Expect: expectOK},
		}},
}
