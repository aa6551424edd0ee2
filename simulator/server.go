package simulator

import (
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// Server is the lab's authorization server and resource server. Create it
// with [New] and serve [Server.Handler] on a loopback listener. All methods
// are safe for concurrent use.
type Server struct {
	cfg     Config // effective configuration: generated tokens filled in
	clock   Clock
	offset  atomic.Int64 // lab clock offset in nanoseconds (Advance)
	clients map[string]*client
	scopes  []string // every client scope, in order of first appearance
	events  eventLog
	handler http.Handler

	mu       sync.Mutex // guards st and failures
	st       *state
	failures map[string]int // failed client authentications per known client id
}

// New returns a server seeded from cfg, with clock as its time source (pass
// time.Now outside tests). Tokens that cfg leaves empty are generated; see
// [Server.Config] for the values. New refuses an invalid cfg (see
// [Config.Validate]). The caller serves [Server.Handler], typically on
// 127.0.0.1: the lab speaks plain HTTP.
func New(cfg Config, clock Clock) (*Server, error) {
	if cfg.Realm == "" {
		cfg.Realm = "recall"
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.Clients = append([]ClientConfig(nil), cfg.Clients...)
	cfg.Grants = append([]GrantConfig(nil), cfg.Grants...)
	for i := range cfg.Grants {
		g := &cfg.Grants[i]
		if g.ID == "" {
			g.ID = "G" + strconv.Itoa(i+1)
		}
		if g.RefreshToken == "" {
			g.RefreshToken = newToken()
		}
		if g.AccessToken == "" {
			g.AccessToken = newToken()
		}
	}
	s := &Server{cfg: cfg, clock: clock, clients: map[string]*client{}, failures: map[string]int{}}
	for _, cc := range cfg.Clients {
		c := &client{id: cc.ID, public: cc.Public, grants: cc.Grants, scopes: cc.Scopes, redirectURIs: cc.RedirectURIs}
		if !cc.Public {
			c.secret = hashToken(cc.Secret)
		}
		s.clients[c.id] = c
		for _, sc := range cc.Scopes {
			if !slices.Contains(s.scopes, sc) {
				s.scopes = append(s.scopes, sc)
			}
		}
	}
	s.st = newState(cfg, s.clients, s.Now())
	s.handler = s.routes()
	return s, nil
}

// Config returns the effective configuration: the one given to [New] with
// grant ids and generated tokens filled in. The caller must not modify the
// slices it holds.
func (s *Server) Config() Config { return s.cfg }

// Reset restores the seeded grants and tokens of the configuration, forgets
// every other grant, token and code, and clears the failure counters. The lab
// clock keeps its time; seeded lifetimes count from the reset.
func (s *Server) Reset() {
	now := s.Now()
	s.mu.Lock()
	s.st = newState(s.cfg, s.clients, now)
	s.failures = map[string]int{}
	s.mu.Unlock()
	s.log(Event{Kind: EventReset, Message: "fixtures restored"})
}

// Handler returns the HTTP handler serving every endpoint of the lab.
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/token", s.handleToken)
	mux.HandleFunc("/revoke", s.handleRevoke)
	mux.HandleFunc("/introspect", s.handleIntrospect)
	mux.HandleFunc("GET /authorize", s.handleAuthorize)
	mux.HandleFunc("GET /.well-known/oauth-authorization-server", s.handleMetadata)
	mux.HandleFunc("GET /api/me", s.resource("read"))
	mux.HandleFunc("GET /api/admin", s.resource("write"))
	mux.HandleFunc("/lab/clock", s.handleClock)
	mux.HandleFunc("GET /lab/events", s.handleEvents)
	mux.HandleFunc("POST /lab/reset", s.handleReset)
	return mux
}
