package simulator

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// Exchange is one request to the lab and its answer, exactly as the bytes
// crossed the wire.
type Exchange struct {
	// Request is the raw request: request line, headers, blank line, body.
	Request string
	// Response is the raw response: status line, headers, blank line, body.
	Response string
	// Status and Body are the parsed answer.
	Status int
	Body   []byte
	// Basic explains an Authorization: Basic header ("" without one): the
	// decoded credentials and the client id and secret after the form
	// decoding that RFC 6749 §2.3.1 requires.
	Basic string
	// Curl is the same request as a curl command line.
	Curl string
	// Took is the time from sending to the end of the answer.
	Took time.Duration
}

// recordingConn copies every byte read and written into buffers.
type recordingConn struct {
	net.Conn
	mu       sync.Mutex
	out, in  bytes.Buffer
	maxBytes int
}

// Write records what is sent. The bytes are recorded before they are
// written: once they are on the wire, the answer can arrive (and the
// transcript be read) before this goroutine runs again.
func (c *recordingConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	start := c.out.Len()
	if start < c.maxBytes {
		c.out.Write(p)
	}
	c.mu.Unlock()
	n, err := c.Conn.Write(p)
	if n < len(p) && start < c.maxBytes {
		c.mu.Lock()
		c.out.Truncate(start + n)
		c.mu.Unlock()
	}
	return n, err
}

// Read records what is received.
func (c *recordingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	if c.in.Len() < c.maxBytes {
		c.in.Write(p[:n])
	}
	c.mu.Unlock()
	return n, err
}

// maxTranscript bounds the bytes kept of each direction.
const maxTranscript = 1 << 20

// Send sends req on a connection of its own and records both directions.
// The request is sent without compression so the answer reads as it is.
// ctx bounds the exchange.
func Send(ctx context.Context, req *http.Request) (Exchange, error) {
	var conn *recordingConn
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	transport := &http.Transport{
		DisableKeepAlives:  true,
		DisableCompression: true,
		Proxy:              nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := dialer.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			conn = &recordingConn{Conn: c, maxBytes: maxTranscript}
			return conn, nil
		},
	}
	defer transport.CloseIdleConnections()
	x := Exchange{Curl: Curl(req), Basic: explainBasic(req.Header.Get("Authorization"))}
	start := time.Now()
	resp, err := (&http.Client{Transport: transport}).Do(req.WithContext(ctx))
	if err != nil {
		return x, fmt.Errorf("cannot reach the lab: %w", err)
	}
	x.Body, err = io.ReadAll(io.LimitReader(resp.Body, maxTranscript))
	resp.Body.Close()
	x.Took = time.Since(start)
	x.Status = resp.StatusCode
	if err != nil {
		return x, fmt.Errorf("reading the lab's answer: %w", err)
	}
	if conn != nil {
		conn.mu.Lock()
		x.Request, x.Response = conn.out.String(), conn.in.String()
		conn.mu.Unlock()
	}
	return x, nil
}

// explainBasic decodes an Authorization: Basic value for the transcript.
func explainBasic(header string) string {
	scheme, creds, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Basic") {
		return ""
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(creds))
	if err != nil {
		return "Basic credentials that are not valid base64"
	}
	idEnc, secretEnc, ok := strings.Cut(string(raw), ":")
	if !ok {
		return fmt.Sprintf("base64 of %q: no ':' between client id and secret", raw)
	}
	id, errID := url.QueryUnescape(idEnc)
	secret, errSecret := url.QueryUnescape(secretEnc)
	if errID != nil || errSecret != nil {
		return fmt.Sprintf("base64 of %q: the id or secret is not valid form-encoding", raw)
	}
	out := fmt.Sprintf("base64 of %q → client_id %q, client_secret %q", raw, id, secret)
	if id != idEnc || secret != secretEnc {
		out += " (after form-decoding, RFC 6749 §2.3.1)"
	}
	return out
}

// Curl writes a request as a curl command line that sends the same bytes
// (shell-quoted for a POSIX shell).
func Curl(req *http.Request) string {
	parts := []string{"curl", "-i"}
	if req.Method != http.MethodGet {
		parts = append(parts, "-X", req.Method)
	}
	names := make([]string, 0, len(req.Header))
	for name := range req.Header {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, v := range req.Header[name] {
			parts = append(parts, "-H", ShellQuote(name+": "+v))
		}
	}
	if req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			b, _ := io.ReadAll(body)
			body.Close()
			if len(b) > 0 {
				parts = append(parts, "--data-raw", ShellQuote(string(b)))
			}
		}
	}
	return strings.Join(append(parts, ShellQuote(req.URL.String())), " ")
}

// ShellQuote quotes s for a POSIX shell (plain words stay as they are).
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@%+,", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
