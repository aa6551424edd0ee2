package simulator

import (
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// authenticate runs step 6 of spec §3: it identifies and authenticates the
// client by client_secret_basic, client_secret_post or, for a public client,
// client_id alone. Every invalid_client is counted per known client (P19).
func (s *Server) authenticate(r *http.Request, form params) (*client, *oauthError) {
	var (
		id, secret string
		basic      bool
	)
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, creds, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Basic") {
			return nil, s.authFailure("", "The Authorization scheme "+clip(scheme)+" is not supported here; use Basic or the client_id and client_secret body parameters.")
		}
		var err *oauthError
		if id, secret, err = decodeBasic(strings.TrimLeft(creds, " ")); err != nil {
			return nil, err
		}
		basic = true
	}
	bodyID, bodySecret := form.get("client_id"), form.get("client_secret")
	switch {
	case basic && bodySecret != "":
		return nil, fail(errInvalidRequest, "The client authenticated twice, with Basic and with client_secret in the body; use one method only (RFC 6749 section 2.3).")
	case basic && bodyID != "" && bodyID != id:
		return nil, fail(errInvalidRequest, "The client_id in the body differs from the client id in the Basic header.")
	case bodySecret != "" && bodyID == "":
		return nil, fail(errInvalidRequest, "A client_secret in the body needs a client_id beside it.")
	}
	presented := secret
	if !basic {
		id, presented = bodyID, bodySecret
	}
	if id == "" {
		return nil, s.authFailure("", "The client did not identify itself; send Basic credentials or a client_id.")
	}
	c := s.clients[id]
	if c != nil && s.cfg.LockoutAfter > 0 {
		s.mu.Lock()
		locked := s.failures[id] >= s.cfg.LockoutAfter
		s.mu.Unlock()
		if locked {
			return nil, s.authFailure(id, fmt.Sprintf("The client %s is locked out after %d failed authentications (lab knob lockout_after); POST /lab/reset unlocks it.", id, s.cfg.LockoutAfter))
		}
	}
	switch {
	case c == nil:
		return nil, s.authFailure("", "The client "+clip(id)+" is not registered.")
	case c.public && presented != "":
		return nil, s.authFailure(id, "The client "+id+" is public and has no secret; send client_id alone.")
	case c.public:
		return c, nil
	case presented == "":
		return nil, s.authFailure(id, "The client "+id+" is confidential and must send its secret.")
	}
	given := hashToken(presented)
	if subtle.ConstantTimeCompare(given[:], c.secret[:]) != 1 {
		return nil, s.authFailure(id, "The client secret is wrong (with Basic, id and secret must be form-encoded before base64, RFC 6749 section 2.3.1).")
	}
	return c, nil
}

// decodeBasic decodes Basic credentials as RFC 6749 §2.3.1 requires: base64
// (standard alphabet, padded), split at the first colon, then form-decoding of
// each half. Any failure is invalid_request (P3).
func decodeBasic(creds string) (id, secret string, e *oauthError) {
	raw, err := base64.StdEncoding.Strict().DecodeString(creds)
	if err != nil {
		return "", "", fail(errInvalidRequest, "The Basic credentials are not valid base64.")
	}
	rawID, rawSecret, ok := strings.Cut(string(raw), ":")
	if !ok {
		return "", "", fail(errInvalidRequest, "The Basic credentials have no colon between client id and secret.")
	}
	if id, err = url.QueryUnescape(rawID); err != nil {
		return "", "", fail(errInvalidRequest, "The client id in the Basic credentials has an invalid percent-escape.")
	}
	if secret, err = url.QueryUnescape(rawSecret); err != nil {
		return "", "", fail(errInvalidRequest, "The client secret in the Basic credentials has an invalid percent-escape.")
	}
	return id, secret, nil
}

// authFailure records a failed client authentication and returns the
// invalid_client error. Failures are counted only for registered client ids so
// that the counters stay bounded.
func (s *Server) authFailure(id, desc string) *oauthError {
	n := 0
	if id != "" {
		s.mu.Lock()
		s.failures[id]++
		n = s.failures[id]
		s.mu.Unlock()
	}
	msg := "client authentication failed: " + desc
	if n > 0 {
		msg = fmt.Sprintf("client authentication failed (%d so far for %s): %s", n, id, desc)
	}
	s.log(Event{Kind: EventAuthFailure, Client: id, Message: sanitize(msg)})
	return fail(errInvalidClient, desc)
}
