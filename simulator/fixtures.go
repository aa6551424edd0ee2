package simulator

import "time"

// The RFC 6749 §6 example values, seeded by [DefaultConfig] so that the RFC's
// example refresh request works verbatim against the lab.
const (
	DemoClientID     = "s6BhdRkqt3"
	DemoClientSecret = "gX1fBat3bV"
	DemoRefreshToken = "tGzv3JOkF0XG5Qx2TlKWIA"
	// DemoAccessToken is the access token of RFC 6749 §4.1.4's example. The
	// fixture seeds it already expired, so the lesson starts with a 401.
	DemoAccessToken = "2YotnFZFEjr1zMsicMWpAA"
)

// DefaultConfig returns the lab's fixtures (spec/oauth-refresh.md §16): the RFC
// 6749 §6 demo client and grant (G0), the conformance clients app, other,
// norefresh and cli with grants G1 (alice → app, read profile, AT1/RT1), G2
// (alice → cli, read, RT-P1) and G3 (alice → norefresh, read, RT-N1), access
// tokens of 5 minutes, refresh tokens of 24 hours, rotation on, no grace window
// and the realm "recall".
func DefaultConfig() Config {
	return Config{
		AccessTokenTTL:      5 * time.Minute,
		RefreshTokenTTL:     24 * time.Hour,
		RotateRefreshTokens: true,
		Realm:               "recall",
		Clients: []ClientConfig{
			{ID: DemoClientID, Secret: DemoClientSecret,
				Grants: []string{GrantAuthorizationCode, GrantRefreshToken}, Scopes: []string{"read", "write"}},
			{ID: "app", Secret: "p+ss:w/rd",
				Grants: []string{GrantAuthorizationCode, GrantRefreshToken}, Scopes: []string{"read", "write", "profile"}},
			{ID: "other", Secret: "other-secret",
				Grants: []string{GrantRefreshToken}, Scopes: []string{"read"}},
			{ID: "norefresh", Secret: "nr-secret",
				Grants: []string{GrantAuthorizationCode}, Scopes: []string{"read"}},
			{ID: "cli", Public: true,
				Grants: []string{GrantRefreshToken}, Scopes: []string{"read"}},
		},
		Grants: []GrantConfig{
			{ID: "G0", Client: DemoClientID, Subject: "alice", Scope: "read write",
				RefreshToken: DemoRefreshToken, AccessToken: DemoAccessToken, AccessTokenExpiresIn: -time.Hour},
			{ID: "G1", Client: "app", Subject: "alice", Scope: "read profile", RefreshToken: "RT1", AccessToken: "AT1"},
			{ID: "G2", Client: "cli", Subject: "alice", Scope: "read", RefreshToken: "RT-P1"},
			{ID: "G3", Client: "norefresh", Subject: "alice", Scope: "read", RefreshToken: "RT-N1"},
		},
	}
}
