package simulator

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentRefresh: 100 goroutines present the same refresh token at
// once over loopback; exactly one is served, the others see a rotated-out
// token (reuse, P20).
func TestConcurrentRefresh(t *testing.T) {
	l := newLab(t, DefaultConfig())
	const n = 100
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	defer client.CloseIdleConnections()
	var (
		start    sync.WaitGroup
		done     sync.WaitGroup
		mu       sync.Mutex
		statuses = map[int]int{}
		errs     = map[string]int{}
	)
	start.Add(1)
	for range n {
		done.Add(1)
		go func() {
			defer done.Done()
			req, _ := http.NewRequest(http.MethodPost, l.url+"/token", strings.NewReader(refreshRT1))
			req.Header.Set("Authorization", appBasic)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			start.Wait()
			resp, err := client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			mu.Lock()
			defer mu.Unlock()
			statuses[resp.StatusCode]++
			if resp.StatusCode != 200 {
				errs[string(body)[:min(len(body), 40)]]++
			}
		}()
	}
	start.Done()
	done.Wait()
	if statuses[200] != 1 || statuses[400] != n-1 {
		t.Errorf("statuses = %v, want one 200 and %d 400", statuses, n-1)
	}
	for e := range errs {
		if !strings.Contains(e, errInvalidGrant) {
			t.Errorf("unexpected error body %q", e)
		}
	}
}
