package simulator

import "net/http"

// metadata is the authorization server metadata of RFC 8414 §2. No member
// is an empty list (RFC 8414 §3.2).
type metadata struct {
	Issuer                                    string   `json:"issuer"`
	TokenEndpoint                             string   `json:"token_endpoint"`
	AuthorizationEndpoint                     string   `json:"authorization_endpoint"`
	RevocationEndpoint                        string   `json:"revocation_endpoint"`
	IntrospectionEndpoint                     string   `json:"introspection_endpoint"`
	GrantTypesSupported                       []string `json:"grant_types_supported"`
	ResponseTypesSupported                    []string `json:"response_types_supported"`
	CodeChallengeMethodsSupported             []string `json:"code_challenge_methods_supported"`
	ScopesSupported                           []string `json:"scopes_supported,omitempty"`
	TokenEndpointAuthMethodsSupported         []string `json:"token_endpoint_auth_methods_supported"`
	RevocationEndpointAuthMethodsSupported    []string `json:"revocation_endpoint_auth_methods_supported"`
	IntrospectionEndpointAuthMethodsSupported []string `json:"introspection_endpoint_auth_methods_supported"`
}

// handleMetadata serves GET /.well-known/oauth-authorization-server. The
// issuer is the base URL the request was sent to, so it matches exactly
// whatever port the lab listens on.
func (s *Server) handleMetadata(w http.ResponseWriter, r *http.Request) {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	base := scheme + "://" + r.Host
	auth := []string{"client_secret_basic", "client_secret_post", "none"}
	writeJSON(w, http.StatusOK, metadata{
		Issuer:                                    base,
		TokenEndpoint:                             base + "/token",
		AuthorizationEndpoint:                     base + "/authorize",
		RevocationEndpoint:                        base + "/revoke",
		IntrospectionEndpoint:                     base + "/introspect",
		GrantTypesSupported:                       []string{GrantAuthorizationCode, GrantRefreshToken},
		ResponseTypesSupported:                    []string{"code"},
		CodeChallengeMethodsSupported:             []string{"S256"},
		ScopesSupported:                           s.scopes,
		TokenEndpointAuthMethodsSupported:         auth,
		RevocationEndpointAuthMethodsSupported:    auth,
		IntrospectionEndpointAuthMethodsSupported: auth[:2],
	})
}
