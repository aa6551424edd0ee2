package simulator

import (
	"cmp"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"
)

// historyLimit bounds how many refresh tokens (active, rotated or revoked) and
// how many access tokens one grant keeps. Older ones are forgotten: a forgotten
// refresh token is answered as unknown (still invalid_grant, but without
// reuse detection) and a forgotten access token as not valid. Together with the
// sweep of expired tokens this keeps memory bounded.
const historyLimit = 1024

// sweepInterval is how much lab time passes between two sweeps of expired
// tokens, codes and empty grants.
const sweepInterval = time.Minute

// digest is the SHA-256 of a token: tokens are stored only as digests (P8).
type digest [sha256.Size]byte

func hashToken(tok string) digest { return sha256.Sum256([]byte(tok)) }

// newToken returns 32 bytes from crypto/rand as base64url without padding (43
// characters).
func newToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // never fails since Go 1.24 (it crashes the program instead)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// client is a registered client; clients never change after New.
type client struct {
	id           string
	secret       digest // SHA-256 of the secret of a confidential client
	public       bool
	grants       []string
	scopes       []string
	redirectURIs []string
}

func (c *client) allows(grantType string) bool { return slices.Contains(c.grants, grantType) }

// grant is a user's consent to a client: the "token family" of RFC 9700.
type grant struct {
	id      string
	client  *client
	subject string
	scope   []string // the original scope; rotated refresh tokens keep it
	revoked bool
	active  *refreshToken   // the refresh token to present next; nil if none
	refresh []*refreshToken // retained refresh tokens, oldest first
	access  []*accessToken  // retained access tokens, oldest first
}

type tokenStatus int

const (
	statusActive tokenStatus = iota
	statusRotated
	statusRevoked
)

type refreshToken struct {
	digest    digest
	grant     *grant
	pred      digest // the refresh token it replaced; zero for a seeded one
	status    tokenStatus
	issued    time.Time
	expires   time.Time
	rotatedAt time.Time
}

type accessToken struct {
	digest  digest
	grant   *grant
	scope   []string
	issued  time.Time
	expires time.Time
	revoked bool
}

// authCode is an authorization code issued by /authorize.
type authCode struct {
	digest      digest
	client      *client
	subject     string
	scope       []string
	redirectURI string // as sent to /authorize; empty when none was sent
	challenge   string // PKCE S256 code challenge
	expires     time.Time
	grant       *grant // the grant issued when the code was redeemed
}

// state is everything a reset restores. It is guarded by Server.mu.
type state struct {
	grants    map[string]*grant
	refresh   map[digest]*refreshToken
	access    map[digest]*accessToken
	codes     map[digest]*authCode
	nextGrant int
	lastSweep time.Time
}

// newState seeds the grants of cfg at lab time now.
func newState(cfg Config, clients map[string]*client, now time.Time) *state {
	st := &state{
		grants:    map[string]*grant{},
		refresh:   map[digest]*refreshToken{},
		access:    map[digest]*accessToken{},
		codes:     map[digest]*authCode{},
		lastSweep: now,
	}
	for _, gc := range cfg.Grants {
		cl := clients[gc.Client]
		scope := cl.scopes
		if gc.Scope != "" {
			scope, _ = parseScope(gc.Scope)
		}
		g := &grant{id: gc.ID, client: cl, subject: gc.Subject, scope: scope}
		st.grants[g.id] = g
		atTTL := cmp.Or(gc.AccessTokenExpiresIn, cfg.AccessTokenTTL)
		st.addAccess(g, gc.AccessToken, scope, now, atTTL)
		rtTTL := cmp.Or(gc.RefreshTokenExpiresIn, cfg.RefreshTokenTTL)
		g.active = st.addRefresh(g, gc.RefreshToken, digest{}, now, rtTTL)
	}
	st.nextGrant = len(cfg.Grants) + 1
	return st
}

// newGrant starts a new token family for a redeemed authorization code.
func (st *state) newGrant(cl *client, subject string, scope []string) *grant {
	id := fmt.Sprintf("G%d", st.nextGrant)
	for st.grants[id] != nil {
		st.nextGrant++
		id = fmt.Sprintf("G%d", st.nextGrant)
	}
	st.nextGrant++
	g := &grant{id: id, client: cl, subject: subject, scope: scope}
	st.grants[id] = g
	return g
}

// addAccess stores the access token tok (or a new one when empty) and returns it.
func (st *state) addAccess(g *grant, tok string, scope []string, now time.Time, ttl time.Duration) string {
	if tok == "" {
		tok = newToken()
	}
	at := &accessToken{digest: hashToken(tok), grant: g, scope: scope, issued: now, expires: now.Add(ttl)}
	st.access[at.digest] = at
	g.access = keepHistory(append(g.access, at), st.access, func(a *accessToken) digest { return a.digest })
	return tok
}

// addRefresh stores the refresh token tok (or a new one when empty), which
// replaces pred, and returns it; the caller makes it the grant's active token.
func (st *state) addRefresh(g *grant, tok string, pred digest, now time.Time, ttl time.Duration) *refreshToken {
	if tok == "" {
		tok = newToken()
	}
	rt := &refreshToken{digest: hashToken(tok), grant: g, pred: pred, issued: now, expires: now.Add(ttl)}
	st.refresh[rt.digest] = rt
	g.refresh = keepHistory(append(g.refresh, rt), st.refresh, func(r *refreshToken) digest { return r.digest })
	return rt
}

// keepHistory drops the oldest token of a grant's history, from the history
// and from the index, once the history is longer than historyLimit.
func keepHistory[T any](history []*T, index map[digest]*T, key func(*T) digest) []*T {
	if len(history) <= historyLimit {
		return history
	}
	delete(index, key(history[0]))
	history[0] = nil
	return history[1:]
}

// revokeGrant revokes every refresh and access token of g.
func (st *state) revokeGrant(g *grant) {
	g.revoked = true
	for _, rt := range g.refresh {
		rt.status = statusRevoked
	}
	for _, at := range g.access {
		at.revoked = true
	}
}

// sweep forgets expired tokens and codes, and grants left without tokens,
// once per sweepInterval of lab time.
func (st *state) sweep(now time.Time) {
	if now.Sub(st.lastSweep) < sweepInterval {
		return
	}
	st.lastSweep = now
	for d, c := range st.codes {
		if !now.Before(c.expires) {
			delete(st.codes, d)
		}
	}
	for id, g := range st.grants {
		g.refresh = slices.DeleteFunc(g.refresh, func(rt *refreshToken) bool {
			if now.Before(rt.expires) {
				return false
			}
			delete(st.refresh, rt.digest)
			if g.active == rt {
				g.active = nil
			}
			return true
		})
		g.access = slices.DeleteFunc(g.access, func(at *accessToken) bool {
			if now.Before(at.expires) {
				return false
			}
			delete(st.access, at.digest)
			return true
		})
		if len(g.refresh) == 0 && len(g.access) == 0 {
			delete(st.grants, id)
		}
	}
}

// Stats counts what the server holds in memory.
type Stats struct {
	Grants        int // grants (token families), revoked ones included
	RefreshTokens int // refresh tokens of every status
	AccessTokens  int // access tokens, revoked ones included
	Codes         int // authorization codes not yet swept
}

// Stats returns the current counts; expired tokens are counted until the next
// sweep, which runs at most once per minute of lab time, on a token,
// authorize or revoke request.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{
		Grants:        len(s.st.grants),
		RefreshTokens: len(s.st.refresh),
		AccessTokens:  len(s.st.access),
		Codes:         len(s.st.codes),
	}
}

func joinScope(scope []string) string { return strings.Join(scope, " ") }
