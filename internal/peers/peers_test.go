package peers

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/notify"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestSplitKeepsEverything(t *testing.T) {
	var b batch
	for i := range 1000 {
		b.Posts = append(b.Posts, int64(i))
	}
	for i := range 300 {
		b.Talents = append(b.Talents, int64(i))
		b.Applied = append(b.Applied, applied{int64(i), int64(i), model.AppApplied})
	}
	b.Moved = 7
	var got batch
	for _, p := range split(b) {
		if n := len(p.Posts) + len(p.Talents) + 3*len(p.Applied); n > maxIDs || n == 0 && p.Moved == 0 {
			t.Fatalf("a part of %d numbers", n)
		}
		got.Posts = append(got.Posts, p.Posts...)
		got.Talents = append(got.Talents, p.Talents...)
		got.Applied = append(got.Applied, p.Applied...)
		got.Moved += p.Moved
	}
	if !slices.Equal(got.Posts, b.Posts) || !slices.Equal(got.Talents, b.Talents) || !slices.Equal(got.Applied, b.Applied) || got.Moved != 7 {
		t.Fatalf("split lost or reordered changes: %d posts, %d talents, %d applied, %d moved", len(got.Posts), len(got.Talents), len(got.Applied), got.Moved)
	}
}

// TestSQLiteHasNoPeers: one file is one instance; Run returns at once.
func TestSQLiteHasNoPeers(t *testing.T) {
	db := storetest.SQLite(t)
	p := New(db, &notify.Bus{}, quiet)
	done := make(chan struct{})
	go func() { p.Run(context.Background(), nil); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run kept running on SQLite")
	}
}

// TestTwoInstances: two instances on one PostgreSQL, each with its own
// bus. A post saved through A reaches B's bus, reloaded from the database
// and marked as a peer's, within a second; B does not send it back, and A
// does not hear itself.
func TestTwoInstances(t *testing.T) {
	url := storetest.NewPostgresDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	open := func() *store.DB {
		db, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	dbA, dbB := open(), open()
	busA, busB := &notify.Bus{}, &notify.Bus{}
	a, b := New(dbA, busA, quiet), New(dbB, busB, quiet)
	var mu sync.Mutex
	var atB []model.Post
	var peerAtA int
	arrived := make(chan time.Time, 16)
	busB.Subscribe(func(ctx context.Context, e notify.Event) {
		if ps, ok := e.(notify.PostsSaved); ok && notify.FromPeer(ctx) {
			mu.Lock()
			atB = append(atB, ps.Posts...)
			mu.Unlock()
			arrived <- time.Now()
		}
	})
	busA.Subscribe(func(ctx context.Context, e notify.Event) {
		if notify.FromPeer(ctx) {
			mu.Lock()
			peerAtA++
			mu.Unlock()
		}
	})
	var ready sync.WaitGroup
	ready.Add(2)
	for _, p := range []*Peers{a, b} {
		var once sync.Once
		go p.Run(ctx, func() { once.Do(ready.Done) })
	}
	ready.Wait()

	f, ent := storetest.FairWithEnterprise(t, dbA)
	post := model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: "Battery engineer", City: "Guangzhou", MinDegree: model.DegreeMaster}
	post.Validate()
	if err := dbA.CreatePost(ctx, &post); err != nil {
		t.Fatal(err)
	}
	post.Title = "Battery engineer (senior)"
	if err := dbA.UpdatePost(ctx, &post); err != nil {
		t.Fatal(err)
	}
	var lat []time.Duration
	for range 5 {
		start := time.Now()
		busA.Publish(ctx, notify.PostsSaved{Posts: []model.Post{post}})
		select {
		case at := <-arrived:
			lat = append(lat, at.Sub(start))
		case <-time.After(time.Second):
			t.Fatal("A's saved post did not reach B within a second")
		}
	}
	time.Sleep(300 * time.Millisecond) // room for an echo, were there one
	mu.Lock()
	defer mu.Unlock()
	if len(atB) != 5 || atB[0].ID != post.ID || atB[0].Title != "Battery engineer (senior)" {
		t.Fatalf("B got %+v", atB)
	}
	if peerAtA != 0 || a.Received() != 0 || b.Received() != 5 {
		t.Fatalf("an echo: A heard %d peer events (%d batches), B %d batches", peerAtA, a.Received(), b.Received())
	}
	slices.Sort(lat)
	t.Logf("A → B: median %v, max %v (batching waits %v)", lat[len(lat)/2], lat[len(lat)-1], batchWait)
}
