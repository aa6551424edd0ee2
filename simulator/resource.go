package simulator

import (
	"net/http"
	"slices"
	"strings"
)

// resourceBody is the JSON body of a resource server error: the
// WWW-Authenticate header is the normative part, the body is for the lab.
type resourceBody struct {
	Error            string `json:"error,omitempty"`
	ErrorDescription string `json:"error_description"`
}

// me is the JSON body of a successful resource request.
type me struct {
	Sub      string `json:"sub"`
	ClientID string `json:"client_id"`
	Scope    string `json:"scope"`
}

// challenge is an RFC 6750 §3 answer of the resource server.
type challenge struct {
	status int
	code   string // empty when the request carried no token
	desc   string
	scope  string // for insufficient_scope
}

// resource returns the handler of a protected resource that needs scope
// need. Tokens are checked against the server's store in-process, so a
// revocation takes effect at once.
func (s *Server) resource(need string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, ch := s.access(r, need)
		if ch != nil {
			s.writeChallenge(w, ch)
			return
		}
		writeJSON(w, http.StatusOK, body)
	}
}

func (s *Server) access(r *http.Request, need string) (*me, *challenge) {
	tok, ch := s.bearerToken(r)
	if ch != nil {
		return nil, ch
	}
	d := hashToken(tok)
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	at := s.st.access[d]
	switch {
	case at == nil && s.st.refresh[d] != nil:
		return nil, invalidToken("Refresh tokens are not accepted by resource servers")
	case at == nil:
		return nil, invalidToken("The access token is not valid")
	case at.revoked:
		return nil, invalidToken("The access token was revoked")
	case !now.Before(at.expires):
		return nil, invalidToken("The access token expired")
	case !slices.Contains(at.scope, need):
		return nil, &challenge{status: http.StatusForbidden, code: errInsufficientScope,
			desc: "The access token lacks the scope " + need, scope: need}
	}
	return &me{Sub: at.grant.subject, ClientID: at.grant.client.id, Scope: joinScope(at.scope)}, nil
}

func invalidToken(desc string) *challenge {
	return &challenge{status: http.StatusUnauthorized, code: errInvalidToken, desc: desc}
}

// bearerToken finds the access token of r (P18): the Authorization header
// with the Bearer scheme or, discouraged, the access_token query parameter.
func (s *Server) bearerToken(r *http.Request) (string, *challenge) {
	var header string
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, rest, _ := strings.Cut(h, " ")
		if strings.EqualFold(scheme, "Bearer") {
			header = strings.TrimLeft(rest, " ")
			if !isB64Token(header) {
				return "", &challenge{status: http.StatusBadRequest, code: errInvalidRequest,
					desc: "The Bearer credentials are missing or malformed"}
			}
		}
	}
	query := r.URL.Query()
	if len(query["access_token"]) > 1 {
		return "", &challenge{status: http.StatusBadRequest, code: errInvalidRequest,
			desc: "The access_token parameter is repeated"}
	}
	fromQuery := query.Get("access_token")
	switch {
	case header != "" && fromQuery != "":
		return "", &challenge{status: http.StatusBadRequest, code: errInvalidRequest,
			desc: "The access token was sent twice, in the header and in the query; use one method"}
	case header != "":
		return header, nil
	case fromQuery != "":
		s.log(Event{Kind: EventDiscouraged, Message: "access token sent in the URI query (RFC 6750 section 2.3: SHOULD NOT be used); send it in the Authorization header"})
		return fromQuery, nil
	}
	return "", &challenge{status: http.StatusUnauthorized,
		desc: "This resource needs an access token: send Authorization: Bearer followed by the token"}
}

// writeChallenge writes ch with its WWW-Authenticate header (RFC 6750 §3).
func (s *Server) writeChallenge(w http.ResponseWriter, ch *challenge) {
	v := `Bearer realm="` + s.cfg.Realm + `"`
	if ch.code != "" {
		v += `, error="` + ch.code + `"`
		if ch.scope != "" {
			v += `, scope="` + ch.scope + `"`
		} else {
			v += `, error_description="` + ch.desc + `"`
		}
	}
	w.Header().Set("WWW-Authenticate", v)
	writeJSON(w, ch.status, resourceBody{Error: ch.code, ErrorDescription: ch.desc})
}
