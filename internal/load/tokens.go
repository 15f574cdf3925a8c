package load

import (
	"context"
	"fmt"
	_ "image/png" // QR codes come as PNG
	"io"
	"net/http"
	"regexp"
	"strings"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
)

// Scan tokens are signed with the server's secret, so the harness reads
// them the way a visitor does: from the QR codes. It signs in as the
// generated organizer, decodes the booth code of some posting enterprises
// (GET /qr/orgs/{id}/code.png), and reads the post tokens off each
// enterprise's scan landing (GET /s/{token}), which links every open post.

var postLink = regexp.MustCompile(`href="/s/([A-Za-z0-9._~-]+)"`)

// scanTokens returns post tokens, or nil when the server has no scan
// landing (GET /qr/orgs/{id}/code.png answers 404).
func scanTokens(ctx context.Context, h *harness, c *gen.Convention, orgs int) ([]string, error) {
	var organizer string
	for _, l := range c.Logins {
		if l.Role == model.RoleOrganizer {
			organizer = l.Email
		}
	}
	posting := map[int64]bool{}
	var ids []int64
	for _, p := range c.Posts {
		if p.Status == model.PostOpen && !posting[p.OrgID] {
			posting[p.OrgID] = true
			ids = append(ids, p.OrgID)
		}
	}
	if organizer == "" || len(ids) == 0 {
		return nil, nil
	}
	v := newVU(h, 0, nil)
	cl := v.client()
	if !v.do(ctx, cl, "setup", "POST", "/api/v1/login", map[string]string{"email": organizer, "password": gen.DemoPassword}, nil, 200) {
		return nil, fmt.Errorf("load: sign in as the organizer %s: %v", organizer, v.res.samples)
	}
	var toks []string
	seen := map[string]bool{}
	for i, id := range ids {
		if i >= orgs {
			break
		}
		png, code, err := get(ctx, cl, h.cfg.BaseURL+fmt.Sprintf("/qr/orgs/%d/code.png", id))
		if err != nil {
			return nil, err
		}
		if code == http.StatusNotFound && i == 0 {
			return nil, nil // no QR codes in this server
		}
		if code != 200 {
			return nil, fmt.Errorf("load: GET /qr/orgs/%d/code.png: %d", id, code)
		}
		text, err := qr.DecodePNG(png)
		if err != nil {
			return nil, fmt.Errorf("load: decode the QR code of organization %d: %w", id, err)
		}
		_, tok, ok := strings.Cut(text, "/s/")
		if !ok {
			return nil, fmt.Errorf("load: QR code of organization %d holds %q, not a /s/ link", id, text)
		}
		page, code, err := get(ctx, cl, h.cfg.BaseURL+"/s/"+tok)
		if err != nil {
			return nil, err
		}
		if code != 200 {
			return nil, fmt.Errorf("load: GET /s/%s: %d", tok, code)
		}
		for _, m := range postLink.FindAllSubmatch(page, -1) {
			t := string(m[1])
			if t != tok && !seen[t] {
				seen[t] = true
				toks = append(toks, t)
			}
		}
	}
	if len(toks) == 0 {
		return nil, fmt.Errorf("load: no post token found on the scan landings of %d enterprises", min(orgs, len(ids)))
	}
	return toks, nil
}

func get(ctx context.Context, c *http.Client, url string) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return nil, 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	return b, resp.StatusCode, err
}
