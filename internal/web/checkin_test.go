package web

import (
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/convene/convene/internal/badge"
	"github.com/convene/convene/internal/cputime"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/session"
)

func init() {
	expect(map[string]string{
		"GET /me/badge":                   "signed-in",
		"POST /me/badge":                  "signed-in",
		"GET /checkin/static/":            "anyone",
		"GET /me/badge-sw.js":             "anyone",
		"GET /gate":                       "gate organizer",
		"GET /gate/{id}":                  "gate organizer",
		"GET /admin/gates":                "organizer",
		"POST /admin/gates":               "organizer",
		"POST /admin/badges/issue":        "organizer",
		"POST /admin/badges/{id}/reissue": "organizer",
		"GET /admin/badges/sheet":         "organizer",
		"GET /admin/badges/sheet.pdf":     "organizer",
		"GET /api/v1/me/badge":            "signed-in",
		"GET /api/v1/gates/{id}/config":   "gate organizer",
		"POST /api/v1/gates/{id}/scans":   "gate organizer",
		"GET /api/v1/gates/stats":         "organizer",
	})
}

type badgeJ struct {
	ID    int64  `json:"id"`
	Token string `json:"token"`
	Role  string `json:"role"`
	Name  string `json:"name"`
}

type scanOutJ struct {
	Nonce      string `json:"nonce"`
	Sync       string `json:"sync"`
	Result     string `json:"result"`
	Reason     string `json:"reason"`
	FirstEntry bool   `json:"first_entry"`
	Duplicate  bool   `json:"duplicate"`
	OtherGate  string `json:"other_gate"`
}

type gateStatJ struct {
	Name         string `json:"name"`
	Scans        int    `json:"scans"`
	FirstEntries int    `json:"first_entries"`
	Duplicates   int    `json:"duplicates"`
	Refused      int    `json:"refused"`
	Queue        int    `json:"queue"`
	Online       bool   `json:"online"`
}

func scanBody(queue int, scans ...[3]string) string {
	var parts []string
	for _, s := range scans {
		parts = append(parts, fmt.Sprintf(`{"nonce":%q,"token":%q,"scanned_at":%q,"offline":true}`, s[0], s[1], s[2]))
	}
	return fmt.Sprintf(`{"device":"test-device","queue":%d,"scans":[%s]}`, queue, strings.Join(parts, ","))
}

// TestCheckinFlow: badges for two people, a gate, scans through the sync
// API: first entries, a duplicate, a forged and a revoked badge refused, a
// replayed batch storing nothing twice, a reused nonce refused, a second
// gate refusing someone already in; only gate staff and organizers record
// scans, and a participant sees only their own badge.
func TestCheckinFlow(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		org, gate := f.client(model.RoleOrganizer), f.client(model.RoleGate)
		talent, ent, del := f.client(model.RoleTalent), f.client(model.RoleEnterprise), f.client(model.RoleDelegation)
		for _, name := range []string{"North", "South"} {
			if resp, body := f.postForm(org, "/admin/gates", url.Values{"name": {name}}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("gate: %d %s", resp.StatusCode, body)
			}
		}
		gs, _ := f.db.Gates(bg, f.edition.ID)
		north, south := gs[0].ID, gs[1].ID
		// A person gets their own badge; the organizer issues the rest.
		if resp, _ := f.postForm(talent, "/me/badge", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("issue own badge: %d", resp.StatusCode)
		}
		if resp, _ := f.postForm(org, "/admin/badges/issue", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("issue all: %d", resp.StatusCode)
		}
		badgeOf := func(c *http.Client) badgeJ {
			_, body := f.json(c, "GET", "/api/v1/me/badge", "")
			var b badgeJ
			json.Unmarshal([]byte(body), &b)
			if len(b.Token) != 120 {
				t.Fatalf("badge %s", body)
			}
			return b
		}
		a, e, d := badgeOf(talent), badgeOf(ent), badgeOf(del)
		if a.Name != f.users[model.RoleTalent].Name || a.Role != "talent" || e.Role != "enterprise" {
			t.Fatalf("badges %+v %+v", a, e)
		}
		// The badge page shows the holder's own QR code, in both languages.
		for _, l := range []string{"en", "zh"} {
			f.setLocale(talent, l)
			_, page := f.do(talent, "GET", "/me/badge", "", "")
			if !strings.Contains(page, a.Token) || !strings.Contains(page, "<svg") || strings.Contains(page, e.Token) {
				t.Fatalf("%s badge page:\n%s", l, page)
			}
		}
		// Revoke the delegation's badge (lost): a new one is issued.
		if resp, _ := f.postForm(org, fmt.Sprintf("/admin/badges/%d/reissue", d.ID), url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("reissue: %d", resp.StatusCode)
		}
		if d2 := badgeOf(del); d2.ID == d.ID || d2.Token == d.Token {
			t.Fatal("no new badge after re-issue")
		}
		// Another base64url letter, so the token still decodes and only
		// its signature fails (flipping a bit once made '-' a ',', which
		// is malformed, not forged).
		forged := []byte(a.Token)
		forged[110] = 'A'
		if a.Token[110] == 'A' {
			forged[110] = 'B'
		}
		at := time.Now().UTC().Add(-10 * time.Minute).Format(time.RFC3339Nano)
		batch := scanBody(5, [3]string{"nonce-0001", a.Token, at}, [3]string{"nonce-0002", e.Token, at}, [3]string{"nonce-0003", a.Token, at},
			[3]string{"nonce-0004", string(forged), at}, [3]string{"nonce-0005", d.Token, at})
		scans := func(c *http.Client, gate int64, body string) (int, []scanOutJ) {
			resp, b := f.json(c, "POST", fmt.Sprintf("/api/v1/gates/%d/scans", gate), body)
			var out struct{ Results []scanOutJ }
			json.Unmarshal([]byte(b), &out)
			return resp.StatusCode, out.Results
		}
		// Participants may not record scans.
		for _, c := range []*http.Client{talent, ent} {
			if code, _ := scans(c, north, batch); code != http.StatusForbidden {
				t.Fatalf("participant recorded scans: %d", code)
			}
		}
		code, res := scans(gate, north, batch)
		want := []struct{ result, reason string }{{"admitted", ""}, {"admitted", ""}, {"already", "same_gate"}, {"refused", "signature"}, {"refused", "revoked"}}
		if code != 200 || len(res) != len(want) {
			t.Fatalf("sync: %d %+v", code, res)
		}
		for i, w := range want {
			if res[i].Result != w.result || res[i].Reason != w.reason || res[i].Sync != "created" {
				t.Fatalf("scan %d: %+v, want %v", i, res[i], w)
			}
		}
		// The same batch again (a sync retried after a lost answer): nothing new.
		_, res = scans(gate, north, batch)
		for i, r := range res {
			if r.Sync != "replayed" || r.Result != want[i].result {
				t.Fatalf("replay %d: %+v", i, r)
			}
		}
		// A nonce reused with other content is refused.
		_, res = scans(gate, north, scanBody(0, [3]string{"nonce-0001", e.Token, at}))
		if res[0].Sync != "conflict" || res[0].Result != "refused" {
			t.Fatalf("reused nonce: %+v", res[0])
		}
		// The second gate, online, refuses a badge already admitted at the first.
		_, res = scans(gate, south, scanBody(0, [3]string{"nonce-0006", a.Token, time.Now().UTC().Format(time.RFC3339Nano)}))
		if res[0].Result != "already" || res[0].OtherGate != "North" {
			t.Fatalf("second gate: %+v", res[0])
		}
		// Malformed input.
		if code, _ := scans(gate, north, `{"scans":[{"nonce":"x","token":"y","scanned_at":"2017-12-17T00:00:00Z"}]}`); code != http.StatusUnprocessableEntity {
			t.Fatalf("short nonce: %d", code)
		}
		var stats []gateStatJ
		_, body := f.json(org, "GET", "/api/v1/gates/stats", "")
		json.Unmarshal([]byte(body), &stats)
		if len(stats) != 2 || stats[0].FirstEntries != 2 || stats[0].Duplicates != 1 || stats[0].Refused != 2 || stats[0].Scans != 5 || !stats[0].Online {
			t.Fatalf("stats %s", body)
		}
		// The gate page and the organizer's view render in both languages.
		for _, l := range []string{"en", "zh"} {
			f.setLocale(gate, l)
			_, page := f.do(gate, "GET", fmt.Sprintf("/gate/%d", north), "", "")
			if !regexp.MustCompile(`id="gate-config">\{"gate":\{"id":\d+`).MatchString(page) || !strings.Contains(page, "/checkin/static/gate.js") {
				t.Fatalf("%s gate page:\n%s", l, page)
			}
			f.setLocale(org, l)
			_, page = f.do(org, "GET", "/admin/gates", "", "")
			if !strings.Contains(page, `data-name="North"`) {
				t.Fatalf("%s gates view:\n%s", l, page)
			}
		}
		if resp, _ := f.do(org, "GET", "/admin/badges/sheet", "", ""); resp.StatusCode != 200 {
			t.Fatalf("sheet %d", resp.StatusCode)
		}
		if resp, _ := f.do(talent, "GET", "/checkin/static/gate.js", "", ""); resp.StatusCode != 200 {
			t.Fatalf("script %d", resp.StatusCode)
		}
		_ = store.ScanAdmitted
	})
}

// checkinBench is a server with a gate, a gate agent's session and signed
// badges for n people.
func checkinBench(b *testing.B, open func(testing.TB) *store.DB, n int) (*Server, *http.Cookie, int64, []string) {
	b.Helper()
	db := open(b)
	ed := storetest.MustEdition(b, db, "ocs-bench")
	srv, err := New(db, Config{Logger: discardLogger()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Close() })
	gateUser := model.User{Email: "gate@bench.example", Name: "Gate", Role: model.RoleGate, Locale: "en"}
	if err := db.CreateUser(bg, &gateUser, "x"); err != nil {
		b.Fatal(err)
	}
	tok := "bench-gate-session-token-0123456789abcdef"
	if err := db.CreateSession(bg, session.Hash(tok), gateUser.ID, time.Hour); err != nil {
		b.Fatal(err)
	}
	g := store.Gate{EditionID: ed.ID, Name: "North"}
	if err := db.CreateGate(bg, &g); err != nil {
		b.Fatal(err)
	}
	for i := range n {
		u := model.User{Email: fmt.Sprintf("p%d@bench.example", i), Name: fmt.Sprintf("P %d", i), Role: model.RoleTalent, Locale: "en"}
		if err := db.CreateUser(bg, &u, "x"); err != nil {
			b.Fatal(err)
		}
	}
	now := time.Now()
	nbf, naf := badge.Window(ed.StartDate, ed.EndDate, now)
	if _, err := db.IssueBadges(bg, ed.ID, map[model.Role]string{model.RoleTalent: "talent"}, nbf, naf); err != nil {
		b.Fatal(err)
	}
	seed, err := db.Secret(bg, "badge-ed25519", ed25519.SeedSize)
	if err != nil {
		b.Fatal(err)
	}
	priv := ed25519.NewKeyFromSeed(seed)
	bs, err := db.Badges(bg, ed.ID, n)
	if err != nil {
		b.Fatal(err)
	}
	var tokens []string
	for _, x := range bs {
		t, err := badge.Sign(priv, badge.Claims{Badge: uint32(x.ID), Person: uint32(x.UserID), Edition: uint32(x.EditionID),
			Role: badge.RoleNamed(x.Role), NotBefore: x.NotBefore, NotAfter: x.NotAfter})
		if err != nil {
			b.Fatal(err)
		}
		tokens = append(tokens, t)
	}
	return srv, &http.Cookie{Name: session.Cookie, Value: tok}, g.ID, tokens
}

var benchNonce atomic.Int64

func scanBatch(tokens []string, k, size int) string {
	at := time.Now().UTC().Add(-time.Minute).Format(time.RFC3339Nano)
	var sb strings.Builder
	sb.WriteString(`{"device":"bench","queue":0,"scans":[`)
	for i := range size {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"nonce":"bench-%012d","token":%q,"scanned_at":%q,"offline":true}`, benchNonce.Add(1), tokens[(k*size+i)%len(tokens)], at)
	}
	sb.WriteString("]}")
	return sb.String()
}

func postScans(b *testing.B, srv *Server, cookie *http.Cookie, gate int64, body string) {
	req := httptest.NewRequest("POST", fmt.Sprintf("/api/v1/gates/%d/scans", gate), strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(cookie)
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		b.Fatalf("scans: %d %s", w.Code, w.Body)
	}
}

// BenchmarkCheckinIngest: scans through the real handler (middleware,
// session, JSON, Ed25519 verification, the store's transaction), 8 gates'
// requests at once: "single" is an online gate posting each scan as it
// happens, "batch100" gates syncing 100 queued scans per request. Reports
// scans/s and the p99 of a request.
//
//	go test ./internal/web -run '^$' -bench CheckinIngest -benchtime 3000x
func BenchmarkCheckinIngest(b *testing.B) {
	for _, be := range storetest.Backends(b) {
		for _, size := range []int{1, 100} {
			name := "single"
			if size > 1 {
				name = fmt.Sprintf("batch%d", size)
			}
			b.Run(be.Name+"/"+name, func(b *testing.B) {
				srv, cookie, gate, tokens := checkinBench(b, be.Open, 2000)
				var mu sync.Mutex
				var lat []time.Duration
				var k atomic.Int64
				b.SetParallelism(4) // 8 goroutines on 2 cores
				b.ResetTimer()
				cpu0 := cputime.Process()
				start := time.Now()
				b.RunParallel(func(pb *testing.PB) {
					var mine []time.Duration
					for pb.Next() {
						body := scanBatch(tokens, int(k.Add(1)), size)
						t0 := time.Now()
						postScans(b, srv, cookie, gate, body)
						mine = append(mine, time.Since(t0))
					}
					mu.Lock()
					lat = append(lat, mine...)
					mu.Unlock()
				})
				el := time.Since(start)
				b.StopTimer()
				slices.Sort(lat)
				b.ReportMetric(float64(b.N*size)/el.Seconds(), "scans/s")
				b.ReportMetric(float64((cputime.Process()-cpu0).Microseconds())/float64(b.N*size), "cpu-µs/scan")
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			})
		}
	}
}

// BenchmarkOfflineSync5000: a gate back after an hour offline syncs 5,000
// queued scans in one request.
//
//	go test ./internal/web -run '^$' -bench OfflineSync5000 -benchtime 5x
func BenchmarkOfflineSync5000(b *testing.B) {
	for _, be := range storetest.Backends(b) {
		b.Run(be.Name, func(b *testing.B) {
			srv, cookie, gate, tokens := checkinBench(b, be.Open, 2000)
			bodies := make([]string, b.N)
			for i := range bodies {
				bodies[i] = scanBatch(tokens, i, 5000)
			}
			b.ResetTimer()
			cpu0 := cputime.Process()
			for i := 0; i < b.N; i++ {
				postScans(b, srv, cookie, gate, bodies[i])
			}
			b.ReportMetric(float64((cputime.Process()-cpu0).Microseconds())/float64(b.N*5000), "cpu-µs/scan")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/batch")
		})
	}
}

// A badge's short code, typed at a gate, counts as its QR: the holder's
// page shows it; typed with spaces or in lower case it admits; a code with
// one character changed, or another edition's badge, is refused.
func TestCheckinShortCode(t *testing.T) {
	t.Parallel()
	f := newFixture(t, storetest.SQLite(t))
	org, gate, talent := f.client(model.RoleOrganizer), f.client(model.RoleGate), f.client(model.RoleTalent)
	if resp, body := f.postForm(org, "/admin/gates", url.Values{"name": {"North"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("gate: %d %s", resp.StatusCode, body)
	}
	gs, _ := f.db.Gates(bg, f.edition.ID)
	if resp, _ := f.postForm(talent, "/me/badge", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("issue own badge: %d", resp.StatusCode)
	}
	_, page := f.do(talent, "GET", "/me/badge", "", "")
	m := regexp.MustCompile(`id="badge-short"[^>]*>([0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5})<`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no short code on the badge page:\n%s", page)
	}
	code := m[1]
	wrong := []byte(code)
	wrong[3] = map[bool]byte{true: '7', false: '8'}[wrong[3] != '7']
	at := time.Now().UTC().Add(-time.Minute).Format(time.RFC3339Nano)
	typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	resp, body := f.json(gate, "POST", fmt.Sprintf("/api/v1/gates/%d/scans", gs[0].ID),
		scanBody(0, [3]string{"short-0001", string(wrong), at}, [3]string{"short-0002", typed, at}, [3]string{"short-0003", code, at}))
	var out struct{ Results []scanOutJ }
	json.Unmarshal([]byte(body), &out)
	want := []struct{ result, reason string }{{"refused", "malformed"}, {"admitted", ""}, {"already", "same_gate"}}
	if resp.StatusCode != 200 || len(out.Results) != len(want) {
		t.Fatalf("scans: %d %s", resp.StatusCode, body)
	}
	for i, w := range want {
		if out.Results[i].Result != w.result || out.Results[i].Reason != w.reason {
			t.Fatalf("scan %d: %+v, want %v", i, out.Results[i], w)
		}
	}
}

// TestCheckinCoachGate: the organizer opens a boarding gate per coach of a
// field study; its gate admits the people the boarding list puts on that
// coach, refuses someone on another coach with the coach to board (in both
// languages on the gate page), and refuses someone not registered.
func TestCheckinCoachGate(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		org, gate := f.client(model.RoleOrganizer), f.client(model.RoleGate)
		talent, ent, del := f.client(model.RoleTalent), f.client(model.RoleEnterprise), f.client(model.RoleDelegation)
		start := time.Now().UTC().Add(time.Hour)
		ev := store.EventInfo{Event: model.Event{EditionID: f.edition.ID, Kind: model.EventFieldStudy, Title: "Park visit", Room: "Science park",
			StartsAt: start, EndsAt: start.Add(4 * time.Hour), Capacity: 2}, Audience: "all", HoldSeconds: 3600, Coaches: 2, CoachSeats: 1}
		if err := f.db.SaveEvent(bg, &ev); err != nil {
			t.Fatal(err)
		}
		for _, r := range []model.Role{model.RoleTalent, model.RoleEnterprise} {
			if _, err := f.db.RegisterForEvent(bg, ev.ID, f.users[r].ID); err != nil {
				t.Fatal(err)
			}
		}
		for c := 1; c <= 2; c++ {
			form := url.Values{"name": {fmt.Sprint("Coach ", c)}, "event_id": {fmt.Sprint(ev.ID)}, "coach": {fmt.Sprint(c)}}
			if resp, body := f.postForm(org, "/admin/gates", form); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("coach gate %d: %d %s", c, resp.StatusCode, body)
			}
		}
		bad := url.Values{"name": {"Coach 3"}, "event_id": {fmt.Sprint(ev.ID)}, "coach": {"3"}}
		if resp, _ := f.postForm(org, "/admin/gates", bad); resp.StatusCode != http.StatusUnprocessableEntity && resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("a third coach's gate on two coaches: %d", resp.StatusCode)
		}
		gs, _ := f.db.Gates(bg, f.edition.ID)
		if len(gs) != 2 || gs[0].Coach != 1 || gs[1].Coach != 2 {
			t.Fatalf("gates %+v", gs)
		}
		if resp, _ := f.postForm(org, "/admin/badges/issue", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("issue all: %d", resp.StatusCode)
		}
		token := func(c *http.Client) string {
			_, body := f.json(c, "GET", "/api/v1/me/badge", "")
			var b badgeJ
			json.Unmarshal([]byte(body), &b)
			return b.Token
		}
		// One seat a coach, each alone: the boarding page's lists say who rides which.
		_, page := f.do(org, "GET", fmt.Sprintf("/admin/events/%d/boarding", ev.ID), "", "")
		coachOf := map[model.Role]int{model.RoleTalent: 1, model.RoleEnterprise: 2}
		if strings.Index(page, f.users[model.RoleTalent].Name) > strings.Index(page, f.users[model.RoleEnterprise].Name) {
			coachOf = map[model.Role]int{model.RoleTalent: 2, model.RoleEnterprise: 1}
		}
		n := 0
		scan := func(g int64, tok string) scanOutJ {
			t.Helper()
			n++
			at := time.Now().UTC().Add(-time.Minute).Format(time.RFC3339Nano)
			resp, body := f.json(gate, "POST", fmt.Sprintf("/api/v1/gates/%d/scans", g), scanBody(0, [3]string{fmt.Sprintf("coach-%04d", n), tok, at}))
			var out struct {
				Results []struct {
					scanOutJ
					Coach int `json:"coach"`
				}
			}
			json.Unmarshal([]byte(body), &out)
			if resp.StatusCode != 200 || len(out.Results) != 1 {
				t.Fatalf("scan: %d %s", resp.StatusCode, body)
			}
			r := out.Results[0]
			r.scanOutJ.Reason += fmt.Sprint("/", r.Coach)
			return r.scanOutJ
		}
		for _, c := range []struct {
			who *http.Client
			r   model.Role
		}{{talent, model.RoleTalent}, {ent, model.RoleEnterprise}} {
			mine, other := gs[coachOf[c.r]-1].ID, gs[2-coachOf[c.r]].ID
			if o := scan(mine, token(c.who)); o.Result != "admitted" || o.Reason != "/0" {
				t.Fatalf("%s at their coach: %+v", c.r, o)
			}
			if o := scan(other, token(c.who)); o.Result != "refused" || o.Reason != fmt.Sprint("board_coach/", coachOf[c.r]) {
				t.Fatalf("%s at the other coach: %+v", c.r, o)
			}
		}
		if o := scan(gs[0].ID, token(del)); o.Result != "refused" || o.Reason != "not_registered/0" {
			t.Fatalf("not registered: %+v", o)
		}
		// The gate page tells staff which coach to board, in both languages.
		for l, want := range map[string]string{"en": "board coach {n}", "zh": "请乘坐 {n} 号车"} {
			f.setLocale(gate, l)
			_, page := f.do(gate, "GET", fmt.Sprintf("/gate/%d", gs[0].ID), "", "")
			if !strings.Contains(page, want) {
				t.Fatalf("%s gate page lacks %q", l, want)
			}
		}
	})
}
