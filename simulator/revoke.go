package simulator

import "net/http"

// handleRevoke serves POST /revoke (RFC 7009). The client authenticates as at
// the token endpoint (public clients by client_id). A refresh token revokes
// its whole grant; an access token only itself. Unknown tokens are answered
// 200 as the RFC requires; another client's token is refused with
// unauthorized_client (P16). token_type_hint is accepted and needs no use:
// both token types are looked up by digest.
func (s *Server) handleRevoke(w http.ResponseWriter, r *http.Request) {
	if e := s.revoke(w, r); e != nil {
		s.writeOAuthError(w, e)
		return
	}
	setNoStore(w.Header())
	w.WriteHeader(http.StatusOK)
}

func (s *Server) revoke(w http.ResponseWriter, r *http.Request) *oauthError {
	form, e := readForm(w, r)
	if e != nil {
		return e
	}
	c, e := s.authenticate(r, form)
	if e != nil {
		return e
	}
	tok := form.get("token")
	if tok == "" {
		return fail(errInvalidRequest, "The token parameter is missing.")
	}
	d := hashToken(tok)
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	s.st.sweep(now)
	if rt := s.st.refresh[d]; rt != nil {
		if rt.grant.client != c {
			return fail(errUnauthorizedClient, "The token was issued to another client; it is left untouched.")
		}
		s.st.revokeGrant(rt.grant)
		s.log(Event{Kind: EventRevoked, Client: c.id, Grant: rt.grant.id,
			Message: "refresh token revoked: grant " + rt.grant.id + " and all its tokens are revoked"})
		return nil
	}
	if at := s.st.access[d]; at != nil {
		if at.grant.client != c {
			return fail(errUnauthorizedClient, "The token was issued to another client; it is left untouched.")
		}
		at.revoked = true
		s.log(Event{Kind: EventRevoked, Client: c.id, Grant: at.grant.id, Message: "access token revoked"})
	}
	return nil
}
