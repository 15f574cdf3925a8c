package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/cputime"
	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
	"github.com/convene/convene/internal/web/session"
)

// BenchmarkDockingPages measures the docking board (an organizer's whole
// board, a filtered one, the CIS delegation's), the exhibits catalogue
// (browsing and searching), the docking funnel and a docking's page through
// the real handlers over a generated convention (scale 1 unless
// CONVENE_BENCH_SCALE says otherwise), on each database; it reports each
// request's p50 and p99 beside the mean, and the process's CPU time per
// request (on a shared machine wall time grows with other people's load).
//
//	go test ./internal/web -run '^$' -bench DockingPages -benchtime 200x
//	CONVENE_BENCH_SCALE=10 CONVENE_BENCH_ONLY=funnel go test ./internal/web -run '^$' -bench 'DockingPages/sqlite' -benchtime 20x -timeout 60m
func BenchmarkDockingPages(b *testing.B) {
	scale := 1.0
	if s, err := strconv.ParseFloat(os.Getenv("CONVENE_BENCH_SCALE"), 64); err == nil && s > 0 {
		scale = s
	}
	only := os.Getenv("CONVENE_BENCH_ONLY")
	for _, be := range storetest.Backends(b) {
		b.Run(be.Name, func(b *testing.B) {
			srv, cookies, dock := dockingBench(b, be.Open, scale)
			pages := []struct {
				name, path, who string
			}{
				{"board", "/dockings", "organizer"},
				{"board-contest", "/dockings?source=contest", "organizer"},
				{"board-cis", "/dockings", "cis"},
				{"catalogue", "/exhibits", ""},
				{"catalogue-search", "/exhibits?q=battery", ""},
				{"funnel", "/dockings/funnel", "organizer"},
				{"docking-page", "/dockings/" + strconv.FormatInt(dock, 10), "organizer"},
			}
			for _, p := range pages {
				if only != "" && !strings.Contains(p.name, only) {
					continue
				}
				b.Run(p.name, func(b *testing.B) {
					lat := make([]time.Duration, 0, b.N)
					b.ResetTimer()
					defer reportCPU(b, cputime.Process())
					for i := 0; i < b.N; i++ {
						req := httptest.NewRequest("GET", p.path, nil)
						if c := cookies[p.who]; c != nil {
							req.AddCookie(c)
						}
						w := httptest.NewRecorder()
						t0 := time.Now()
						srv.ServeHTTP(w, req)
						lat = append(lat, time.Since(t0))
						if w.Code != http.StatusOK {
							b.Fatalf("%s: %d %s", p.path, w.Code, w.Body)
						}
					}
					b.StopTimer()
					slices.Sort(lat)
					b.ReportMetric(float64(lat[(len(lat)*99)/100].Microseconds())/1000, "p99-ms")
					b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
				})
			}
		})
	}
}

// dockingBench loads a convention and signs in the organizer and a member
// of the CIS delegation; it returns the server, their cookies and a
// docking's id.
func dockingBench(b *testing.B, open func(testing.TB) *store.DB, scale float64) (*Server, map[string]*http.Cookie, int64) {
	b.Helper()
	db := open(b)
	t0 := time.Now()
	c := gen.Generate(2017, scale)
	sum, err := gen.Load(bg, db, c, gen.LoadOptions{PasswordHash: testHash})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("scale %g loaded in %v (%d dockings)", scale, time.Since(t0).Round(time.Second), sum.Rows.Dockings)
	srv, err := New(db, Config{Logger: discardLogger()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Close() })
	cookies := map[string]*http.Cookie{}
	sign := func(who string, id int64) {
		tok := fmt.Sprintf("bench-docking-token-%s-0123456789abcdef", who)
		if err := db.CreateSession(bg, session.Hash(tok), id, time.Hour); err != nil {
			b.Fatal(err)
		}
		cookies[who] = &http.Cookie{Name: session.Cookie, Value: tok}
	}
	org, _, err := db.UserByEmail(bg, "organizer@"+gen.EmailDomain)
	if err != nil {
		b.Fatal(err)
	}
	sign("organizer", org.ID)
	cis, err := db.ListOrganizations(bg, store.OrgFilter{Kind: model.OrgDelegation, Query: "CIS", Limit: 1})
	if err != nil || len(cis) == 0 {
		b.Fatalf("no CIS delegation: %v", err)
	}
	ms, err := db.DelegationMembers(bg, cis[0].ID)
	if err != nil || len(ms) == 0 {
		b.Fatalf("no CIS member: %v", err)
	}
	sign("cis", ms[0].ID)
	cols, err := db.DockingBoard(bg, store.DockingFilter{EditionID: sum.EditionID}, 1)
	if err != nil {
		b.Fatal(err)
	}
	var dock int64
	for _, col := range cols {
		if len(col.Cards) > 0 {
			dock = col.Cards[0].ID
		}
	}
	return srv, cookies, dock
}
