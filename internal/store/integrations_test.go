package store_test

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestIntegrationsConformance: API tokens, webhook endpoints, the outbox
// the application triggers write and the dispatcher's claims behave alike
// on SQLite and PostgreSQL.
func TestIntegrationsConformance(t *testing.T) {
	storetest.Run(t, storetest.Cases{
		"Tokens":              testTokens,
		"OutboxInTransaction": testOutbox,
		"ClaimsAreExclusive":  testClaims,
		"AttemptOutcomes":     testAttemptOutcomes,
	})
}

func testTokens(t *testing.T, db *store.DB) {
	u := storetest.MustRegister(t, db, "hr@tokens.example", model.RoleEnterprise)
	other := storetest.MustRegister(t, db, "x@tokens.example", model.RoleTalent)
	past := time.Now().Add(-time.Hour)
	tok := store.APIToken{UserID: u.ID, Name: "ATS", Prefix: "cvt_abcd", Scopes: []string{"applications:read", "posts:read"}}
	if err := db.CreateAPIToken(ctx, &tok, "hash-1"); err != nil || tok.ID == 0 {
		t.Fatalf("create: %+v %v", tok, err)
	}
	expired := store.APIToken{UserID: u.ID, Name: "old", Prefix: "cvt_old", ExpiresAt: &past}
	if err := db.CreateAPIToken(ctx, &expired, "hash-2"); err != nil {
		t.Fatal(err)
	}
	dup := store.APIToken{UserID: u.ID, Name: "dup", Prefix: "cvt_x"}
	if err := db.CreateAPIToken(ctx, &dup, "hash-1"); model.ErrorCode(err) != model.Conflict {
		t.Fatalf("same hash twice: %v, want conflict", err)
	}
	got, gu, err := db.TokenUser(ctx, "hash-1")
	if err != nil || got.ID != tok.ID || gu.ID != u.ID || gu.OrgID == nil || len(got.Scopes) != 2 || got.Scopes[0] != "applications:read" {
		t.Fatalf("TokenUser = %+v %+v %v", got, gu, err)
	}
	if _, _, err := db.TokenUser(ctx, "hash-2"); model.ErrorCode(err) != model.Unauthorized {
		t.Fatalf("expired token: %v, want unauthorized", err)
	}
	if _, _, err := db.TokenUser(ctx, "nope"); model.ErrorCode(err) != model.Unauthorized {
		t.Fatalf("unknown token: %v, want unauthorized", err)
	}
	if err := db.TouchAPIToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	list, err := db.APITokens(ctx, u.ID)
	if err != nil || len(list) != 2 || list[1].LastUsedAt == nil || list[0].LastUsedAt != nil {
		t.Fatalf("list = %+v %v", list, err)
	}
	if err := db.RevokeAPIToken(ctx, other.ID, tok.ID); !model.IsNotFound(err) {
		t.Fatalf("revoking another's token: %v, want not found", err)
	}
	if err := db.RevokeAPIToken(ctx, u.ID, tok.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.RevokeAPIToken(ctx, u.ID, tok.ID); err != nil {
		t.Fatalf("revoking twice: %v", err)
	}
	if _, _, err := db.TokenUser(ctx, "hash-1"); model.ErrorCode(err) != model.Unauthorized {
		t.Fatalf("revoked token: %v, want unauthorized", err)
	}
}

// outboxWorld: an approved enterprise with a post, a talent, and an
// endpoint subscribed to both application events.
type outboxWorld struct {
	ent  model.User
	post model.Post
	tal  model.Talent
	ep   store.WebhookEndpoint
}

func newOutboxWorld(t *testing.T, db *store.DB) outboxWorld {
	t.Helper()
	ent, p, tal := storetest.PostAndTalent(t, db, "talent@outbox.example")
	ep := store.WebhookEndpoint{OrgID: *ent.OrgID, URL: "https://ats.example/hook", Events: []string{"application.received", "application.moved"},
		Secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", CreatedBy: ent.ID}
	if err := db.CreateWebhookEndpoint(ctx, &ep); err != nil {
		t.Fatal(err)
	}
	return outboxWorld{ent: ent, post: p, tal: tal, ep: ep}
}

func testOutbox(t *testing.T, db *store.DB) {
	w := newOutboxWorld(t, db)
	// An endpoint of another organization hears nothing of these.
	other := storetest.MustRegister(t, db, "hr@other.example", model.RoleEnterprise)
	oep := store.WebhookEndpoint{OrgID: *other.OrgID, URL: "https://other.example/", Events: []string{"application.received"}, Secret: w.ep.Secret}
	if err := db.CreateWebhookEndpoint(ctx, &oep); err != nil {
		t.Fatal(err)
	}
	a, _, err := db.Apply(ctx, w.tal.ID, w.post.ID, model.ChannelPC)
	if err != nil {
		t.Fatal(err)
	}
	// Applying again changes nothing and writes no event.
	if _, _, err := db.Apply(ctx, w.tal.ID, w.post.ID, model.ChannelPC); err != nil {
		t.Fatal(err)
	}
	if err := db.MoveApplications(ctx, *w.ent.OrgID, []int64{a.ID}, model.AppInterview, w.ent.ID); err != nil {
		t.Fatal(err)
	}
	// A move that fails (interview → applied is not allowed) rolls back
	// with its event.
	if err := db.MoveApplications(ctx, *w.ent.OrgID, []int64{a.ID}, model.AppViewed, w.ent.ID); err == nil {
		t.Fatal("moving back was allowed")
	}
	ds, err := db.WebhookDeliveries(ctx, *w.ent.OrgID, w.ep.ID, 10)
	if err != nil || len(ds) != 2 {
		t.Fatalf("deliveries = %+v %v; want received and moved", ds, err)
	}
	var rec, mov struct {
		ApplicationID int64  `json:"application_id"`
		PostTitle     string `json:"post_title"`
		Channel       string `json:"channel"`
		From, To      string
	}
	if err := json.Unmarshal([]byte(ds[1].Payload), &rec); err != nil || ds[1].EventType != "application.received" || rec.ApplicationID != a.ID || rec.PostTitle != "Go engineer" || rec.Channel != "pc" {
		t.Fatalf("received = %+v (%+v, %v)", ds[1], rec, err)
	}
	if err := json.Unmarshal([]byte(ds[0].Payload), &mov); err != nil || ds[0].EventType != "application.moved" || mov.To != "interview" || mov.From != "applied" {
		t.Fatalf("moved = %+v", ds[0])
	}
	if od, _ := db.WebhookDeliveries(ctx, *other.OrgID, oep.ID, 10); len(od) != 0 {
		t.Fatalf("another organization's endpoint got %+v", od)
	}
	if _, err := db.WebhookDeliveries(ctx, *other.OrgID, w.ep.ID, 10); err != nil {
		t.Fatal(err)
	}
	if d, err := db.WebhookDelivery(ctx, *other.OrgID, ds[0].ID); !model.IsNotFound(err) {
		t.Fatalf("another organization read a delivery: %+v %v", d, err)
	}
	// A disabled endpoint is written no more.
	if err := db.SetWebhookActive(ctx, *w.ent.OrgID, w.ep.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := db.MoveApplications(ctx, *w.ent.OrgID, []int64{a.ID}, model.AppOffer, w.ent.ID); err != nil {
		t.Fatal(err)
	}
	if ds, _ := db.WebhookDeliveries(ctx, *w.ent.OrgID, w.ep.ID, 10); len(ds) != 2 {
		t.Fatalf("disabled endpoint got %d deliveries, want 2", len(ds))
	}
}

func testClaims(t *testing.T, db *store.DB) {
	w := newOutboxWorld(t, db)
	for i := range 60 {
		if _, err := db.EnqueueWebhook(ctx, *w.ent.OrgID, w.ep.ID, "webhook.test", fmt.Sprintf(`{"n":%d}`, i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.EnqueueWebhook(ctx, *w.ent.OrgID+1000, w.ep.ID, "webhook.test", `{}`); !model.IsNotFound(err) {
		t.Fatalf("enqueue for another organization's endpoint: %v", err)
	}
	// Four claimers at once: every delivery is claimed exactly once.
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				cs, err := db.ClaimWebhookDeliveries(ctx, 7, time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				if len(cs) == 0 {
					return
				}
				mu.Lock()
				for _, c := range cs {
					seen[c.ID]++
					if c.Endpoint.URL != w.ep.URL || c.Endpoint.Secret != w.ep.Secret {
						t.Errorf("claimed without its endpoint: %+v", c.Endpoint)
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != 60 {
		t.Fatalf("claimed %d distinct deliveries, want 60", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Fatalf("delivery %d claimed %d times", id, n)
		}
	}
	// Leased: nothing is due until the lease ends.
	if cs, _ := db.ClaimWebhookDeliveries(ctx, 100, time.Minute); len(cs) != 0 {
		t.Fatalf("claimed %d leased deliveries", len(cs))
	}
	db.SetClock(func() time.Time { return time.Now().Add(2 * time.Minute) })
	if cs, _ := db.ClaimWebhookDeliveries(ctx, 100, time.Minute); len(cs) != 60 {
		t.Fatalf("after the lease: claimed %d, want 60 (a dead dispatcher's deliveries come back)", len(cs))
	}
}

func testAttemptOutcomes(t *testing.T, db *store.DB) {
	w := newOutboxWorld(t, db)
	org := *w.ent.OrgID
	id, _ := db.EnqueueWebhook(ctx, org, w.ep.ID, "webhook.test", `{}`)
	cs, err := db.ClaimWebhookDeliveries(ctx, 10, time.Minute)
	if err != nil || len(cs) != 1 || cs[0].ID != id {
		t.Fatalf("claim = %+v %v", cs, err)
	}
	now := time.Now().UTC()
	retry := now.Add(-time.Second) // due again at once
	if err := db.RecordWebhookAttempt(ctx, cs[0], store.Attempt{At: now, StatusCode: 500, LatencyMS: 3, Excerpt: "oops"}, store.Outcome{Retry: &retry}); err != nil {
		t.Fatal(err)
	}
	ep, _ := db.WebhookEndpoint(ctx, org, w.ep.ID)
	if ep.FailingSince == nil || !ep.Active {
		t.Fatalf("after a failure: %+v", ep)
	}
	cs, _ = db.ClaimWebhookDeliveries(ctx, 10, time.Minute)
	if len(cs) != 1 || cs[0].Attempts != 1 {
		t.Fatalf("retry claim = %+v", cs)
	}
	if err := db.RecordWebhookAttempt(ctx, cs[0], store.Attempt{At: now, StatusCode: 204}, store.Outcome{Delivered: true}); err != nil {
		t.Fatal(err)
	}
	d, _ := db.WebhookDelivery(ctx, org, id)
	as, _ := db.WebhookAttempts(ctx, id)
	if d.Status != "delivered" || d.Attempts != 2 || d.LastCode != 204 || len(as) != 2 || as[0].StatusCode != 500 || as[0].Excerpt != "oops" {
		t.Fatalf("delivered = %+v, attempts %+v", d, as)
	}
	if ep, _ := db.WebhookEndpoint(ctx, org, w.ep.ID); ep.FailingSince != nil {
		t.Fatal("a success did not clear the failure record")
	}
	// 410: the endpoint is disabled and its owner told, once.
	id2, _ := db.EnqueueWebhook(ctx, org, w.ep.ID, "webhook.test", `{}`)
	cs, _ = db.ClaimWebhookDeliveries(ctx, 10, time.Minute)
	if err := db.RecordWebhookAttempt(ctx, cs[0], store.Attempt{At: now, StatusCode: 410}, store.Outcome{Disable: "gone"}); err != nil {
		t.Fatal(err)
	}
	ep, _ = db.WebhookEndpoint(ctx, org, w.ep.ID)
	if ep.Active || ep.DisabledReason != "gone" {
		t.Fatalf("after 410: %+v", ep)
	}
	notes, _ := db.Notifications(ctx, w.ent.ID, 10)
	if len(notes) != 1 || notes[0].Key != "note.webhook_disabled" {
		t.Fatalf("owner's notifications = %+v", notes)
	}
	// Redeliver by hand: pending again, but a disabled endpoint's
	// deliveries wait until it is enabled.
	if err := db.RedeliverWebhook(ctx, org, id2); err != nil {
		t.Fatal(err)
	}
	if cs, _ := db.ClaimWebhookDeliveries(ctx, 10, time.Minute); len(cs) != 0 {
		t.Fatalf("claimed %d deliveries of a disabled endpoint", len(cs))
	}
	if err := db.SetWebhookActive(ctx, org, w.ep.ID, true); err != nil {
		t.Fatal(err)
	}
	if cs, _ := db.ClaimWebhookDeliveries(ctx, 10, time.Minute); len(cs) != 1 || cs[0].ID != id2 {
		t.Fatalf("after enabling: %+v", cs)
	}
	if err := db.RedeliverWebhook(ctx, org+1000, id2); !model.IsNotFound(err) {
		t.Fatalf("redeliver another's: %v", err)
	}
	// Rotation: both secrets sign until the old one's time ends.
	if err := db.RotateWebhookSecret(ctx, org, w.ep.ID, "whsec_bmV3bmV3bmV3bmV3bmV3bmV3bmV3bmV3", time.Hour); err != nil {
		t.Fatal(err)
	}
	ep, _ = db.WebhookEndpoint(ctx, org, w.ep.ID)
	if s := ep.Secrets(time.Now()); len(s) != 2 || s[1] != w.ep.Secret {
		t.Fatalf("secrets during rotation = %v", s)
	}
	if s := ep.Secrets(time.Now().Add(2 * time.Hour)); len(s) != 1 {
		t.Fatalf("secrets after rotation = %v", s)
	}
	if err := db.DeleteWebhookEndpoint(ctx, org, w.ep.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.WebhookEndpoint(ctx, org, w.ep.ID); !model.IsNotFound(err) {
		t.Fatalf("deleted endpoint: %v", err)
	}
}
