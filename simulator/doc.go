// Package simulator is recall's OAuth 2.0 lab: a strict mock authorization
// server and resource server for learning the refresh-token flow by hand.
//
// A [Server] holds clients, grants ("token families"), refresh tokens, access
// tokens, authorization codes and an event log in memory. Its [Server.Handler]
// serves the token endpoint (refresh_token and authorization_code grants with
// PKCE), revocation (RFC 7009), introspection (RFC 7662), metadata (RFC 8414),
// an auto-approving /authorize step, two protected resources (RFC 6750) and the
// lab controls (/lab/clock, /lab/events, /lab/reset).
//
// Time comes only from the [Clock] given to [New], shifted by [Server.Advance],
// so tests and the lab can fast-forward token expiry. The package has no UI and
// depends on nothing else in the module; the behaviour it implements is
// specified in spec/oauth-refresh.md.
//
// The lab speaks plain HTTP and is meant for loopback only: RFC 6749 requires
// TLS on a real token endpoint.
package simulator
