package web

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/turn"
	"github.com/convene/convene/internal/web/session"
	"github.com/convene/convene/internal/web/video"
)

func init() {
	expect(map[string]string{
		"GET /video/room.js":                "anyone",
		"GET /video/room.css":               "anyone",
		"GET /video/{id}":                   "signed-in",
		"GET /video/{id}/events":            "signed-in",
		"POST /video/{id}/signal":           "signed-in",
		"POST /video/{id}/chat":             "signed-in",
		"GET /admin/video":                  "organizer",
		"POST /admin/video/rooms/{id}/link": "organizer",
		"GET /api/v1/video/{id}":            "signed-in",
		"PUT /api/v1/video/rooms/{id}/link": "organizer",
	})
}

// videoRoom publishes an interview between the fixture's enterprise and
// talent in a new video room at a slot starting at start, and returns the
// meeting's id and the room's table id.
func videoRoom(t testing.TB, db *store.DB, ed model.Edition, fair model.Fair, ent, tal int64, start time.Time, code string) (int64, int64) {
	t.Helper()
	u, err := db.User(bg, ent)
	if err != nil {
		t.Fatal(err)
	}
	p := model.Post{OrgID: *u.OrgID, FairID: fair.ID, Title: "Video post " + code}
	p.Validate()
	if err := db.CreatePost(bg, &p); err != nil {
		t.Fatal(err)
	}
	tt, err := db.TalentByUser(bg, tal)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := db.Apply(bg, tt.ID, p.ID, model.ChannelPC)
	if err != nil {
		t.Fatal(err)
	}
	req, err := db.CreateMeetingRequest(bg, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: ent, ApplicationID: a.ID, Video: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AnswerMeetingRequest(bg, req.ID, tal, true); err != nil {
		t.Fatal(err)
	}
	start = start.UTC().Truncate(time.Second)
	db.AddSlots(bg, ed.ID, []model.Slot{{EditionID: ed.ID, StartsAt: start, EndsAt: start.Add(30 * time.Minute)}})
	var slot int64
	sl, _ := db.ListSlots(bg, ed.ID)
	for _, s := range sl {
		if s.StartsAt.Equal(start) {
			slot = s.ID
		}
	}
	room := model.Table{EditionID: ed.ID, Code: code, Video: true}
	if err := db.CreateMeetingTable(bg, &room, "Asia/Tokyo"); err != nil {
		t.Fatal(err)
	}
	run := store.ScheduleRun{EditionID: ed.ID, Kind: "interview", Requests: 1}
	if err := db.SaveScheduleRun(bg, &run, 0, nil, []store.Placement{{RequestID: req.ID, SlotID: slot, TableID: room.ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PublishScheduleRun(bg, run.ID, 0); err != nil {
		t.Fatal(err)
	}
	return req.ID, room.ID
}

// sse reads a stream's events: kind and data.
type sseEvent struct{ Event, Data string }

func openStream(t testing.TB, c *http.Client, base, path string) (<-chan sseEvent, func()) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		resp.Body.Close()
		t.Fatalf("stream %s: %d", path, resp.StatusCode)
	}
	ch := make(chan sseEvent, 64)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.Event = line[7:]
			case strings.HasPrefix(line, "data: "):
				ev.Data = line[6:]
			case line == "" && ev.Event != "":
				ch <- ev
				ev = sseEvent{}
			}
		}
	}()
	return ch, func() { resp.Body.Close() }
}

// videoWait bounds the wait for one event (the many-rooms benchmark on a
// busy machine needs longer).
var videoWait = 10 * time.Second

// next waits for the next event of kind (skipping others).
func next(t testing.TB, ch <-chan sseEvent, event, kind string) sseEvent {
	t.Helper()
	deadline := time.After(videoWait)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("stream ended waiting for %s %s", event, kind)
			}
			if ev.Event == event && (kind == "" || strings.Contains(ev.Data, `"kind":"`+kind+`"`)) {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %s %s within %s", event, kind, videoWait)
		}
	}
}

// TestVideoRoom: the two sides enter and signal each other through the
// stream, chat is kept for both, credentials for the relay are theirs;
// others are refused, bad messages too, and rooms outside their window or
// pointed at an external system carry no call.
func TestVideoRoom(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		ent, tal := f.users[model.RoleEnterprise].ID, f.users[model.RoleTalent].ID
		id, table := videoRoom(t, f.db, f.edition, f.fair, ent, tal, time.Now().Add(-time.Minute), "V1")
		path := fmt.Sprintf("/video/%d", id)
		video.Configure(video.Config{TURNURLs: []string{"turn:192.0.2.2:3478?transport=udp"}, Secret: []byte("a test secret of 16+ bytes")})
		t.Cleanup(func() { video.Configure(video.Config{}) })

		ce, ct := f.client(model.RoleEnterprise), f.client(model.RoleTalent)
		for role, want := range map[model.Role]int{model.RoleTalent: 200, model.RoleEnterprise: 200, model.RoleOrganizer: 200,
			model.RoleDelegation: 403, model.RoleJudge: 403, model.RoleGate: 403, "": 303} {
			resp, body := f.do(f.client(role), "GET", path, "", "")
			if resp.StatusCode != want {
				t.Fatalf("%q GET %s: %d, want %d", role, path, resp.StatusCode, want)
			}
			if want == 200 && (role == model.RoleOrganizer) != strings.Contains(body, `id="organizer-note"`) {
				t.Fatalf("%s: organizer note wrong", role)
			}
			if want == 200 && role != model.RoleOrganizer && !strings.Contains(body, `id="call"`) {
				t.Fatalf("%s sees no call", role)
			}
		}
		// The calendar carries the room's link.
		if _, cal := f.do(ct, "GET", "/me/agenda.ics", "", ""); !strings.Contains(strings.ReplaceAll(cal, "\r\n ", ""), "URL:"+f.ts.URL+path+"\r\n") {
			t.Fatalf("no room link in the agenda's calendar:\n%s", cal)
		}
		if resp, _ := f.json(f.client(model.RoleDelegation), "POST", path+"/signal", `{"kind":"offer","body":{}}`); resp.StatusCode != 403 {
			t.Fatalf("a non-participant signals: %d", resp.StatusCode)
		}
		if resp, _ := f.do(f.client(model.RoleOrganizer), "GET", path+"/events", "", ""); resp.StatusCode != 403 {
			t.Fatalf("an organizer opens the call's stream: %d", resp.StatusCode)
		}

		// Credentials for the built-in relay name the member and expire.
		var room struct {
			State string `json:"state"`
			ICE   []struct {
				Username string `json:"username"`
			} `json:"ice_servers"`
			Chat []struct {
				Body string `json:"body"`
			} `json:"chat"`
		}
		_, body := f.json(ct, "GET", "/api/v1"+path, "")
		json.Unmarshal([]byte(body), &room)
		if room.State != "open" || len(room.ICE) != 1 {
			t.Fatalf("room %s", body)
		}
		if exp, uid, err := turn.Parse(room.ICE[0].Username, time.Now()); err != nil || uid != tal || exp.After(time.Now().Add(time.Hour)) {
			t.Fatalf("credential %q: %v %d %v", room.ICE[0].Username, exp, uid, err)
		}

		// Signaling: the enterprise's stream sees the talent arrive and
		// the talent's offer; the talent's sees the answer.
		es, closeE := openStream(t, ce, f.ts.URL, path+"/events?tz=Asia/Shanghai")
		defer closeE()
		ts, closeT := openStream(t, ct, f.ts.URL, path+"/events?tz=Asia/Tokyo")
		defer closeT()
		next(t, es, "signal", "hello")
		if resp, body := f.json(ct, "POST", path+"/signal", `{"kind":"offer","body":{"gen":1,"sdp":{"type":"offer","sdp":"v=0"}}}`); resp.StatusCode != 204 {
			t.Fatalf("offer: %d %s", resp.StatusCode, body)
		}
		if ev := next(t, es, "signal", "offer"); !strings.Contains(ev.Data, `"sdp":"v=0"`) {
			t.Fatalf("offer arrived as %s", ev.Data)
		}
		f.json(ce, "POST", path+"/signal", `{"kind":"answer","body":{"gen":1}}`)
		next(t, ts, "signal", "answer")

		// Bad messages: refused, nothing kept.
		for _, bad := range []string{`{"kind":"shout","body":{}}`, `{"kind":"offer","body":"x"}`, `{"kind":"offer"}`, `not json`,
			`{"kind":"offer","body":{"sdp":"` + strings.Repeat("a", 20<<10) + `"}}`} {
			if resp, _ := f.json(ct, "POST", path+"/signal", bad); resp.StatusCode != 422 && resp.StatusCode != 413 {
				t.Fatalf("%.40s: %d", bad, resp.StatusCode)
			}
		}
		// The rate limit: a burst beyond it is refused with 429.
		// (300 messages from 10 senders: over the burst of 120 sooner
		// than 20 a second refill it, even on a slow database.)
		var limited, sent atomic.Int32
		var wg sync.WaitGroup
		for range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 30 {
					if resp, _ := f.json(ct, "POST", path+"/signal", `{"kind":"candidate","body":{"gen":9}}`); resp.StatusCode == 429 {
						limited.Add(1)
					} else if resp.StatusCode == 204 {
						sent.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		// The burst is 120, less what the steps above already spent
		// (one signal): 119 kept when the machine is quick, more when
		// a slow run lets the bucket refill.
		if limited.Load() == 0 || sent.Load() < 110 {
			t.Fatalf("300 messages at once: %d limited, %d kept", limited.Load(), sent.Load())
		}

		// Chat: a form post, seen on the other side's stream and kept.
		if resp, _ := f.postForm(ce, path+"/chat", url.Values{"body": {"Welcome! 欢迎"}}); resp.StatusCode != 303 {
			t.Fatalf("chat: %d", resp.StatusCode)
		}
		if ev := next(t, ts, "chat", ""); !strings.Contains(ev.Data, "Welcome!") {
			t.Fatalf("chat arrived as %s", ev.Data)
		}
		if resp, _ := f.postForm(ce, path+"/chat", url.Values{"body": {"  "}}); resp.StatusCode != 422 {
			t.Fatalf("empty chat: %d", resp.StatusCode)
		}
		_, body = f.json(ct, "GET", "/api/v1"+path, "")
		json.Unmarshal([]byte(body), &room)
		if len(room.Chat) != 1 || room.Chat[0].Body != "Welcome! 欢迎" {
			t.Fatalf("chat kept: %s", body)
		}
		closeE()
		next(t, ts, "signal", "bye")

		// A room outside its window: the page shows when, no call.
		later, _ := videoRoom(t, f.db, f.edition, f.fair, ent, tal, time.Now().Add(3*time.Hour), "V2")
		lp := fmt.Sprintf("/video/%d", later)
		if _, body := f.do(ct, "GET", lp, "", ""); !strings.Contains(body, `id="not-open"`) || strings.Contains(body, `id="call"`) {
			t.Fatal("an early room offers the call")
		}
		if resp, _ := f.json(ct, "POST", lp+"/signal", `{"kind":"hello","body":{}}`); resp.StatusCode != 409 {
			t.Fatalf("signal before the window: %d", resp.StatusCode)
		}
		if resp, _ := f.do(ct, "GET", lp+"/events", "", ""); resp.StatusCode != 409 {
			t.Fatalf("stream before the window: %d", resp.StatusCode)
		}

		// An external meeting system: the same page gives its link.
		org := f.client(model.RoleOrganizer)
		lpath := fmt.Sprintf("/api/v1/video/rooms/%d/link", table)
		if resp, _ := f.json(org, "PUT", lpath, `{"url":"javascript:alert(1)"}`); resp.StatusCode != 422 {
			t.Fatalf("a javascript: link: %d", resp.StatusCode)
		}
		if resp, _ := f.json(ct, "PUT", lpath, `{"url":"https://meeting.example.com/1"}`); resp.StatusCode != 403 {
			t.Fatalf("a talent sets the link: %d", resp.StatusCode)
		}
		if resp, body := f.json(org, "PUT", lpath, `{"url":"https://meeting.example.com/1"}`); resp.StatusCode != 200 {
			t.Fatalf("link: %d %s", resp.StatusCode, body)
		}
		if _, body := f.do(ct, "GET", path, "", ""); !strings.Contains(body, `href="https://meeting.example.com/1"`) || strings.Contains(body, `id="call"`) {
			t.Fatal("the external link is not on the room page")
		}
		if resp, _ := f.json(ct, "POST", path+"/signal", `{"kind":"hello","body":{}}`); resp.StatusCode != 409 {
			t.Fatalf("signal in an external room: %d", resp.StatusCode)
		}
		if resp, _ := f.postForm(org, fmt.Sprintf("/admin/video/rooms/%d/link", table), url.Values{"url": {""}}); resp.StatusCode != 303 {
			t.Fatalf("clear the link: %d", resp.StatusCode)
		}
		if _, body := f.do(org, "GET", "/admin", "", ""); !strings.Contains(body, `href="/admin/video"`) {
			t.Fatal("the organizer's home does not link the video rooms")
		}
		if _, body := f.do(org, "GET", "/admin/video", "", ""); !strings.Contains(body, `id="video-figures"`) {
			t.Fatal("the organizer's page shows no figures")
		}
		if _, body := f.do(org, "GET", "/admin/video", "", ""); !strings.Contains(body, `data-room="`) {
			t.Fatal("the organizer's list shows no room")
		}
		// The agenda and the meetings page link the room.
		for _, p := range []string{"/me/agenda", "/me/meetings"} {
			if _, body := f.do(ct, "GET", p, "", ""); !strings.Contains(body, `href="`+path+`"`) {
				t.Fatalf("%s has no Join link", p)
			}
		}
	})
}

// BenchmarkVideoSignaling: the round trip of one signaling message and its
// reply between two browsers' streams through the server (POST → SSE →
// POST → SSE), on the test database.
func BenchmarkVideoSignaling(b *testing.B) {
	f := newBenchFixture(b)
	video.Configure(video.Config{SignalRate: 1e6, SignalBurst: 1e6}) // the round trip, not the limit
	b.Cleanup(func() { video.Configure(video.Config{}) })
	ent, tal := f.users[model.RoleEnterprise].ID, f.users[model.RoleTalent].ID
	id, _ := videoRoom(b, f.db, f.edition, f.fair, ent, tal, time.Now().Add(-time.Minute), "B1")
	path := fmt.Sprintf("/video/%d", id)
	ce, ct := f.client(model.RoleEnterprise), f.client(model.RoleTalent)
	es, c1 := openStream(b, ce, f.ts.URL, path+"/events")
	defer c1()
	ts, c2 := openStream(b, ct, f.ts.URL, path+"/events")
	defer c2()
	next(b, es, "signal", "hello")
	var lat []time.Duration
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		benchPost(b, f, ct, path, "candidate")
		next(b, es, "signal", "candidate")
		benchPost(b, f, ce, path, "answer")
		next(b, ts, "signal", "answer")
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkVideoRooms holds many rooms at once on one instance, signaling
// only: each room's two sides keep a stream open and exchange a message
// and its reply, all rooms at the same time. CONVENE_VIDEO_ROOMS sets the
// number (1,000 by default).
func BenchmarkVideoRooms(b *testing.B) {
	rooms := 1000
	if n, err := strconv.Atoi(os.Getenv("CONVENE_VIDEO_ROOMS")); err == nil && n > 0 {
		rooms = n
	}
	f := newBenchFixture(b)
	type side struct {
		c  *http.Client
		ch <-chan sseEvent
	}
	paths := make([]string, rooms)
	sides := make([][2]side, rooms)
	t0 := time.Now()
	entUser := f.users[model.RoleEnterprise]
	for i := range rooms {
		tal := model.Registration{Email: fmt.Sprintf("bench%d@test.example", i), Name: fmt.Sprintf("Talent %d", i), Password: testPassword, Role: model.RoleTalent, Locale: "en"}
		u, err := f.db.Register(bg, &tal, testHash)
		if err != nil {
			b.Fatal(err)
		}
		id, _ := videoRoom(b, f.db, f.edition, f.fair, entUser.ID, u.ID, time.Now().Add(-time.Minute), fmt.Sprintf("R%d", i))
		paths[i] = fmt.Sprintf("/video/%d", id)
		sides[i][0].c = f.client(model.RoleEnterprise)
		sides[i][1].c = f.userClient(u.ID)
	}
	b.Logf("%d rooms set up in %s", rooms, time.Since(t0).Round(time.Millisecond))
	videoWait = 2 * time.Minute
	defer func() { videoWait = 10 * time.Second }()
	b.ResetTimer()
	for range b.N {
		t1 := time.Now()
		var closers []func()
		for i := range rooms {
			for s := range 2 {
				ch, c := openStream(b, sides[i][s].c, f.ts.URL, paths[i]+"/events")
				sides[i][s].ch = ch
				closers = append(closers, c)
			}
		}
		opened := time.Since(t1)
		var mu sync.Mutex
		var lat []time.Duration
		var wg sync.WaitGroup
		for i := range rooms {
			wg.Add(1)
			go func() {
				defer wg.Done()
				next(b, sides[i][0].ch, "signal", "hello")
				t := time.Now()
				benchPost(b, f, sides[i][1].c, paths[i], "offer")
				next(b, sides[i][0].ch, "signal", "offer")
				benchPost(b, f, sides[i][0].c, paths[i], "answer")
				next(b, sides[i][1].ch, "signal", "answer")
				mu.Lock()
				lat = append(lat, time.Since(t))
				mu.Unlock()
			}()
		}
		wg.Wait()
		// Then one room's round trip while every stream stays open.
		var held []time.Duration
		for range 100 {
			t := time.Now()
			benchPost(b, f, sides[0][1].c, paths[0], "candidate")
			next(b, sides[0][0].ch, "signal", "candidate")
			benchPost(b, f, sides[0][0].c, paths[0], "candidate")
			next(b, sides[0][1].ch, "signal", "candidate")
			held = append(held, time.Since(t))
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
		sort.Slice(held, func(i, j int) bool { return held[i] < held[j] })
		b.ReportMetric(float64(held[len(held)/2].Microseconds())/1000, "held-p50-ms")
		b.ReportMetric(float64(held[len(held)*99/100].Microseconds())/1000, "held-p99-ms")
		for _, c := range closers {
			c()
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		b.ReportMetric(float64(2*rooms), "streams")
		b.ReportMetric(opened.Seconds(), "open-s")
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "burst-p50-ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "burst-p99-ms")
	}
}

func benchPost(b testing.TB, f *fixture, c *http.Client, path, kind string) {
	req, _ := http.NewRequest("POST", f.ts.URL+path+"/signal", strings.NewReader(`{"kind":"`+kind+`","body":{"gen":1}}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 204 {
		b.Fatalf("signal: %d", resp.StatusCode)
	}
}

// userClient is a client signed in as any user.
func (f *fixture) userClient(userID int64) *http.Client {
	c := f.client("")
	f.sessions++
	tok := fmt.Sprintf("test-session-token-for-user-%d-%d-0123456789", userID, f.sessions)
	if err := f.db.CreateSession(bg, session.Hash(tok), userID, time.Hour); err != nil {
		panic(err)
	}
	u, _ := url.Parse(f.ts.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: session.Cookie, Value: tok}})
	return c
}

// newBenchFixture is the fixture's server and accounts for a benchmark, on
// a SQLite file (CONVENE_TEST_POSTGRES picks PostgreSQL instead).
func newBenchFixture(b *testing.B) *fixture {
	be := storetest.Backends(b)
	db := be[len(be)-1].Open(b)
	srv, ts := serve(b, db, Config{})
	f := &fixture{db: db, srv: srv, ts: ts, users: map[model.Role]model.User{}}
	f.edition = model.Edition{Slug: "ocs-2017", Name: "OCS 2017", City: "Guangzhou",
		StartDate: time.Date(2017, 12, 17, 0, 0, 0, 0, time.UTC), EndDate: time.Date(2017, 12, 18, 0, 0, 0, 0, time.UTC), TimeZone: "Asia/Shanghai"}
	if err := db.CreateEdition(bg, &f.edition, 0); err != nil {
		b.Fatal(err)
	}
	f.fair = model.Fair{EditionID: f.edition.ID, Kind: model.FairVideo, Name: "Video job fair"}
	db.CreateFair(bg, &f.fair)
	o := model.Organization{Kind: model.OrgEnterprise, Name: "Org", Status: model.OrgApproved, Province: "Guangdong"}
	if err := db.CreateOrganization(bg, &o); err != nil {
		b.Fatal(err)
	}
	ent := model.User{Email: "enterprise@test.example", Name: "The enterprise", Role: model.RoleEnterprise, OrgID: &o.ID, Locale: "en"}
	if err := db.CreateUser(bg, &ent, testHash); err != nil {
		b.Fatal(err)
	}
	tal, err := db.Register(bg, &model.Registration{Email: "talent@test.example", Name: "The talent", Password: testPassword, Role: model.RoleTalent, Locale: "en"}, testHash)
	if err != nil {
		b.Fatal(err)
	}
	f.users[model.RoleEnterprise], f.users[model.RoleTalent] = ent, tal
	return f
}
