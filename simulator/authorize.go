package simulator

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/http"
	"net/url"
	"slices"
	"time"
)

// codeTTL is the lifetime of an authorization code (RFC 6749 §4.1.2
// recommends at most 10 minutes).
const codeTTL = time.Minute

// ConsentSubject is the user on whose behalf /authorize consents: the lab's
// consent step approves every request automatically.
const ConsentSubject = "alice"

// authorizeAnswer is the JSON body of /authorize when no redirect_uri was
// sent, so that curl and the lab can read the code directly.
type authorizeAnswer struct {
	Code  string `json:"code"`
	State string `json:"state,omitempty"`
}

// handleAuthorize serves GET /authorize: the authorization request of RFC
// 6749 §4.1.1 with PKCE (RFC 7636, S256 only), approved at once as
// ConsentSubject. With a redirect_uri the answer is a 302 to it carrying code
// and state (or error); without, a JSON body.
func (s *Server) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	for name, v := range q {
		if len(v) > 1 {
			s.writeOAuthError(w, fail(errInvalidRequest, "The parameter "+clip(name)+" is repeated; every parameter may occur only once."))
			return
		}
	}
	c := s.clients[q.Get("client_id")]
	if c == nil {
		s.writeOAuthError(w, fail(errInvalidRequest, "The client_id is missing or not registered, so the lab cannot redirect back."))
		return
	}
	redirect := q.Get("redirect_uri")
	if redirect != "" && !c.acceptsRedirect(redirect) {
		s.writeOAuthError(w, fail(errInvalidRequest, "The redirect_uri is not registered for this client (unregistered clients may only use http URIs on a loopback host)."))
		return
	}
	code, e := s.authorize(c, q, redirect)
	if e != nil {
		if redirect == "" {
			s.writeOAuthError(w, e)
			return
		}
		v := url.Values{"error": {e.code}, "error_description": {sanitize(e.desc)}}
		redirectWith(w, r, redirect, v, q.Get("state"))
		return
	}
	if redirect == "" {
		writeJSON(w, http.StatusOK, authorizeAnswer{Code: code, State: q.Get("state")})
		return
	}
	redirectWith(w, r, redirect, url.Values{"code": {code}}, q.Get("state"))
}

// authorize checks the authorization request of c and issues a code.
func (s *Server) authorize(c *client, q url.Values, redirect string) (string, *oauthError) {
	if rt := q.Get("response_type"); rt != "code" {
		return "", fail("unsupported_response_type", "The response_type must be code.")
	}
	if !c.allows(GrantAuthorizationCode) {
		return "", fail(errUnauthorizedClient, "The client "+c.id+" is not allowed to use the authorization_code grant.")
	}
	challenge := q.Get("code_challenge")
	if !isPKCEValue(challenge) {
		return "", fail(errInvalidRequest, "PKCE is required: send code_challenge, the base64url SHA-256 of a code_verifier of 43 to 128 characters.")
	}
	if q.Get("code_challenge_method") != "S256" {
		return "", fail(errInvalidRequest, "The code_challenge_method must be S256.")
	}
	scope := c.scopes
	if v := q.Get("scope"); v != "" {
		var ok bool
		if scope, ok = parseScope(v); !ok || !subset(scope, c.scopes) {
			return "", fail(errInvalidScope, "The requested scope is malformed or not among the scopes of the client ("+joinScope(c.scopes)+").")
		}
	}
	code := newToken()
	s.mu.Lock()
	now := s.Now()
	s.st.sweep(now)
	s.st.codes[hashToken(code)] = &authCode{
		digest: hashToken(code), client: c, subject: ConsentSubject, scope: scope,
		redirectURI: redirect, challenge: challenge, expires: now.Add(codeTTL),
	}
	s.mu.Unlock()
	s.log(Event{Kind: EventCodeIssued, Client: c.id,
		Message: ConsentSubject + " approved client " + c.id + " for scope " + joinScope(scope) + "; authorization code issued"})
	return code, nil
}

func redirectWith(w http.ResponseWriter, r *http.Request, redirect string, v url.Values, state string) {
	if state != "" {
		v.Set("state", state)
	}
	u, _ := url.Parse(redirect) // checked by acceptsRedirect
	q := u.Query()
	for k, vs := range v {
		q[k] = vs
	}
	u.RawQuery = q.Encode()
	setNoStore(w.Header())
	http.Redirect(w, r, u.String(), http.StatusFound)
}

// acceptsRedirect reports whether uri is one of the client's registered
// redirect URIs or, when it registered none, an http URI on a loopback host.
func (c *client) acceptsRedirect(uri string) bool {
	if len(c.redirectURIs) > 0 {
		return slices.Contains(c.redirectURIs, uri)
	}
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "http" || u.Fragment != "" {
		return false
	}
	if u.Hostname() == "localhost" {
		return true
	}
	ip := net.ParseIP(u.Hostname())
	return ip != nil && ip.IsLoopback()
}

// isPKCEValue reports whether s is 43 to 128 unreserved characters (RFC 7636
// §4.1), the form of both code_verifier and an S256 code_challenge.
func isPKCEValue(s string) bool {
	if len(s) < 43 || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-' || c == '.' || c == '_' || c == '~':
		default:
			return false
		}
	}
	return true
}

// S256 returns the PKCE code challenge of verifier: base64url without padding
// of its SHA-256 (RFC 7636 §4.2).
func S256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// redeemCode serves grant_type=authorization_code for client c: it checks the
// code and the PKCE verifier and starts a new grant. A code presented a second
// time revokes the grant it produced (RFC 6749 §4.1.2).
func (s *Server) redeemCode(c *client, form params) (*tokenResponse, *oauthError) {
	code, verifier := form.get("code"), form.get("code_verifier")
	switch {
	case code == "":
		return nil, fail(errInvalidRequest, "The code parameter is missing.")
	case verifier == "":
		return nil, fail(errInvalidRequest, "The code_verifier parameter is missing; this lab requires PKCE.")
	case !isPKCEValue(verifier):
		return nil, fail(errInvalidRequest, "The code_verifier must be 43 to 128 characters of letters, digits and - . _ ~.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	s.st.sweep(now)
	ac := s.st.codes[hashToken(code)]
	switch {
	case ac == nil:
		return nil, fail(errInvalidGrant, "The authorization code is not known to this server.")
	case ac.client != c:
		return nil, fail(errInvalidGrant, "The authorization code was issued to another client.")
	case ac.grant != nil:
		s.st.revokeGrant(ac.grant)
		s.log(Event{Kind: EventCodeReused, Client: c.id, Grant: ac.grant.id,
			Message: "authorization code used twice: grant " + ac.grant.id + " revoked"})
		return nil, fail(errInvalidGrant, "The authorization code was already used; the tokens issued for it are revoked.")
	case !now.Before(ac.expires):
		return nil, fail(errInvalidGrant, "The authorization code expired.")
	case form.get("redirect_uri") != ac.redirectURI:
		return nil, fail(errInvalidGrant, "The redirect_uri differs from the one sent to /authorize.")
	}
	want := S256(verifier)
	if subtle.ConstantTimeCompare([]byte(want), []byte(ac.challenge)) != 1 {
		return nil, fail(errInvalidGrant, "The code_verifier does not match the code_challenge sent to /authorize.")
	}
	g := s.st.newGrant(c, ac.subject, ac.scope)
	ac.grant = g
	resp := &tokenResponse{
		AccessToken: s.st.addAccess(g, "", ac.scope, now, s.cfg.AccessTokenTTL),
		TokenType:   "Bearer",
		ExpiresIn:   int64(s.cfg.AccessTokenTTL / time.Second),
		Scope:       joinScope(ac.scope),
	}
	msg := "authorization code redeemed: new grant " + g.id + " with an access token"
	if c.allows(GrantRefreshToken) {
		resp.RefreshToken = newToken()
		g.active = s.st.addRefresh(g, resp.RefreshToken, digest{}, now, s.cfg.RefreshTokenTTL)
		msg += " and a refresh token"
	}
	s.log(Event{Kind: EventIssued, Client: c.id, Grant: g.id, Message: msg})
	return resp, nil
}
