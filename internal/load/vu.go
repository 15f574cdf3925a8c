package load

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"slices"
	"sync/atomic"
	"time"
)

// vu is one virtual user: its own random stream, its own recordings and
// HTTP clients that share the harness's connections.
type vu struct {
	h      *harness
	id     int
	base   string // the instance this user's requests go to ("": BaseURL)
	rng    *rand.Rand
	res    *results
	budget *atomic.Int64
	plain  *http.Client // no cookies
}

func newVU(h *harness, id int, budget *atomic.Int64) *vu {
	bases := append([]string{h.cfg.BaseURL}, h.cfg.Also...)
	return &vu{
		h: h, id: id, budget: budget, base: bases[id%len(bases)],
		rng:   rand.New(rand.NewPCG(uint64(h.cfg.Seed), uint64(id)+1)),
		res:   &results{},
		plain: &http.Client{Transport: h.tr, Timeout: 30 * time.Second, CheckRedirect: noRedirect},
	}
}

// client returns a client with a fresh cookie jar: one signed-in person.
func (v *vu) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Transport: v.h.tr, Jar: jar, Timeout: 30 * time.Second, CheckRedirect: noRedirect}
}

// noRedirect leaves redirects to the scenario: a 303 after a form post is
// the answer being measured.
func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// take spends one request of the phase's budget; false when none is left.
func (v *vu) take() bool { return v.budget.Add(-1) >= 0 }

// do sends one request, records its latency under op and decodes a JSON
// answer into out (when not nil). A request cut off because the phase ended
// is not recorded. It returns false when the request failed.
func (v *vu) do(ctx context.Context, c *http.Client, op, method, path string, body, out any, want ...int) bool {
	return v.send(ctx, c, op, method, path, body, out, "", want...)
}

// redirect sends a bodiless form post that must answer 303 to location.
func (v *vu) redirect(ctx context.Context, c *http.Client, op, path, location string) bool {
	return v.send(ctx, c, op, "POST", path, nil, nil, location, http.StatusSeeOther)
}

func (v *vu) send(ctx context.Context, c *http.Client, op, method, path string, body, out any, location string, want ...int) bool {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			panic(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, cmp.Or(v.base, v.h.cfg.BaseURL)+path, rd)
	if err != nil {
		v.res.record(op, 0, err)
		return false
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		if ctx.Err() == nil {
			v.res.record(op, 0, err)
		}
		return false
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err != nil {
		if ctx.Err() == nil {
			v.res.record(op, 0, err)
		}
		return false
	}
	if !slices.Contains(want, resp.StatusCode) {
		if len(b) > 200 {
			b = b[:200]
		}
		v.res.record(op, 0, &errStatus{resp.StatusCode, string(b)})
		return false
	}
	if location != "" && resp.Header.Get("Location") != location {
		v.res.record(op, 0, fmt.Errorf("HTTP %d to %q, want %q", resp.StatusCode, resp.Header.Get("Location"), location))
		return false
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			v.res.record(op, 0, err)
			return false
		}
	}
	v.res.record(op, d, nil)
	return true
}
