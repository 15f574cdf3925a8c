package load

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
)

// convention is what the harness knows of the server's data: the generated
// convention of the same seed and scale, loaded into an empty database, so
// its local ids are the database ids.
type convention struct {
	c       *gen.Convention
	posts   []int64  // open posts
	talents []string // talents' emails, all with gen.DemoPassword
	staff   []string // one member of each posting enterprise
	words   []string // words of post titles, for searches
	visits  int      // the convention's visits (the seed: 130,000)
	apps    int      // and applications (the seed: 33,000)
}

func loadConvention(ctx context.Context, h *harness) (*convention, error) {
	c := gen.Generate(h.cfg.Seed, h.cfg.Scale)
	cv := &convention{c: c, visits: c.Totals().VisitCount, apps: len(c.Applications)}
	seen := map[string]bool{}
	for _, p := range c.Posts {
		if p.Status != model.PostOpen {
			continue
		}
		cv.posts = append(cv.posts, p.ID)
		for _, w := range strings.Fields(p.Title) {
			if utf8.RuneCountInString(w) >= 4 && !seen[w] && len(cv.words) < 200 {
				seen[w] = true
				cv.words = append(cv.words, w)
			}
		}
	}
	for _, t := range c.Talents {
		cv.talents = append(cv.talents, c.Users[t.UserID-1].Email)
	}
	posting := map[int64]bool{}
	for _, p := range c.Posts {
		posting[p.OrgID] = true
	}
	for _, u := range c.Users {
		if u.Role == model.RoleEnterprise && u.OrgID != nil && posting[*u.OrgID] {
			cv.staff = append(cv.staff, u.Email)
			delete(posting, *u.OrgID)
		}
	}
	if len(cv.posts) == 0 || len(cv.talents) == 0 {
		return nil, fmt.Errorf("load: the convention of seed %d at scale %g has no open post or no talent", h.cfg.Seed, h.cfg.Scale)
	}
	// The server must hold this convention: compare one post's title.
	first := cv.posts[0]
	var got struct{ Title string }
	cl := &http.Client{Transport: h.tr, Timeout: 10 * time.Second}
	req, _ := http.NewRequestWithContext(ctx, "GET", h.cfg.BaseURL+"/api/v1/posts/"+strconv.FormatInt(first, 10), nil)
	req.Header.Set("Accept", "application/json")
	resp, err := cl.Do(req)
	if err == nil {
		err = decode(resp, &got)
	}
	if err != nil || got.Title != c.Posts[first-1].Title {
		return nil, fmt.Errorf("load: the server does not hold the convention of seed %d at scale %g (post %d: %v); "+
			"fill an empty database with `convene simulate -seed %d -scale %g` and serve it", h.cfg.Seed, h.cfg.Scale, first, err, h.cfg.Seed, h.cfg.Scale)
	}
	return cv, nil
}

func (c *convention) post(v *vu) int64 { return c.posts[v.rng.IntN(len(c.posts))] }

// returning is a virtual user's signed-in generated talent. Each virtual
// user takes its own talents (every VUs-th one), so no two share a session.
type returning struct {
	cv      *convention
	emails  []string
	c       *http.Client
	next    int // index into cv.talents
	applies int
	per     int // applications before moving on to the next talent
}

func newReturning(cv *convention, v *vu, per int) *returning {
	return &returning{cv: cv, emails: cv.talents, next: v.id, per: per}
}

// session signs in the next talent when there is none yet or the current
// one has applied per times.
func (r *returning) session(ctx context.Context, v *vu) *http.Client {
	if r.c != nil && r.applies < r.per {
		return r.c
	}
	if !v.take() {
		return nil
	}
	email := r.emails[r.next%len(r.emails)]
	r.next += v.h.cfg.VUs
	c := v.client()
	if !v.do(ctx, c, "login", "POST", "/api/v1/login", map[string]string{"email": email, "password": gen.DemoPassword}, nil, 200) {
		r.c = nil
		return nil
	}
	r.c, r.applies = c, 0
	return c
}

type applyJ struct {
	Created bool `json:"created"`
}

// apply posts one application; 201 (new) and 200 (applied before) both
// acknowledge it.
func apply(ctx context.Context, v *vu, c *http.Client, op string, post int64, channel string) bool {
	var out applyJ
	return v.do(ctx, c, op, "POST", "/api/v1/posts/"+strconv.FormatInt(post, 10)+"/apply", map[string]string{"channel": channel}, &out, 201, 200)
}

// scanScenario: a talent scans a post's QR code at a booth, sees the
// landing page and applies. New talents register first; returning ones
// hold a session from before (their phones signed in on an earlier day) and
// scan posts in their own order, each post once, as at the convention.
type scanScenario struct {
	cv       *convention
	tokens   []string // post tokens read off QR codes; nil: the server has no scan landing
	talents  []*scanner
	signedIn time.Duration // how long signing in the returning talents took
}

// scanner is a returning talent: a session and the posts still to scan.
type scanner struct {
	c     *http.Client
	order []int // indexes into tokens (or posts), shuffled
	next  int
}

func (s *scanScenario) prepare(ctx context.Context, h *harness) (err error) {
	if s.cv, err = loadConvention(ctx, h); err != nil {
		return err
	}
	if s.tokens, err = scanTokens(ctx, h, s.cv.c, 20); err != nil {
		return err
	}
	return s.signIn(ctx, h)
}

// signIn signs in the returning talents before the measured window: a
// sign-in costs the server an argon2id hash (about 20 ms by design), a
// figure of its own that would otherwise be counted against the scans.
func (s *scanScenario) signIn(ctx context.Context, h *harness) error {
	n := h.cfg.Talents
	if n == 0 {
		n = 16 * h.cfg.VUs
	}
	n = min(n, len(s.cv.talents))
	targets := len(s.tokens)
	if s.tokens == nil {
		targets = len(s.cv.posts)
	}
	s.talents = make([]*scanner, n)
	start := time.Now()
	errs := make(chan error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, 4) { // the server hashes at most a few at a time anyway
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n && ctx.Err() == nil; i = int(next.Add(1)) - 1 {
				v := &vu{h: h, res: &results{}}
				c := v.client()
				if !v.do(ctx, c, "login", "POST", "/api/v1/login", map[string]string{"email": s.cv.talents[i], "password": gen.DemoPassword}, nil, 200) {
					errs <- fmt.Errorf("load: signing in %s: %v", s.cv.talents[i], v.res.samples)
					return
				}
				rng := rand.New(rand.NewPCG(uint64(h.cfg.Seed), uint64(i)))
				s.talents[i] = &scanner{c: c, order: rng.Perm(targets)}
			}
		})
	}
	wg.Wait()
	close(errs)
	s.signedIn = time.Since(start)
	if err := <-errs; err != nil {
		return err
	}
	return ctx.Err()
}

func (s *scanScenario) run(ctx context.Context, v *vu) {
	var mine []*scanner // every VUs-th returning talent: no two VUs share a session
	for i := v.id; i < len(s.talents); i += v.h.cfg.VUs {
		mine = append(mine, s.talents[i])
	}
	n := 0
	for turn := 0; ctx.Err() == nil; turn++ {
		if len(mine) == 0 || v.rng.Float64() < v.h.cfg.NewShare {
			if !v.take() {
				return
			}
			n++
			c := v.client()
			email := fmt.Sprintf("load-%d-%d-%d@load.convene.test", v.h.cfg.Seed, time.Now().UnixNano(), v.id)
			reg := map[string]string{"email": email, "name": fmt.Sprintf("Load Talent %d-%d", v.id, n), "password": "load-harness-pw", "role": "talent", "locale": "en"}
			if !v.do(ctx, c, "register", "POST", "/api/v1/register", reg, nil, 201) {
				continue
			}
			for range 1 + v.rng.IntN(3) {
				if !s.scan(ctx, v, c, s.random(v)) {
					return
				}
			}
			continue
		}
		t := mine[turn%len(mine)]
		i := t.order[t.next%len(t.order)] // past the end, scanned again: "already applied"
		t.next++
		if !s.scan(ctx, v, t.c, i) {
			return
		}
	}
}

// random is a post (token) index for a new talent.
func (s *scanScenario) random(v *vu) int {
	if s.tokens != nil {
		return v.rng.IntN(len(s.tokens))
	}
	return v.rng.IntN(len(s.cv.posts))
}

// scan is the landing page then the application: GET /s/{token} and the
// one-tap POST /s/{token}/apply (303 back to the landing), or, on a server
// without a scan landing, GET /api/v1/posts/{id} and its JSON apply. It
// returns false when the budget is spent.
func (s *scanScenario) scan(ctx context.Context, v *vu, c *http.Client, i int) bool {
	if !v.take() {
		return false
	}
	if s.tokens != nil {
		tok := s.tokens[i]
		if !v.do(ctx, c, "landing", "GET", "/s/"+tok, nil, nil, 200) {
			return true
		}
		if !v.take() {
			return false
		}
		v.redirect(ctx, c, "apply", "/s/"+tok+"/apply", "/s/"+tok)
		return true
	}
	p := s.cv.posts[i]
	if !v.do(ctx, c, "landing", "GET", "/api/v1/posts/"+strconv.FormatInt(p, 10), nil, nil, 200) {
		return true
	}
	if !v.take() {
		return false
	}
	apply(ctx, v, c, "apply", p, "scan")
	return true
}

func (s *scanScenario) notes(h *harness) []string {
	n := []string{
		fmt.Sprintf("scan: %.0f%% of visitors are new talents (POST /api/v1/register, argon2id, then 1-3 scans); the others are %d generated talents signed in before the window "+
			"(POST /api/v1/login, %.1f s, not counted), each scanning posts in its own order, each post once until all are scanned", 100*h.cfg.NewShare, len(s.talents), s.signedIn.Seconds()),
	}
	if s.tokens != nil {
		return append(n,
			fmt.Sprintf("landing: GET /s/{token} (HTML) over %d post tokens read off the QR codes of 20 enterprises", len(s.tokens)),
			"apply: POST /s/{token}/apply, the landing's one tap (channel scan); its 303 back to the landing (Location /s/{token}) counts as success and is not followed")
	}
	return append(n,
		"landing: GET /api/v1/posts/{id} stands in for the scan landing page GET /s/{token}, which this server does not have",
		"apply: POST /api/v1/posts/{id}/apply {\"channel\":\"scan\"}; 201 (new) and 200 (applied before) both count as success")
}

// replayScenario replays the convention's two days compressed in time, in
// the generated convention's proportions: its visits (the seed: 130,000)
// against its applications (33,000), about 4:1, plus searches (one per ten
// visits: the seed publishes no figure). Returning talents sign in once and
// apply about as often as the generated ones did (applications / talents).
type replayScenario struct {
	cv    *convention
	per   int
	inbox bool // the server has the enterprise inbox (GET /api/v1/inbox, POST /api/v1/applications/status)
}

func (s *replayScenario) prepare(ctx context.Context, h *harness) (err error) {
	if s.cv, err = loadConvention(ctx, h); err != nil {
		return err
	}
	s.per = max(1, (s.cv.apps+len(s.cv.talents)/2)/len(s.cv.talents))
	// Probe for the enterprise inbox: without a session it answers 401 or
	// 403 when it exists, 404 when not.
	cl := &http.Client{Transport: h.tr, Timeout: 10 * time.Second}
	req, _ := http.NewRequestWithContext(ctx, "GET", h.cfg.BaseURL+"/api/v1/inbox", nil)
	req.Header.Set("Accept", "application/json")
	resp, err := cl.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	s.inbox = resp.StatusCode != http.StatusNotFound && len(s.cv.staff) > 0
	return nil
}

// statusChanges is how many enterprise status changes a replay makes per
// application when the server has the inbox: one for every two (an
// assumption: the seed publishes no figure).
func statusChanges(apps int) int { return apps / 2 }

// ReplayRequests is how many requests a whole replay of the convention of
// this seed and scale sends (visits, applications and searches, without
// sign-ins).
func ReplayRequests(seed int64, scale float64) int {
	c := gen.Generate(seed, scale)
	v := c.Totals().VisitCount
	return v + len(c.Applications) + v/10
}

func (s *replayScenario) run(ctx context.Context, v *vu) {
	ret := newReturning(s.cv, v, s.per)
	staff := &returning{cv: s.cv, emails: s.cv.staff, next: v.id, per: 20}
	visits, apps := s.cv.visits, s.cv.apps
	searches := visits / 10
	moves := 0
	if s.inbox {
		moves = statusChanges(apps)
	}
	all := visits + apps + searches + moves
	for ctx.Err() == nil {
		x := v.rng.IntN(all)
		switch {
		case x >= visits+apps+searches:
			s.move(ctx, v, staff)
		case x < visits:
			if !v.take() {
				return
			}
			v.do(ctx, v.plain, "visit", "GET", "/api/v1/posts/"+strconv.FormatInt(s.cv.post(v), 10), nil, nil, 200)
		case x < visits+apps:
			c := ret.session(ctx, v)
			if c == nil {
				if v.budget.Load() < 0 {
					return
				}
				continue
			}
			if !v.take() {
				return
			}
			ch := "mobile"
			if v.rng.IntN(2) == 0 {
				ch = "pc"
			}
			apply(ctx, v, c, "apply", s.cv.post(v), ch)
			ret.applies++
		default:
			if !v.take() {
				return
			}
			q := s.cv.words[v.rng.IntN(len(s.cv.words))]
			v.do(ctx, v.plain, "search", "GET", "/api/v1/posts?limit=20&q="+urlQuery(q), nil, nil, 200)
		}
	}
}

// move is an enterprise opening its inbox and marking up to five new
// applications viewed.
func (s *replayScenario) move(ctx context.Context, v *vu, staff *returning) {
	c := staff.session(ctx, v)
	if c == nil || !v.take() {
		return
	}
	var rows []struct {
		ID int64 `json:"id"`
	}
	if !v.do(ctx, c, "inbox", "GET", "/api/v1/inbox?status=applied&limit=20", nil, &rows, 200) {
		return
	}
	staff.applies++
	if len(rows) == 0 {
		return
	}
	ids := make([]int64, 0, 5)
	for _, r := range rows[:min(5, len(rows))] {
		ids = append(ids, r.ID)
	}
	if !v.take() {
		return
	}
	v.do(ctx, c, "status", "POST", "/api/v1/applications/status", map[string]any{"ids": ids, "status": "viewed"}, nil, 200)
}

func (s *replayScenario) notes(h *harness) []string {
	inbox := "enterprise status changes are left out: the server has no inbox endpoint (GET /api/v1/inbox answered 404)"
	if s.inbox {
		inbox = fmt.Sprintf("enterprise status changes: %d (one per two applications, an assumption): an enterprise member signs in, GET /api/v1/inbox?status=applied&limit=20, then POST /api/v1/applications/status marks up to 5 viewed", statusChanges(s.cv.apps))
	}
	return []string{
		fmt.Sprintf("replay: visits : applications : searches = %d : %d : %d (the generated convention's visits and applications; searches one per ten visits, an assumption)", s.cv.visits, s.cv.apps, s.cv.visits/10),
		"visit: GET /api/v1/posts/{id}; search: GET /api/v1/posts?q=<a word of a post title>&limit=20; apply: POST /api/v1/posts/{id}/apply (pc or mobile)",
		fmt.Sprintf("returning talents sign in once (POST /api/v1/login, argon2id) and apply %d times, the convention's applications per talent", s.per),
		inbox,
	}
}
