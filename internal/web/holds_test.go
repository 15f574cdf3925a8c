package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/convene/convene/internal/model"
)

// TestSettleHoldsLoop: with nobody writing, the server's settle loop
// passes a seat whose hold ended to the next in line (stored, not only
// shown), on both databases.
func TestSettleHoldsLoop(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		org := f.client(model.RoleOrganizer)
		resp, body := f.json(org, "POST", "/api/v1/events", `{"kind":"forum","title":"One seat","room":"Room 1",
				"starts_at":"2017-12-17T14:00","ends_at":"2017-12-17T16:00","capacity":1,"hold_seconds":1}`)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d %s", resp.StatusCode, body)
		}
		var ev eventJ
		json.Unmarshal([]byte(body), &ev)
		path := fmt.Sprintf("/events/%d", ev.ID)
		roles := []model.Role{model.RoleTalent, model.RoleEnterprise, model.RoleDelegation}
		for _, r := range roles {
			if resp, _ := f.postForm(f.client(r), path+"/register", url.Values{}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s register: %d", r, resp.StatusCode)
			}
		}
		if resp, _ := f.postForm(f.client(model.RoleTalent), path+"/cancel", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("cancel: %d", resp.StatusCode)
		}
		stored := func(r model.Role) string {
			reg, err := f.db.RegistrationOf(context.Background(), ev.ID, f.users[r].ID)
			if err != nil {
				t.Fatal(err)
			}
			return reg.Status
		}
		if s := stored(model.RoleEnterprise); s != "offered" {
			t.Fatalf("first in line: %s", s)
		}
		time.Sleep(1100 * time.Millisecond) // the hold ends; nobody writes
		if s := stored(model.RoleDelegation); s != "waitlisted" {
			t.Fatalf("before the loop runs: %s", s)
		}
		lctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { f.srv.SettleHolds(lctx, 20*time.Millisecond); close(done) }()
		defer func() { cancel(); <-done }() // before the database closes
		deadline := time.Now().Add(5 * time.Second)
		for stored(model.RoleDelegation) != "offered" {
			if time.Now().After(deadline) {
				t.Fatalf("the loop did not pass the seat on: enterprise %s, delegation %s",
					stored(model.RoleEnterprise), stored(model.RoleDelegation))
			}
			time.Sleep(20 * time.Millisecond)
		}
		if s := stored(model.RoleEnterprise); s != "expired" {
			t.Fatalf("ended hold: %s", s)
		}
	})
}
