package simulator

import "net/http"

// introspection is the JSON body of an introspection answer (RFC 7662 §2.2).
// An inactive token gets exactly {"active":false}.
type introspection struct {
	Active    bool   `json:"active"`
	Scope     string `json:"scope,omitempty"`
	ClientID  string `json:"client_id,omitempty"`
	Username  string `json:"username,omitempty"`
	Sub       string `json:"sub,omitempty"`
	TokenType string `json:"token_type,omitempty"`
	Exp       int64  `json:"exp,omitempty"`
	Iat       int64  `json:"iat,omitempty"`
}

// handleIntrospect serves POST /introspect (RFC 7662) for authenticated
// confidential clients (P17). A client only sees its own active tokens;
// anything else is {"active":false}.
func (s *Server) handleIntrospect(w http.ResponseWriter, r *http.Request) {
	answer, e := s.introspect(w, r)
	if e != nil {
		s.writeOAuthError(w, e)
		return
	}
	writeJSON(w, http.StatusOK, answer)
}

func (s *Server) introspect(w http.ResponseWriter, r *http.Request) (*introspection, *oauthError) {
	form, e := readForm(w, r)
	if e != nil {
		return nil, e
	}
	c, e := s.authenticate(r, form)
	if e != nil {
		return nil, e
	}
	if c.public {
		return nil, s.authFailure(c.id, "Introspection is only open to confidential clients; "+c.id+" is public.")
	}
	tok := form.get("token")
	if tok == "" {
		return nil, fail(errInvalidRequest, "The token parameter is missing.")
	}
	d := hashToken(tok)
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	if at := s.st.access[d]; at != nil && !at.revoked && now.Before(at.expires) && at.grant.client == c {
		return &introspection{
			Active: true, Scope: joinScope(at.scope), ClientID: c.id, Username: at.grant.subject,
			Sub: at.grant.subject, TokenType: "Bearer", Exp: at.expires.Unix(), Iat: at.issued.Unix(),
		}, nil
	}
	if rt := s.st.refresh[d]; rt != nil && rt.status == statusActive && now.Before(rt.expires) && rt.grant.client == c {
		return &introspection{
			Active: true, Scope: joinScope(rt.grant.scope), ClientID: c.id, Username: rt.grant.subject,
			Sub: rt.grant.subject, Exp: rt.expires.Unix(), Iat: rt.issued.Unix(),
		}, nil
	}
	return &introspection{}, nil
}
