package simulator

import (
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
)

// maxBody is the largest request body read (spec step 2: 64 KiB).
const maxBody = 64 << 10

// OAuth 2.0 error codes (RFC 6749 §5.2, RFC 6750 §3.1).
const (
	errInvalidRequest       = "invalid_request"
	errInvalidClient        = "invalid_client"
	errInvalidGrant         = "invalid_grant"
	errUnauthorizedClient   = "unauthorized_client"
	errUnsupportedGrantType = "unsupported_grant_type"
	errInvalidScope         = "invalid_scope"
	errInvalidToken         = "invalid_token"
	errInsufficientScope    = "insufficient_scope"
)

// oauthError is an error answer of the token, revocation or introspection
// endpoint: status 400 unless the code is invalid_client (401).
type oauthError struct {
	status int // 0 for the status the code implies
	code   string
	desc   string // one sentence for the learner; sanitized when written
}

func fail(code, desc string) *oauthError { return &oauthError{code: code, desc: desc} }

// params are the parameters of a form body whose names all occur once.
type params url.Values

// get returns the value of name, "" when absent or empty (RFC 6749 §3.2:
// "Parameters sent without a value MUST be treated as if they were omitted").
func (p params) get(name string) string {
	if v := p[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// readForm runs steps 1 to 4 of the token endpoint (spec §3): method, media
// type and size of the body, no client_secret in the URI, no repeated
// parameter. It is shared by /token, /revoke and /introspect.
func readForm(w http.ResponseWriter, r *http.Request) (params, *oauthError) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return nil, &oauthError{status: http.StatusMethodNotAllowed, code: errInvalidRequest, desc: "This endpoint only accepts POST (RFC 6749 section 3.2)."}
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/x-www-form-urlencoded" {
		return nil, fail(errInvalidRequest, "The body must be sent as application/x-www-form-urlencoded.")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, fail(errInvalidRequest, "The body is larger than 64 KiB.")
		}
		return nil, fail(errInvalidRequest, "The body could not be read.")
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, fail(errInvalidRequest, "The body is not valid application/x-www-form-urlencoded data (check the percent-escapes).")
	}
	if r.URL.Query().Has("client_secret") {
		return nil, fail(errInvalidRequest, "The client secret must not be sent in the request URI (RFC 6749 section 2.3.1).")
	}
	for name, values := range form {
		if len(values) > 1 {
			return nil, fail(errInvalidRequest, "The parameter "+clip(name)+" is repeated; every parameter may occur only once.")
		}
	}
	return params(form), nil
}

// clip shortens a name taken from the request before it is echoed back.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// sanitize keeps only the characters RFC 6749 §5.2 allows in error and
// error_description (%x20-21 / %x23-5B / %x5D-7E).
func sanitize(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			b[i] = '?'
		}
	}
	return string(b)
}

// setNoStore sets the cache headers of RFC 6749 §5.1.
func setNoStore(h http.Header) {
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
}

// writeJSON writes v as the JSON body of an answer with the cache headers.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// Only values of this package are written; they always marshal.
		panic("simulator: marshal a response: " + err.Error())
	}
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=UTF-8")
	setNoStore(h)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// errorBody is the JSON body of an error (RFC 6749 §5.2).
type errorBody struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// writeOAuthError writes e as RFC 6749 §5.2 describes, with the lab's pinned
// statuses: 401 and a Basic challenge for invalid_client (P2), e.status when
// set (405 for P1), 400 otherwise.
func (s *Server) writeOAuthError(w http.ResponseWriter, e *oauthError) {
	status := cmp.Or(e.status, http.StatusBadRequest)
	if e.code == errInvalidClient {
		status = http.StatusUnauthorized
		w.Header().Set("WWW-Authenticate", `Basic realm="`+s.cfg.Realm+`"`)
	}
	writeJSON(w, status, errorBody{Error: e.code, ErrorDescription: sanitize(e.desc)})
}
