package main

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/recall-srs/recall/simulator"
)

// serveCmd runs the OAuth 2.0 lab (authorization server and resource server)
// headless on loopback.
type serveCmd struct {
	Addr   string `default:"127.0.0.1:9096" help:"Address to listen on; keep it on loopback. Port 0 picks a free port."`
	Config string `type:"path" placeholder:"FILE" help:"JSON file with token lifetimes, clients and grants replacing the built-in fixtures."`
}

// RFC 7636 Appendix B's PKCE example, used in the printed curl commands.
const (
	exampleVerifier  = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	exampleChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
)

// Run serves the lab until SIGINT or SIGTERM.
func (c *serveCmd) Run(e *env) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return c.serve(ctx, e)
}

// serve runs the lab until ctx is done, then shuts it down gracefully.
func (c *serveCmd) serve(ctx context.Context, e *env) error {
	cfg := simulator.DefaultConfig()
	if c.Config != "" {
		data, err := os.ReadFile(c.Config)
		if err != nil {
			return fmt.Errorf("read the lab configuration: %w", err)
		}
		if cfg, err = simulator.ParseConfig(data); err != nil {
			return fmt.Errorf("%s: %w", c.Config, err)
		}
	}
	lab, err := simulator.New(cfg, time.Now)
	if err != nil {
		return fmt.Errorf("start the lab: %w", err)
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	stderr := &lockedWriter{w: e.stderr}
	if w := loopbackWarning(ln.Addr()); w != "" {
		fmt.Fprintln(stderr, w)
	}
	base := "http://" + ln.Addr().String()
	srv := &http.Server{
		Handler:           logExchanges(stderr, lab.Handler()),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(stderr, "recall serve: ", 0),
	}
	printBanner(e.stdout, base, lab.Config())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve the lab: %w", err)
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "recall serve: stopping")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("stop the lab: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve the lab: %w", err)
	}
	return nil
}

// loopbackWarning returns a warning when addr is not a loopback address.
func loopbackWarning(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsLoopback() {
		return ""
	}
	return "recall serve: warning: " + addr.String() + " is not a loopback address; the lab speaks plain HTTP with " +
		"well-known demo credentials, and anyone who can reach this port can use it"
}

// lockedWriter serializes writes from concurrent requests.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(p []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(p)
}

// logExchanges logs the method, path and status of every exchange. The query
// is left out: it may carry an access token.
func logExchanges(w io.Writer, next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: rw}
		next.ServeHTTP(rec, r)
		fmt.Fprintf(w, "%s %s %s %d (%s)\n", start.Format("15:04:05"), r.Method, r.URL.Path,
			rec.status, time.Since(start).Round(time.Microsecond))
	})
}

// basicHeader builds client_secret_basic credentials as RFC 6749 §2.3.1 says:
// form-encode id and secret, then base64.
func basicHeader(id, secret string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id)+":"+url.QueryEscape(secret)))
}

// printBanner prints the listening line, the endpoints, the demo credentials
// and curl commands for each step of the lesson.
func printBanner(w io.Writer, base string, cfg simulator.Config) {
	fmt.Fprintf(w, "listening on %s\n", base)
	fmt.Fprintln(w, "recall OAuth 2.0 lab: plain HTTP on loopback, a lab-only deviation (RFC 6749 requires TLS). Stop with Ctrl-C.")
	fmt.Fprintln(w, "\nEndpoints:")
	for _, ep := range [][3]string{
		{"POST", "/token", "token endpoint: refresh_token, authorization_code with PKCE"},
		{"GET ", "/authorize", "authorization request, approved at once as " + simulator.ConsentSubject},
		{"POST", "/revoke", "revocation (RFC 7009)"},
		{"POST", "/introspect", "introspection (RFC 7662)"},
		{"GET ", "/.well-known/oauth-authorization-server", "metadata (RFC 8414)"},
		{"GET ", "/api/me", "resource, needs scope read"},
		{"GET ", "/api/admin", "resource, needs scope write"},
		{"POST", "/lab/clock", "fast-forward the lab clock (form field advance, e.g. 2h)"},
		{"GET ", "/lab/events", "the event log as JSON"},
		{"POST", "/lab/reset", "restore the fixtures"},
	} {
		fmt.Fprintf(w, "  %s %-58s %s\n", ep[0], base+ep[1], ep[2])
	}
	fmt.Fprintln(w, "\nClients:")
	clients := map[string]simulator.ClientConfig{}
	for _, c := range cfg.Clients {
		clients[c.ID] = c
		auth := "secret " + c.Secret
		if c.Public {
			auth = "public (client_id only)"
		}
		fmt.Fprintf(w, "  %-12s %-26s grants %s; scopes %s\n", c.ID, auth, strings.Join(c.Grants, ", "), strings.Join(c.Scopes, " "))
	}
	fmt.Fprintln(w, "\nGrants:")
	for _, g := range cfg.Grants {
		note := ""
		if g.AccessTokenExpiresIn < 0 {
			note = " (already expired)"
		}
		fmt.Fprintf(w, "  %-4s %s -> %s, scope %q\n       refresh token %s\n       access token  %s%s\n",
			g.ID, g.Subject, g.Client, g.Scope, g.RefreshToken, g.AccessToken, note)
	}
	printSteps(w, base, cfg, clients)
}

// printSteps prints ready-to-paste curl commands for the first grant whose
// client may refresh (with the fixtures, the RFC 6749 §6 example).
func printSteps(w io.Writer, base string, cfg simulator.Config, clients map[string]simulator.ClientConfig) {
	for _, g := range cfg.Grants {
		c := clients[g.Client]
		if !slices.Contains(c.Grants, simulator.GrantRefreshToken) {
			continue
		}
		auth := "-H " + simulator.ShellQuote("Authorization: "+basicHeader(c.ID, c.Secret))
		if c.Public {
			auth = "--data-urlencode " + simulator.ShellQuote("client_id="+c.ID)
		}
		refresh := "curl -i " + auth + " -d grant_type=refresh_token --data-urlencode " +
			simulator.ShellQuote("refresh_token="+g.RefreshToken) + " " + base + "/token"
		fmt.Fprintf(w, "\nTry it with grant %s of client %s:\n", g.ID, c.ID)
		fmt.Fprintf(w, "  # 1. call the API with the access token (%s)\n", expectAtAPI(g))
		fmt.Fprintf(w, "  curl -i -H %s %s/api/me\n", simulator.ShellQuote("Authorization: Bearer "+g.AccessToken), base)
		fmt.Fprintln(w, "  # 2. refresh (with the fixtures: the RFC 6749 section 6 example request): 200 with new tokens")
		fmt.Fprintf(w, "  %s\n", refresh)
		fmt.Fprintln(w, "  # 3. set ACCESS_TOKEN to the access_token of step 2, then call the API again: 200")
		fmt.Fprintf(w, "  curl -i -H \"Authorization: Bearer $ACCESS_TOKEN\" %s/api/me\n", base)
		fmt.Fprintln(w, "  # 4. send the same (now rotated-out) refresh token again: reuse detected, the whole family is revoked")
		fmt.Fprintf(w, "  %s\n", refresh)
		fmt.Fprintln(w, "  # 5. read the event log")
		fmt.Fprintf(w, "  curl -s %s/lab/events\n", base)
		fmt.Fprintln(w, "  # 6. fast-forward the lab clock past every token's lifetime")
		fmt.Fprintf(w, "  curl -s -d advance=25h %s/lab/clock\n", base)
		if slices.Contains(c.Grants, simulator.GrantAuthorizationCode) {
			fmt.Fprintln(w, "  # 7. authorise again: get a code (PKCE with RFC 7636's example), set CODE to it, exchange it")
			fmt.Fprintf(w, "  curl -s '%s/authorize?response_type=code&client_id=%s&code_challenge=%s&code_challenge_method=S256&state=xyz'\n",
				base, url.QueryEscape(c.ID), exampleChallenge)
			fmt.Fprintf(w, "  curl -i %s -d grant_type=authorization_code --data-urlencode \"code=$CODE\" -d code_verifier=%s %s/token\n",
				auth, exampleVerifier, base)
		}
		fmt.Fprintln(w, "  # start over")
		fmt.Fprintf(w, "  curl -s -X POST %s/lab/reset\n", base)
		return
	}
}

func expectAtAPI(g simulator.GrantConfig) string {
	if g.AccessTokenExpiresIn < 0 {
		return "expired: 401 invalid_token"
	}
	return "valid until it expires"
}
