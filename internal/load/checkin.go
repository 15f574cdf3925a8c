package load

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
)

// checkinScenario drives the gates' ingest (issue 16) as the gate page
// does: the demo's gate agent at the demo's gates posts scans of real
// badges (signed by the server, fetched by their holders), each with a
// fresh nonce. Nine requests in ten are a gate syncing a batch (a page that
// queued scans while busy or offline); one in ten is a single online scan.
// The first scan of a person at a gate and day admits; later ones are
// duplicates, which the server records and flags the same way.
type checkinScenario struct {
	gate   *http.Client
	org    *http.Client
	gates  []int64
	tokens []string
	batch  int
	run0   atomic.Int64 // first run's start, unix ns
	scans  atomic.Int64 // scans in answered requests
	nonce  atomic.Int64
	stamp  string
}

// checkinBadges is how many participants' badges are scanned: each signs in
// once before the run (argon2id: ~25 ms a sign-in).
const checkinBadges = 120

// checkinBatch is a syncing gate's batch.
const checkinBatch = 50

func (s *checkinScenario) prepare(ctx context.Context, h *harness) error {
	return s.prepareN(ctx, h, checkinBadges)
}

// prepareN issues every badge and fetches n participants' tokens.
func (s *checkinScenario) prepareN(ctx context.Context, h *harness, n int) error {
	cv, err := loadConvention(ctx, h)
	if err != nil {
		return err
	}
	s.batch, s.stamp = checkinBatch, fmt.Sprintf("%x", time.Now().UnixNano())
	v := &vu{h: h, res: &results{}}
	login := func(email string) (*http.Client, error) {
		cl := v.client()
		if !v.do(ctx, cl, "login", "POST", "/api/v1/login", map[string]string{"email": email, "password": gen.DemoPassword}, nil, 200) {
			return nil, fmt.Errorf("load: checkin: signing in %s: %v", email, v.res.samples)
		}
		return cl, nil
	}
	var orgEmail, gateEmail string
	for _, l := range cv.c.Logins {
		switch l.Role {
		case model.RoleOrganizer:
			orgEmail = l.Email
		case model.RoleGate:
			gateEmail = l.Email
		}
	}
	if orgEmail == "" || gateEmail == "" {
		return fmt.Errorf("load: checkin: the convention has no organizer or gate login (seed %d, scale %g)", h.cfg.Seed, h.cfg.Scale)
	}
	org, err := login(orgEmail)
	if err != nil {
		return err
	}
	s.org = org
	// Every account gets a badge (as the organizer's button does).
	if err := postForm(ctx, h, org, "/admin/badges/issue", nil); err != nil {
		return fmt.Errorf("load: checkin: issuing badges: %w", err)
	}
	var stats []struct {
		ID int64 `json:"id"`
	}
	if !v.do(ctx, org, "gates", "GET", "/api/v1/gates/stats", nil, &stats, 200) || len(stats) == 0 {
		return fmt.Errorf("load: checkin: the edition has no gate (convene simulate creates the demo's two): %v", v.res.samples)
	}
	for _, g := range stats {
		s.gates = append(s.gates, g.ID)
	}
	if s.gate, err = login(gateEmail); err != nil {
		return err
	}
	for _, email := range cv.talents[:min(n, len(cv.talents))] {
		cl, err := login(email)
		if err != nil {
			return err
		}
		var b struct {
			Token string `json:"token"`
		}
		if !v.do(ctx, cl, "badge", "GET", "/api/v1/me/badge", nil, &b, 200) || b.Token == "" {
			return fmt.Errorf("load: checkin: %s's badge: %v", email, v.res.samples)
		}
		s.tokens = append(s.tokens, b.Token)
	}
	return nil
}

// postForm posts a form as a browser does and wants the 303 that follows.
func postForm(ctx context.Context, h *harness, c *http.Client, path string, vals url.Values) error {
	req, err := http.NewRequestWithContext(ctx, "POST", h.cfg.BaseURL+path, strings.NewReader(vals.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("POST %s: HTTP %d", path, resp.StatusCode)
	}
	return nil
}

type scanJ struct {
	Nonce     string    `json:"nonce"`
	Token     string    `json:"token"`
	ScannedAt time.Time `json:"scanned_at"`
	Offline   bool      `json:"offline"`
}

type batchJ struct {
	Device string  `json:"device"`
	Queue  int     `json:"queue"`
	Scans  []scanJ `json:"scans"`
}

func (s *checkinScenario) run(ctx context.Context, v *vu) {
	s.run0.CompareAndSwap(0, time.Now().UnixNano())
	device := fmt.Sprintf("load-%s-%d", s.stamp, v.id)
	gate := s.gates[v.id%len(s.gates)]
	path := fmt.Sprintf("/api/v1/gates/%d/scans", gate)
	var out struct {
		Results []struct {
			Result string `json:"result"`
		} `json:"results"`
	}
	for i := 0; ctx.Err() == nil && v.take(); i++ {
		n, op := s.batch, fmt.Sprintf("sync (%d scans)", s.batch)
		if i%10 == 9 {
			n, op = 1, "online scan"
		}
		b := batchJ{Device: device, Scans: make([]scanJ, n)}
		now := time.Now().UTC()
		for k := range b.Scans {
			b.Scans[k] = scanJ{
				Nonce:     fmt.Sprintf("%s-%d", s.stamp, s.nonce.Add(1)),
				Token:     s.tokens[v.rng.IntN(len(s.tokens))],
				ScannedAt: now.Add(-time.Duration(n-k) * time.Second),
				Offline:   n > 1,
			}
		}
		if v.do(ctx, s.gate, op, "POST", path, b, &out, 200) && len(out.Results) == n {
			s.scans.Add(int64(n))
		}
	}
}

func (s *checkinScenario) notes(h *harness) []string {
	el := time.Since(time.Unix(0, s.run0.Load())).Seconds()
	n := s.scans.Load()
	return []string{
		fmt.Sprintf("checkin: the gate agent posts scans of %d participants' badges at %d gates; 9 requests in 10 sync a batch of %d, 1 in 10 is one online scan", len(s.tokens), len(s.gates), s.batch),
		fmt.Sprintf("checkin: %d scans answered in %.1f s: %.0f scans/s", n, el, float64(n)/el),
	}
}
