package e2e

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
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
	"github.com/convene/convene/internal/store/storetest"
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

	srv, url := serveProcess(t, dsn)
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

	_, url = serveProcess(t, dsn)
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
}

// serveProcess starts `convene serve` on dsn as its own process and returns
// it with its URL. The test kills it (or cleanup does).
func serveProcess(t *testing.T, dsn string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(binary, "serve", "-db", dsn, "-addr", "127.0.0.1:0", "-insecure-cookies")
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
