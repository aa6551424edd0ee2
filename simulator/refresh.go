package simulator

import (
	"fmt"
	"time"
)

// refresh runs steps 8 to 13 of spec §3 for an authenticated client that may
// use the refresh_token grant. Steps 9 to 13 hold the server lock, so a check
// and the rotation it allows are atomic (P20).
func (s *Server) refresh(c *client, form params) (*tokenResponse, *oauthError) {
	presented := form.get("refresh_token")
	if presented == "" {
		return nil, fail(errInvalidRequest, "The refresh_token parameter is missing.")
	}
	d := hashToken(presented)
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	s.st.sweep(now)
	rt := s.st.refresh[d]
	if rt == nil {
		return nil, fail(errInvalidGrant, "The refresh token is not known to this server.")
	}
	g := rt.grant
	if g.client != c {
		return nil, fail(errInvalidGrant, "The refresh token was issued to another client.")
	}
	grace := false
	switch rt.status {
	case statusRevoked:
		return nil, fail(errInvalidGrant, "The refresh token was revoked.")
	case statusRotated:
		if s.cfg.ReuseGrace > 0 && g.active != nil && g.active.pred == d && now.Sub(rt.rotatedAt) <= s.cfg.ReuseGrace {
			grace = true
			break
		}
		s.st.revokeGrant(g)
		s.log(Event{Kind: EventReuseDetected, Client: c.id, Grant: g.id,
			Message: fmt.Sprintf("reuse detected: refresh token of family %s reused after rotation: family revoked (every refresh and access token of grant %s)", g.id, g.id)})
		return nil, fail(errInvalidGrant, "The refresh token was rotated and has been used again; the grant is revoked.")
	}
	if !now.Before(rt.expires) {
		return nil, fail(errInvalidGrant, "The refresh token expired.")
	}
	scope := g.scope
	if v := form.get("scope"); v != "" {
		requested, ok := parseScope(v)
		if !ok {
			return nil, fail(errInvalidScope, "The scope parameter is malformed: scope tokens are printable ASCII without quote or backslash, separated by single spaces.")
		}
		if !subset(requested, g.scope) {
			return nil, fail(errInvalidScope, "The requested scope exceeds the scope originally granted ("+joinScope(g.scope)+").")
		}
		scope = requested
	}
	return s.issue(now, g, rt, scope, grace), nil
}

// issue issues a new access token of scope for grant g and, when rotating, a
// new refresh token replacing rt (step 13). With grace, rt is the predecessor
// presented again inside the grace window: the successor issued before is
// superseded instead. The caller holds s.mu.
func (s *Server) issue(now time.Time, g *grant, rt *refreshToken, scope []string, grace bool) *tokenResponse {
	resp := &tokenResponse{
		AccessToken: s.st.addAccess(g, "", scope, now, s.cfg.AccessTokenTTL),
		TokenType:   "Bearer",
		ExpiresIn:   int64(s.cfg.AccessTokenTTL / time.Second),
		Scope:       joinScope(scope),
	}
	if !s.cfg.RotateRefreshTokens && !g.client.public {
		s.log(Event{Kind: EventIssued, Client: g.client.id, Grant: g.id,
			Message: "new access token (scope " + resp.Scope + "); rotation is off, the refresh token stays valid"})
		return resp
	}
	resp.RefreshToken = newToken()
	previous := rt
	if grace {
		previous = g.active
	}
	previous.status, previous.rotatedAt = statusRotated, now
	if s.cfg.RevokeAccessTokensOnRotation {
		for _, at := range g.access[:len(g.access)-1] {
			at.revoked = true
		}
	}
	g.active = s.st.addRefresh(g, resp.RefreshToken, rt.digest, now, s.cfg.RefreshTokenTTL)
	msg := "new access token (scope " + resp.Scope + ") and new refresh token; the old refresh token is rotated out"
	kind := EventIssued
	if grace {
		kind = EventGraceRetry
		msg = "grace retry: the previous refresh token came back inside the grace window; a fresh pair is issued and the successor issued before is superseded"
	}
	s.log(Event{Kind: kind, Client: g.client.id, Grant: g.id, Message: msg})
	return resp
}
