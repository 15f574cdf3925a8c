package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/convene/convene/internal/cputime"
	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/session"
)

// BenchmarkScan measures the server's own cost of one scan (the landing
// GET /s/{token} and its one tap POST /s/{token}/apply) for a signed-in
// talent, in process, without a network or a load generator: the part of
// the load harness's figure (cmd/convene load -scenario scan) that this
// code controls. BenchmarkHealthz is the trivial endpoint beside it.
//
//	go test ./internal/web -run '^$' -bench 'Scan|Healthz' -benchmem
func BenchmarkScan(b *testing.B) {
	for _, be := range storetest.Backends(b) {
		b.Run(be.Name, func(b *testing.B) {
			srv, cookies, tokens := scanBench(b, be.Open)
			b.ReportAllocs()
			b.ResetTimer()
			defer reportCPU(b, cputime.Process())
			for i := 0; i < b.N; i++ {
				// Talents in turn, each scanning posts in a scattered order:
				// a few applications each, as at the convention.
				cookie := cookies[i%len(cookies)]
				tok := tokens[(i*7919)%len(tokens)]
				for _, req := range []*http.Request{
					httptest.NewRequest("GET", "/s/"+tok, nil),
					httptest.NewRequest("POST", "/s/"+tok+"/apply", nil),
				} {
					req.AddCookie(cookie)
					w := httptest.NewRecorder()
					srv.ServeHTTP(w, req)
					if w.Code != http.StatusOK && w.Code != http.StatusSeeOther {
						b.Fatalf("%s %s: %d %s", req.Method, req.URL, w.Code, w.Body)
					}
				}
			}
		})
	}
}

func BenchmarkHealthz(b *testing.B) {
	for _, be := range storetest.Backends(b) {
		b.Run(be.Name, func(b *testing.B) {
			srv, _, _ := scanBench(b, be.Open)
			b.ReportAllocs()
			b.ResetTimer()
			defer reportCPU(b, cputime.Process())
			for i := 0; i < b.N; i++ {
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, httptest.NewRequest("GET", "/healthz", nil))
				if w.Code != http.StatusOK {
					b.Fatalf("healthz: %d", w.Code)
				}
			}
		})
	}
}

// reportCPU adds the process's CPU time per operation since start: on a
// shared machine it does not grow with other people's load as wall time does.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((cputime.Process()-start).Microseconds())/float64(b.N), "cpu-µs/op")
}

// scanBench loads a small generated convention and signs in its talents;
// it returns the server, their session cookies and the open posts' tokens.
func scanBench(b *testing.B, open func(testing.TB) *store.DB) (*Server, []*http.Cookie, []string) {
	b.Helper()
	db := open(b)
	c := gen.Generate(2017, 0.05)
	if _, err := gen.Load(bg, db, c, gen.LoadOptions{PasswordHash: testHash}); err != nil {
		b.Fatal(err)
	}
	srv, err := New(db, Config{Logger: discardLogger()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Close() })
	var cookies []*http.Cookie
	for _, u := range c.Users {
		if u.Role == model.RoleTalent {
			tok := fmt.Sprintf("bench-session-token-%d-0123456789abcdef", u.ID)
			if err := db.CreateSession(bg, session.Hash(tok), u.ID, time.Hour); err != nil {
				b.Fatal(err)
			}
			cookies = append(cookies, &http.Cookie{Name: session.Cookie, Value: tok})
		}
	}
	sec, err := srv.deps.Codes.Secret(bg)
	if err != nil {
		b.Fatal(err)
	}
	var tokens []string
	for _, p := range c.Posts {
		if p.Status == model.PostOpen {
			tokens = append(tokens, qr.Token(sec, qr.Post, p.ID))
		}
	}
	return srv, cookies, tokens
}
