package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store/storetest"
)

// TestConcurrentApplies: many talents tapping at once, twice each, on open,
// closed and unknown posts and as an unknown talent. On SQLite these commit
// in shared batches (applyqueue.go): each caller must still get its own
// answer, and the table exactly the applications that were acknowledged.
func TestConcurrentApplies(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			f, ent := storetest.FairWithEnterprise(t, db)
			var posts []model.Post
			for i := range 4 {
				p := model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: fmt.Sprintf("Post %d", i)}
				p.Validate()
				if i == 3 {
					p.Status = model.PostClosed
				}
				if err := db.CreatePost(ctx, &p); err != nil {
					t.Fatal(err)
				}
				posts = append(posts, p)
			}
			var talents []int64
			for i := range 12 {
				u := storetest.MustRegister(t, db, fmt.Sprintf("t%d@example.com", i), model.RoleTalent)
				tal, _ := db.TalentByUser(ctx, u.ID)
				talents = append(talents, tal.ID)
			}
			talents = append(talents, 987654) // no such talent

			type result struct {
				created bool
				app     model.Application
				err     error
			}
			results := make(map[[2]int64][]result)
			var mu sync.Mutex
			var wg sync.WaitGroup
			for _, tid := range talents {
				for _, p := range posts {
					for range 2 {
						wg.Go(func() {
							a, created, err := db.Apply(ctx, tid, p.ID, model.ChannelScan)
							mu.Lock()
							results[[2]int64{tid, p.ID}] = append(results[[2]int64{tid, p.ID}], result{created, a, err})
							mu.Unlock()
						})
					}
					wg.Go(func() { // and an unknown post
						_, _, err := db.Apply(ctx, tid, 876543, model.ChannelScan)
						if tid != 987654 && !model.IsNotFound(err) {
							t.Errorf("talent %d, unknown post: %v", tid, err)
						}
					})
				}
			}
			wg.Wait()

			for _, tid := range talents {
				for i, p := range posts {
					rs := results[[2]int64{tid, p.ID}]
					switch {
					case tid == 987654:
						for _, r := range rs {
							if r.err == nil {
								t.Errorf("an unknown talent applied: %+v", r.app)
							}
						}
					case i == 3:
						for _, r := range rs {
							if model.ErrorCode(r.err) != model.Conflict {
								t.Errorf("talent %d, closed post: %v", tid, r.err)
							}
						}
					default:
						if rs[0].err != nil || rs[1].err != nil || rs[0].created == rs[1].created || rs[0].app.ID != rs[1].app.ID || rs[0].app.ID == 0 {
							t.Errorf("talent %d, post %d: two taps gave %+v", tid, p.ID, rs)
						}
					}
				}
				if tid == 987654 {
					continue
				}
				apps, err := db.ApplicationsOfTalent(ctx, tid)
				if err != nil || len(apps) != 3 {
					t.Errorf("talent %d has %d applications (%v), want 3", tid, len(apps), err)
				}
			}
		})
	}
}

// TestApplyAfterClose: a closed store answers an application with an error
// instead of hanging.
func TestApplyAfterClose(t *testing.T) {
	db := storetest.SQLite(t)
	f, ent := storetest.FairWithEnterprise(t, db)
	p := model.Post{OrgID: *ent.OrgID, FairID: f.ID, Title: "Post"}
	p.Validate()
	db.CreatePost(ctx, &p)
	u := storetest.MustRegister(t, db, "t@example.com", model.RoleTalent)
	tal, _ := db.TalentByUser(ctx, u.ID)
	db.Close()
	c, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, _, err := db.Apply(c, tal.ID, p.ID, model.ChannelScan); err == nil || c.Err() != nil {
		t.Fatalf("apply on a closed store: %v (context: %v)", err, c.Err())
	}
}
