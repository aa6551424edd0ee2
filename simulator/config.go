package simulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Grant type names, as sent in grant_type and listed in a client's grants.
const (
	GrantAuthorizationCode = "authorization_code"
	GrantRefreshToken      = "refresh_token"
)

// Limits of the lab's knobs (spec/oauth-refresh.md §2, P7 and P9).
const (
	MinAccessTokenTTL = time.Second
	MaxReuseGrace     = 60 * time.Second
)

// Config is everything a [Server] starts from: the knobs and the seeded clients
// and grants. [DefaultConfig] returns the lab's fixtures; [ParseConfig] reads
// the JSON form used by `recall serve --config`. A Config is a plain value: the
// server copies it and never changes the caller's.
type Config struct {
	// AccessTokenTTL is the lifetime (expires_in) of issued access tokens; at
	// least one second.
	AccessTokenTTL time.Duration
	// RefreshTokenTTL is the lifetime of each issued refresh token, renewed
	// for every new refresh token (sliding); more than zero.
	RefreshTokenTTL time.Duration
	// RotateRefreshTokens issues a new refresh token on every refresh.
	// Public clients always rotate, whatever this says.
	RotateRefreshTokens bool
	// ReuseGrace is how long after its rotation the immediate predecessor of
	// a grant's active refresh token is still accepted (as a retry) instead
	// of being treated as reuse; 0 to 60 seconds.
	ReuseGrace time.Duration
	// RevokeAccessTokensOnRotation revokes a grant's older access tokens when
	// its refresh token is rotated.
	RevokeAccessTokensOnRotation bool
	// Realm is the realm of the Basic and Bearer challenges; "recall" when empty.
	Realm string
	// LockoutAfter locks a client out (every authentication then fails with
	// invalid_client) after this many failed authentications; 0, the
	// default, never locks (P19). POST /lab/reset unlocks.
	LockoutAfter int
	// Clients are the registered clients.
	Clients []ClientConfig
	// Grants are the grants (token families) seeded at start and at reset.
	Grants []GrantConfig
}

// ClientConfig registers one client.
type ClientConfig struct {
	ID     string   // client_id
	Secret string   // client secret of a confidential client; empty for a public one
	Public bool     // a public client authenticates with client_id alone (method "none")
	Grants []string // allowed grant types: GrantAuthorizationCode, GrantRefreshToken
	Scopes []string // scopes the client may be granted
	// RedirectURIs are the exact redirect URIs accepted at /authorize. When
	// empty, any http URI on a loopback host is accepted.
	RedirectURIs []string
}

// GrantConfig seeds one grant: a user's consent to a client, with its tokens.
type GrantConfig struct {
	ID           string // grant (token family) id; "G1", "G2", … by position when empty
	Client       string // client id
	Subject      string // the resource owner (sub)
	Scope        string // space-separated original scope; all the client's scopes when empty
	RefreshToken string // the seeded refresh token; generated when empty
	AccessToken  string // the seeded access token; generated when empty
	// AccessTokenExpiresIn is the seeded access token's remaining lifetime;
	// negative for an already expired token, zero for AccessTokenTTL.
	AccessTokenExpiresIn time.Duration
	// RefreshTokenExpiresIn is the seeded refresh token's remaining lifetime;
	// negative for an already expired token, zero for RefreshTokenTTL.
	RefreshTokenExpiresIn time.Duration
}

// fileConfig is the JSON form of Config. Pointers tell omitted from zero, and
// durations are strings so that an error can name the field.
type fileConfig struct {
	AccessTokenTTL               *string      `json:"access_token_ttl"`
	RefreshTokenTTL              *string      `json:"refresh_token_ttl"`
	RotateRefreshTokens          *bool        `json:"rotate_refresh_tokens"`
	ReuseGrace                   *string      `json:"reuse_grace"`
	RevokeAccessTokensOnRotation *bool        `json:"revoke_access_tokens_on_rotation"`
	Realm                        *string      `json:"realm"`
	LockoutAfter                 *int         `json:"lockout_after"`
	Clients                      []fileClient `json:"clients"`
	Grants                       []fileGrant  `json:"grants"`
}

type fileClient struct {
	ID           string   `json:"id"`
	Secret       string   `json:"secret"`
	Public       bool     `json:"public"`
	Grants       []string `json:"grants"`
	Scopes       []string `json:"scopes"`
	RedirectURIs []string `json:"redirect_uris"`
}

type fileGrant struct {
	ID                    string `json:"id"`
	Client                string `json:"client"`
	Subject               string `json:"subject"`
	Scope                 string `json:"scope"`
	RefreshToken          string `json:"refresh_token"`
	AccessToken           string `json:"access_token"`
	AccessTokenExpiresIn  string `json:"access_token_expires_in"`
	RefreshTokenExpiresIn string `json:"refresh_token_expires_in"`
}

// ParseConfig reads the JSON configuration of `recall serve --config`. Knobs
// left out keep the defaults of [DefaultConfig]; the clients and grants of the
// file replace the fixtures. Durations are Go durations ("5m", "-1h"). An
// invalid file is refused with an error naming the field and the reason.
func ParseConfig(data []byte) (Config, error) {
	var f fileConfig
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return Config{}, fmt.Errorf("config: %w", describeJSONError(data, err))
	}
	if dec.More() {
		return Config{}, errors.New("config: unexpected data after the JSON object")
	}
	cfg := DefaultConfig()
	cfg.Clients, cfg.Grants = nil, nil
	durations := []struct {
		name string
		src  *string
		dst  *time.Duration
	}{
		{"access_token_ttl", f.AccessTokenTTL, &cfg.AccessTokenTTL},
		{"refresh_token_ttl", f.RefreshTokenTTL, &cfg.RefreshTokenTTL},
		{"reuse_grace", f.ReuseGrace, &cfg.ReuseGrace},
	}
	for _, d := range durations {
		if d.src == nil {
			continue
		}
		v, err := parseDuration(d.name, *d.src)
		if err != nil {
			return Config{}, err
		}
		*d.dst = v
	}
	if f.RotateRefreshTokens != nil {
		cfg.RotateRefreshTokens = *f.RotateRefreshTokens
	}
	if f.RevokeAccessTokensOnRotation != nil {
		cfg.RevokeAccessTokensOnRotation = *f.RevokeAccessTokensOnRotation
	}
	if f.Realm != nil {
		cfg.Realm = *f.Realm
	}
	if f.LockoutAfter != nil {
		cfg.LockoutAfter = *f.LockoutAfter
	}
	for _, c := range f.Clients {
		cfg.Clients = append(cfg.Clients, ClientConfig(c))
	}
	for i, g := range f.Grants {
		gc := GrantConfig{
			ID: g.ID, Client: g.Client, Subject: g.Subject, Scope: g.Scope,
			RefreshToken: g.RefreshToken, AccessToken: g.AccessToken,
		}
		var err error
		if g.AccessTokenExpiresIn != "" {
			name := fmt.Sprintf("grants[%d].access_token_expires_in", i)
			if gc.AccessTokenExpiresIn, err = parseDuration(name, g.AccessTokenExpiresIn); err != nil {
				return Config{}, err
			}
		}
		if g.RefreshTokenExpiresIn != "" {
			name := fmt.Sprintf("grants[%d].refresh_token_expires_in", i)
			if gc.RefreshTokenExpiresIn, err = parseDuration(name, g.RefreshTokenExpiresIn); err != nil {
				return Config{}, err
			}
		}
		cfg.Grants = append(cfg.Grants, gc)
	}
	if len(cfg.Clients) == 0 {
		return Config{}, errors.New("config: clients: at least one client is needed")
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

func parseDuration(field, s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("config: %s: %q is not a Go duration such as \"90s\" or \"5m\"", field, s)
	}
	return d, nil
}

// describeJSONError turns a decoding error into plain words with a position.
func describeJSONError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := position(data, syn.Offset-1) // Offset counts the offending byte
		return fmt.Errorf("line %d, column %d: %v", line, col, syn)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "the top level"
		}
		return fmt.Errorf("%s: expected %s, found a JSON %s", field, describeType(typ.Type.String()), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errors.New("the file is empty or ends in the middle of the JSON object")
	}
	return err
}

func describeType(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.Contains(t, "string"):
		return "a string"
	case strings.Contains(t, "bool"):
		return "true or false"
	}
	return "an object"
}

// position returns the 1-based line and column of the byte at offset.
func position(data []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for _, b := range data[:max(0, min(int(offset), len(data)))] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// Validate reports the first problem of c, naming the field as it is spelled
// in the JSON form ("clients[1].secret") and the reason.
func (c Config) Validate() error {
	if err := c.validateKnobs(); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	clients := map[string]ClientConfig{}
	for i, cl := range c.Clients {
		if err := validateClient(cl, clients); err != nil {
			return fmt.Errorf("config: clients[%d].%w", i, err)
		}
		clients[cl.ID] = cl
	}
	ids := map[string]bool{}
	tokens := map[string]string{}
	for i, g := range c.Grants {
		if err := validateGrant(i, g, clients, ids, tokens); err != nil {
			return fmt.Errorf("config: grants[%d].%w", i, err)
		}
	}
	return nil
}

func (c Config) validateKnobs() error {
	switch {
	case c.AccessTokenTTL < MinAccessTokenTTL:
		return fmt.Errorf("access_token_ttl: %v is too short; it must be at least 1s", c.AccessTokenTTL)
	case c.RefreshTokenTTL <= 0:
		return fmt.Errorf("refresh_token_ttl: %v must be more than zero", c.RefreshTokenTTL)
	case c.ReuseGrace < 0 || c.ReuseGrace > MaxReuseGrace:
		return fmt.Errorf("reuse_grace: %v is outside the allowed range 0s to 60s", c.ReuseGrace)
	case strings.ContainsAny(c.Realm, "\"\\") || !isPrintableASCII(c.Realm):
		return errors.New("realm: only printable ASCII without quote and backslash is allowed")
	case c.LockoutAfter < 0:
		return fmt.Errorf("lockout_after: %d must be 0 (off) or more", c.LockoutAfter)
	}
	return nil
}

func validateClient(cl ClientConfig, seen map[string]ClientConfig) error {
	switch {
	case cl.ID == "":
		return errors.New("id: missing; every client needs an id")
	case !isPrintableASCII(cl.ID):
		return fmt.Errorf("id: %q may only contain printable ASCII characters", cl.ID)
	case seen[cl.ID].ID != "":
		return fmt.Errorf("id: %q is used by two clients", cl.ID)
	case cl.Public && cl.Secret != "":
		return errors.New("secret: a public client has no secret; remove it or drop \"public\": true")
	case !cl.Public && cl.Secret == "":
		return errors.New("secret: missing; a confidential client needs a secret (or set \"public\": true)")
	case len(cl.Grants) == 0:
		return errors.New("grants: missing; list authorization_code, refresh_token or both")
	}
	for j, g := range cl.Grants {
		if g != GrantAuthorizationCode && g != GrantRefreshToken {
			return fmt.Errorf("grants[%d]: %q is not a grant type of the lab (authorization_code, refresh_token)", j, g)
		}
	}
	for j, s := range cl.Scopes {
		if !isScopeToken(s) {
			return fmt.Errorf("scopes[%d]: %q is not a scope token (printable ASCII without space, quote or backslash)", j, s)
		}
	}
	for j, u := range cl.RedirectURIs {
		p, err := url.Parse(u)
		if err != nil || !p.IsAbs() || p.Fragment != "" {
			return fmt.Errorf("redirect_uris[%d]: %q is not an absolute URI without fragment", j, u)
		}
	}
	return nil
}

func validateGrant(i int, g GrantConfig, clients map[string]ClientConfig, ids map[string]bool, tokens map[string]string) error {
	id := g.ID
	if id == "" {
		id = fmt.Sprintf("G%d", i+1)
	}
	cl, ok := clients[g.Client]
	switch {
	case ids[id]:
		return fmt.Errorf("id: %q is used by two grants", id)
	case g.Client == "":
		return errors.New("client: missing; name the client the grant was given to")
	case !ok:
		return fmt.Errorf("client: %q is not among the clients", g.Client)
	case g.Subject == "":
		return errors.New("subject: missing; name the user who consented (for example \"alice\")")
	}
	ids[id] = true
	if g.Scope != "" {
		scope, ok := parseScope(g.Scope)
		if !ok {
			return fmt.Errorf("scope: %q is not a space-separated list of scope tokens", g.Scope)
		}
		for _, s := range scope {
			if !slices.Contains(cl.Scopes, s) {
				return fmt.Errorf("scope: %q is not among the scopes of client %q", s, g.Client)
			}
		}
	}
	for _, t := range []struct{ name, value string }{{"refresh_token", g.RefreshToken}, {"access_token", g.AccessToken}} {
		if t.value == "" {
			continue
		}
		if !isB64Token(t.value) {
			return fmt.Errorf("%s: %q may only contain letters, digits and - . _ ~ + / (then =)", t.name, t.value)
		}
		if other, dup := tokens[t.value]; dup {
			return fmt.Errorf("%s: %q is already used as %s", t.name, t.value, other)
		}
		tokens[t.value] = fmt.Sprintf("grants[%d].%s", i, t.name)
	}
	return nil
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
