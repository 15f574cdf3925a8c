package e2e

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/webhook"
)

// TestCrash kills a serving convene with SIGKILL while talents apply
// concurrently, restarts it on the same database, and checks that every
// application the server acknowledged is there, once. On SQLite this holds
// by WAL with synchronous=NORMAL (a process kill loses nothing the OS has
// been handed); on PostgreSQL by its commit.
func TestCrash(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { crashTest(t, filepath.Join(t.TempDir(), "crash.db")) })
	t.Run("postgres", func(t *testing.T) { crashTest(t, storetest.NewPostgresDB(t)) })
}

const (
	crashSeed    = 11
	crashScale   = 0.05
	crashWorkers = 8
	crashAcks    = 300 // kill after this many acknowledged applications
)

// ack is an application the server acknowledged (201, or 200: applied
// before).
type ack struct {
	email   string
	post    int64
	id      int64
	created bool
}

func crashTest(t *testing.T, dsn string) {
	sim := exec.Command(binary, "simulate", "-quiet", "-scale", fmt.Sprint(crashScale), "-seed", fmt.Sprint(crashSeed), "-db", dsn)
	if out, err := sim.CombinedOutput(); err != nil {
		t.Fatalf("simulate: %v\n%s", err, out)
	}
	conv := gen.Generate(crashSeed, crashScale)
	var posts []int64
	for _, p := range conv.Posts {
		if p.Status == model.PostOpen {
			posts = append(posts, p.ID)
		}
	}
	emails := make([]string, crashWorkers)
	for i := range emails {
		emails[i] = conv.Users[conv.Talents[i*7].UserID-1].Email
	}

	rcv := newOutboxReceiver(t)
	subscribeAll(t, dsn, conv, rcv.url)
	srv, url := serveProcess(t, dsn, rcv.env...)
	clients := make([]*http.Client, crashWorkers)
	for i, e := range emails {
		clients[i] = apiLogin(t, url, e)
	}

	var (
		mu       sync.Mutex
		acks     []ack
		failed   atomic.Int64 // requests in flight at the kill: no answer
		early    atomic.Int64 // requests with no answer before the kill
		killing  atomic.Bool
		nacks    atomic.Int64
		rejected atomic.Int64 // answered, but not acknowledged
		wg       sync.WaitGroup
	)
	for w := range crashWorkers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(crashSeed, uint64(w)))
			for {
				p := posts[rng.IntN(len(posts))]
				a, status, err := applyOnce(clients[w], url, p)
				switch {
				case err != nil:
					if !killing.Load() {
						early.Add(1)
					}
					failed.Add(1)
					return // the server is gone
				case status == 201 || status == 200:
					mu.Lock()
					acks = append(acks, ack{emails[w], p, a.Application.ID, a.Created})
					mu.Unlock()
					nacks.Add(1)
				default:
					rejected.Add(1)
				}
			}
		})
	}
	deadline := time.Now().Add(10 * time.Second)
	for nacks.Load() < crashAcks && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	killing.Store(true)
	if err := srv.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill: %v", err)
	}
	srv.Wait()
	wg.Wait() // every worker ends on its first unanswered request
	if early.Load() > 0 {
		t.Errorf("%d requests failed before the kill", early.Load())
	}
	if len(acks) == 0 {
		t.Fatal("no application was acknowledged before the kill")
	}
	if rejected.Load() > 0 {
		t.Errorf("%d applications answered with an error before the kill", rejected.Load())
	}

	inFlight := rcv.count()
	_, url = serveProcess(t, dsn, rcv.env...)
	found, created := 0, 0
	byEmail := map[string][]ack{}
	for _, a := range acks {
		byEmail[a.email] = append(byEmail[a.email], a)
		if a.created {
			created++
		}
	}
	for _, e := range emails {
		c := apiLogin(t, url, e)
		apps := myApplications(t, c, url)
		have := map[int64]int64{} // post → application id
		for _, a := range apps {
			if _, dup := have[a.PostID]; dup {
				t.Errorf("%s: two applications to post %d", e, a.PostID)
			}
			have[a.PostID] = a.ID
		}
		seen := map[int64]bool{}
		for _, a := range byEmail[e] {
			if seen[a.post] {
				continue // acknowledged twice (200 the second time): one application
			}
			seen[a.post] = true
			id, ok := have[a.post]
			switch {
			case !ok:
				t.Errorf("%s: acknowledged application %d to post %d is missing after the restart", e, a.id, a.post)
			case id != a.id:
				t.Errorf("%s: post %d: acknowledged application %d, found %d", e, a.post, a.id, id)
			default:
				found++
			}
		}
	}
	distinct := 0
	for _, as := range byEmail {
		m := map[int64]bool{}
		for _, a := range as {
			m[a.post] = true
		}
		distinct += len(m)
	}
	dups := duplicates(t, dsn)
	if dups != 0 {
		t.Errorf("%d (talent, post) pairs have more than one application", dups)
	}
	t.Logf("%s: %d applications acknowledged before SIGKILL (%d new, %d distinct talent-post pairs), %d in flight at the kill; after restart found %d of %d, %d duplicated",
		filepath.Base(strings.SplitN(dsn, "?", 2)[0]), len(acks), created, distinct, failed.Load(), found, distinct, dups)

	// The outbox: every acknowledged new application's "application.received"
	// was committed with it, so the restarted dispatcher delivers what the
	// killed one had not; only deliveries in flight at the kill (claimed,
	// maybe sent, not recorded) may arrive twice, under the same id.
	var want []int64
	for _, a := range acks {
		if a.created {
			want = append(want, a.id)
		}
	}
	missing := rcv.waitFor(want, 30*time.Second)
	if len(missing) > 0 {
		t.Errorf("%d acknowledged applications' webhooks never delivered after the restart (first: %v)", len(missing), missing[:min(5, len(missing))])
	}
	total, twice := rcv.stats()
	t.Logf("outbox: %d events received before the kill, %d after the restart; %d of %d acknowledged applications' events delivered; %d delivered twice (same webhook-id)",
		inFlight, total-inFlight, len(want)-len(missing), len(want), twice)
}

// outboxReceiver is a webhook receiver on loopback that records deliveries
// by their webhook-id, as the documentation tells receivers to dedupe.
type outboxReceiver struct {
	url string
	env []string // what lets the server deliver here, and soon again after a kill

	mu    sync.Mutex
	byID  map[string]int // webhook-id → times received
	apps  map[int64]bool // application ids seen
	total int
}

func newOutboxReceiver(t *testing.T) *outboxReceiver {
	r := &outboxReceiver{byID: map[string]int{}, apps: map[int64]bool{}}
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, q *http.Request) {
		var ev struct {
			Type string `json:"type"`
			Data struct {
				ApplicationID int64 `json:"application_id"`
			} `json:"data"`
		}
		if err := json.NewDecoder(q.Body).Decode(&ev); err != nil || q.Header.Get("webhook-id") == "" {
			http.Error(w, "bad delivery", 400)
			return
		}
		r.mu.Lock()
		r.byID[q.Header.Get("webhook-id")]++
		r.total++
		if ev.Type == "application.received" {
			r.apps[ev.Data.ApplicationID] = true
		}
		r.mu.Unlock()
		w.WriteHeader(204)
	}))
	t.Cleanup(s.Close)
	r.url = s.URL + "/hook"
	r.env = []string{"CONVENE_WEBHOOK_ALLOW_HTTP=1", "CONVENE_WEBHOOK_ALLOW_PRIVATE=127.0.0.1/32",
		"CONVENE_WEBHOOK_TIMEOUT=2s", "CONVENE_WEBHOOK_LEASE=3s"}
	return r
}

func (r *outboxReceiver) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.total
}

// stats are the deliveries received and how many ids came more than once.
func (r *outboxReceiver) stats() (total, twice int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range r.byID {
		if n > 1 {
			twice++
		}
	}
	return r.total, twice
}

// waitFor waits until every application in ids was received and returns
// those that were not.
func (r *outboxReceiver) waitFor(ids []int64, limit time.Duration) []int64 {
	deadline := time.Now().Add(limit)
	for {
		var missing []int64
		r.mu.Lock()
		for _, id := range ids {
			if !r.apps[id] {
				missing = append(missing, id)
			}
		}
		r.mu.Unlock()
		if len(missing) == 0 || time.Now().After(deadline) {
			return missing
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// subscribeAll gives every organization with a post an endpoint for
// "application.received" at url, straight through the store.
func subscribeAll(t *testing.T, dsn string, conv *gen.Convention, url string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	done := map[int64]bool{}
	for _, p := range conv.Posts {
		if done[p.OrgID] {
			continue
		}
		done[p.OrgID] = true
		e := store.WebhookEndpoint{OrgID: p.OrgID, URL: url, Events: []string{"application.received"}, Secret: webhook.NewSecret()}
		if err := db.CreateWebhookEndpoint(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
}

// serveProcess starts `convene serve` on dsn as its own process and returns
// it with its URL. The test kills it (or cleanup does).
func serveProcess(t *testing.T, dsn string, env ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(binary, "serve", "-db", dsn, "-addr", "127.0.0.1:0", "-insecure-cookies")
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	cmd.Stderr = &logSink{t: t}
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("server did not start: %v", err)
	}
	f := strings.Fields(line) // "Convene serving on http://127.0.0.1:PORT (sqlite)"
	if len(f) < 4 {
		t.Fatalf("unexpected start line %q", line)
	}
	go io.Copy(io.Discard, out)
	return cmd, f[3]
}

func apiLogin(t *testing.T, url, email string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	body, _ := json.Marshal(map[string]string{"email": email, "password": gen.DemoPassword})
	resp, err := c.Post(url+"/api/v1/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("login %s: %v", email, err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("login %s: %d", email, resp.StatusCode)
	}
	return c
}

type applyAnswer struct {
	Application struct {
		ID int64 `json:"id"`
	} `json:"application"`
	Created bool `json:"created"`
}

func applyOnce(c *http.Client, url string, post int64) (applyAnswer, int, error) {
	var a applyAnswer
	resp, err := c.Post(fmt.Sprintf("%s/api/v1/posts/%d/apply", url, post), "application/json", strings.NewReader(`{"channel":"mobile"}`)) // scan needs the scanned token (issue 11)
	if err != nil {
		return a, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return a, 0, err // cut off mid-answer: not acknowledged
	}
	if resp.StatusCode == 200 || resp.StatusCode == 201 {
		if err := json.Unmarshal(b, &a); err != nil {
			return a, 0, err
		}
	}
	return a, resp.StatusCode, nil
}

type myApp struct {
	ID     int64 `json:"id"`
	PostID int64 `json:"post_id"`
}

func myApplications(t *testing.T, c *http.Client, url string) []myApp {
	t.Helper()
	resp, err := c.Get(url + "/api/v1/me/applications")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("my applications: %d", resp.StatusCode)
	}
	var apps []myApp
	if err := json.NewDecoder(resp.Body).Decode(&apps); err != nil {
		t.Fatal(err)
	}
	return apps
}

// duplicates counts (talent, post) pairs with more than one application,
// straight from the database.
func duplicates(t *testing.T, dsn string) int {
	t.Helper()
	driver := "sqlite"
	if strings.HasPrefix(dsn, "postgres") {
		driver = "pgx"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM (SELECT talent_id, post_id FROM applications GROUP BY talent_id, post_id HAVING count(*) > 1) d`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
