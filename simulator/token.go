package simulator

import "net/http"

// tokenResponse is the JSON body of a successful token response (RFC 6749
// §5.1), members in the order the spec pins.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
	RefreshToken string `json:"refresh_token,omitempty"`
	Scope        string `json:"scope"`
}

// handleToken serves POST /token in the order of spec §3.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	resp, e := s.token(w, r)
	if e != nil {
		s.writeOAuthError(w, e)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) (*tokenResponse, *oauthError) {
	form, e := readForm(w, r)
	if e != nil {
		return nil, e
	}
	gt := form.get("grant_type")
	switch gt {
	case "":
		return nil, fail(errInvalidRequest, "The grant_type parameter is missing.")
	case GrantRefreshToken, GrantAuthorizationCode:
	default:
		return nil, fail(errUnsupportedGrantType, "The grant type "+clip(gt)+" is not supported; this lab knows refresh_token and authorization_code.")
	}
	c, e := s.authenticate(r, form)
	if e != nil {
		return nil, e
	}
	if !c.allows(gt) {
		return nil, fail(errUnauthorizedClient, "The client "+c.id+" is not allowed to use the "+gt+" grant.")
	}
	if gt == GrantAuthorizationCode {
		return s.redeemCode(c, form)
	}
	return s.refresh(c, form)
}
