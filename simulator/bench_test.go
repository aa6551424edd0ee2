package simulator

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// benchConfig is the fixtures plus n grants of app with generated tokens.
func benchConfig(n int) Config {
	cfg := DefaultConfig()
	for range n {
		cfg.Grants = append(cfg.Grants, GrantConfig{Client: "app", Subject: "alice", Scope: "read"})
	}
	for i := range cfg.Grants {
		if cfg.Grants[i].ID == "" {
			cfg.Grants[i].ID = fmt.Sprintf("B%d", i)
		}
	}
	return cfg
}

// BenchmarkRefreshLoopback measures refresh grants per second over loopback
// with keep-alive connections; each client goroutine follows the rotation
// chain of its own grant.
func BenchmarkRefreshLoopback(b *testing.B) {
	const parallelism = 8
	grants := parallelism * runtime.GOMAXPROCS(0)
	s, err := New(benchConfig(grants), time.Now)
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: grants}}
	defer client.CloseIdleConnections()
	seeded := s.Config().Grants[len(DefaultConfig().Grants):]
	var next atomic.Int64
	b.SetParallelism(parallelism)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		rt := seeded[next.Add(1)-1].RefreshToken
		var tr tokenResponse
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/token",
				strings.NewReader("grant_type=refresh_token&refresh_token="+url.QueryEscape(rt)))
			req.Header.Set("Authorization", appBasic)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &tr) != nil {
				b.Errorf("refresh: %d %s", resp.StatusCode, body)
				return
			}
			rt = tr.RefreshToken
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "refreshes/s")
}

// BenchmarkRefreshMemory runs 1,000,000 refreshes of one grant per
// iteration, calling the handler in-process, and reports the live heap and
// the tokens held afterwards: both stay bounded (historyLimit per grant, the
// sweep of expired tokens, a bounded event log). Run it alone with
// -benchtime=1x: every iteration is a million refreshes.
func BenchmarkRefreshMemory(b *testing.B) {
	const refreshes = 1_000_000
	for range b.N {
		s, err := New(DefaultConfig(), time.Now)
		if err != nil {
			b.Fatal(err)
		}
		h := s.Handler()
		rt := "RT1"
		var tr tokenResponse
		var heapAt100k uint64
		for i := range refreshes {
			req, _ := http.NewRequest(http.MethodPost, "/token",
				strings.NewReader("grant_type=refresh_token&refresh_token="+rt))
			req.Header.Set("Authorization", appBasic)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &tr) != nil {
				b.Fatalf("refresh %d: %d %s", i, rec.Code, rec.Body)
			}
			rt = tr.RefreshToken
			if i == 100_000 {
				heapAt100k = liveHeap()
			}
		}
		heap := liveHeap()
		st := s.Stats()
		b.ReportMetric(float64(heapAt100k)/(1<<20), "heap-MB@100k")
		b.ReportMetric(float64(heap)/(1<<20), "heap-MB@1M")
		b.ReportMetric(float64(st.RefreshTokens+st.AccessTokens), "tokens-held")
		runtime.KeepAlive(s)
	}
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
