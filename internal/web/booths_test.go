package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/booth"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

func init() {
	expect(map[string]string{
		"GET /booths":                         "signed-in",
		"POST /booths/requests":               "enterprise delegation",
		"POST /booths/requests/{id}/withdraw": "enterprise delegation",
		"POST /booths/{id}/confirm":           "enterprise delegation",
		"POST /booths/{id}/release":           "enterprise delegation",
		"POST /booths/{id}/book":              "enterprise delegation",
		"GET /admin/booths":                   "organizer",
		"POST /admin/booths/settings":         "organizer",
		"POST /admin/booths/quotas":           "organizer",
		"POST /admin/booths/import":           "organizer",
		"POST /admin/booths/run":              "organizer",
		"POST /admin/booths/assign":           "organizer",
		"POST /admin/booths/priority":         "organizer",
		"POST /admin/booths/publish":          "organizer",
		"GET /api/v1/booths/plan":             "signed-in",
		"GET /api/v1/booths/figures":          "organizer",
	})
}

// currentFixture is a SQLite fixture whose edition is the current one.
func currentFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t, storetest.SQLite(t))
	f.makeCurrent()
	return f
}

// boothPlan adds a hall with one area of n standard booths in a row.
func boothPlan(t *testing.T, db *store.DB, editionID int64, n int) model.Area {
	t.Helper()
	v := model.Venue{EditionID: editionID, Name: "Pazhou", AreaM2: 30000}
	if err := db.CreateVenue(bg, &v); err != nil {
		t.Fatal(err)
	}
	h := model.Hall{VenueID: v.ID, Name: "Hall 1"}
	db.CreateHall(bg, &h)
	a := model.Area{HallID: h.ID, Kind: model.AreaProvince, Name: "Guangdong area"}
	db.CreateArea(bg, &a)
	for i := range n {
		b := model.Booth{AreaID: a.ID, Code: fmt.Sprintf("GD-%02d", i+1), AreaM2: 9, X: 3 * i}
		if err := db.CreateBooth(bg, &b); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// The whole flow over HTTP: requests beyond supply, run, review, publish,
// the plan with one's own booths highlighted, release, the waitlist offer
// accepted; exhibitors never see others' requests.
func TestBoothsFlow(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		f.makeCurrent()
		a := boothPlan(t, f.db, f.edition.ID, 4)
		org, del, ent := f.client(model.RoleOrganizer), f.client(model.RoleDelegation), f.client(model.RoleEnterprise)
		if resp, body := f.postForm(org, "/admin/booths/settings", url.Values{"seed": {"2026"}, "hold_hours": {"24"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("settings: %d %s", resp.StatusCode, body)
		}
		area := fmt.Sprint(a.ID)
		if resp, body := f.postForm(del, "/booths/requests", url.Values{"area_id": {area}, "count": {"3"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("delegation request: %d %s", resp.StatusCode, body)
		}
		if resp, _ := f.postForm(ent, "/booths/requests", url.Values{"area_id": {area}, "count": {"3"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("enterprise request: %d", resp.StatusCode)
		}
		if resp, _ := f.postForm(ent, "/booths/requests", url.Values{"area_id": {area}, "count": {"1"}, "m2": {"9"}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("count and m² both: %d", resp.StatusCode)
		}
		// Quotas over 100% are refused.
		f.postForm(org, "/admin/booths/quotas", url.Values{"group": {"Guangdong"}, "area_id": {area}, "percent": {"75"}})
		if resp, _ := f.postForm(org, "/admin/booths/quotas", url.Values{"group": {"Hunan"}, "area_id": {area}, "percent": {"30"}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("quota over 100%%: %d", resp.StatusCode)
		}
		// A published seed under which the delegation's request draws first.
		reqs, _ := f.db.BoothRequests(bg, f.edition.ID, 0)
		seed := uint64(1)
		for booth.Ticket(seed, fmt.Sprintf("r%d", reqs[0].ID)) > booth.Ticket(seed, fmt.Sprintf("r%d", reqs[1].ID)) {
			seed++
		}
		f.postForm(org, "/admin/booths/settings", url.Values{"seed": {fmt.Sprint(seed)}, "hold_hours": {"24"}})
		if resp, body := f.postForm(org, "/admin/booths/run", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("run: %d %s", resp.StatusCode, body)
		}
		_, review := f.do(org, "GET", "/admin/booths", "", "")
		if !strings.Contains(review, `id="groups"`) || !strings.Contains(review, "75%") || !strings.Contains(review, "waitlisted") {
			t.Fatalf("review lacks the group table or outcomes:\n%s", review)
		}
		// Before publication exhibitors see no draft.
		if _, plan := f.do(del, "GET", "/booths", "", ""); strings.Contains(plan, "mine") && strings.Contains(plan, `class="b s-assigned mine"`) {
			t.Fatal("a draft shown before publication")
		}
		if resp, body := f.postForm(org, "/admin/booths/publish", url.Values{"confirm_days": {"14"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish: %d %s", resp.StatusCode, body)
		}
		_, plan := f.do(del, "GET", "/booths", "", "")
		if n := strings.Count(plan, `s-assigned mine`); n != 3 {
			t.Fatalf("delegation sees %d of its 3 booths highlighted", n)
		}
		if !strings.Contains(plan, "<svg") || !strings.Contains(plan, "viewBox=") {
			t.Fatal("no SVG plan")
		}
		_, entPlan := f.do(ent, "GET", "/booths", "", "")
		if strings.Contains(entPlan, "Org delegation") || strings.Contains(entPlan, "Guangdong</td>") {
			t.Fatal("an exhibitor sees another's request")
		}
		if n := strings.Count(entPlan, `s-assigned mine`); n != 1 {
			t.Fatalf("enterprise sees %d booths highlighted, want 1", n)
		}
		// The delegation releases one booth: the enterprise (waitlisted) is offered it.
		pb, _ := f.db.PlanBooths(bg, f.edition.ID, time.Now())
		var delBooth int64
		for _, x := range pb {
			if x.OrgID == *f.users[model.RoleDelegation].OrgID {
				delBooth = x.ID
			}
		}
		if resp, body := f.postForm(del, fmt.Sprintf("/booths/%d/release", delBooth), nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("release: %d %s", resp.StatusCode, body)
		}
		_, entPlan = f.do(ent, "GET", "/booths", "", "")
		if !strings.Contains(entPlan, "s-held mine") {
			t.Fatal("the waitlisted enterprise was not offered the released booth")
		}
		if resp, body := f.postForm(ent, fmt.Sprintf("/booths/%d/confirm", delBooth), nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("accept: %d %s", resp.StatusCode, body)
		}
		if resp, _ := f.postForm(del, fmt.Sprintf("/booths/%d/confirm", delBooth), nil); resp.StatusCode != http.StatusConflict {
			t.Fatalf("the delegation confirmed a booth it released: %d", resp.StatusCode)
		}
		_, js := f.do(org, "GET", "/api/v1/booths/figures", "", "")
		if !strings.Contains(js, `"from_waitlist":1`) {
			t.Fatalf("figures: %s", js)
		}
		// zh.
		f.setLocale(del, "zh")
		if _, zh := f.do(del, "GET", "/booths", "", ""); !strings.Contains(zh, "展位平面图") {
			t.Fatal("no Chinese plan page")
		}
	})
}

// A plan file with a bad row saves nothing and names the row.
func TestBoothsImportWhole(t *testing.T) {
	t.Parallel()
	f := currentFixture(t)
	boothPlan(t, f.db, f.edition.ID, 2)
	org := f.client(model.RoleOrganizer)
	vs, _ := f.db.ListVenues(bg, f.edition.ID)
	csv := "hall,area,area_kind,code,m2,x,y,w,d,kind,corner,entrance,blocked\n" +
		"Hall 1,Hunan,province,HN-01,9,30,0,3,3,standard,0,0,0\n" +
		"Hall 1,Hunan,province,HN-02,9,31,0,3,3,standard,0,0,0\n" + // overlaps HN-01
		"Hall 1,Hunan,province,HN-03,abc,40,0,3,3,standard,0,0,0\n"
	ctype, body := importBody(t, map[string]string{"venue_id": fmt.Sprint(vs[0].ID)}, []byte(csv), "plan.csv")
	resp, page := f.do(org, "POST", "/admin/booths/import", ctype, body)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "row 4") {
		t.Fatalf("bad file: %d\n%s", resp.StatusCode, page)
	}
	csv = strings.Replace(csv, "HN-03,abc", "HN-03,9", 1)
	ctype, body = importBody(t, map[string]string{"venue_id": fmt.Sprint(vs[0].ID)}, []byte(csv), "plan.csv")
	resp, page = f.do(org, "POST", "/admin/booths/import", ctype, body)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "row 3") || !strings.Contains(page, "overlap") {
		t.Fatalf("overlap: %d\n%s", resp.StatusCode, page)
	}
	if pb, _ := f.db.PlanBooths(bg, f.edition.ID, time.Now()); len(pb) != 2 {
		t.Fatalf("a refused file saved booths: %d", len(pb))
	}
	csv = strings.Replace(csv, "HN-02,9,31", "HN-02,9,33", 1)
	ctype, body = importBody(t, map[string]string{"venue_id": fmt.Sprint(vs[0].ID)}, []byte(csv), "plan.csv")
	if resp, page := f.do(org, "POST", "/admin/booths/import", ctype, body); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("good file: %d\n%s", resp.StatusCode, page)
	}
	if pb, _ := f.db.PlanBooths(bg, f.edition.ID, time.Now()); len(pb) != 5 {
		t.Fatalf("imported %d booths, want 5", len(pb)-2)
	}
}

// An area's Chinese name (the optional area_zh column) is what a Chinese
// page shows; an English page shows the English one, and neither shows
// both (issue 12: areas were named "Hunan area / 湖南展区").
func TestBoothsAreaNameInReadersLanguage(t *testing.T) {
	t.Parallel()
	f := currentFixture(t)
	boothPlan(t, f.db, f.edition.ID, 1)
	org := f.client(model.RoleOrganizer)
	vs, _ := f.db.ListVenues(bg, f.edition.ID)
	csv := "hall,area,area_kind,code,m2,x,y,w,d,kind,corner,entrance,blocked,area_zh\n" +
		"Hall 1,Hunan area,province,HN-01,9,30,0,3,3,standard,0,0,0,湖南展区\n"
	ctype, body := importBody(t, map[string]string{"venue_id": fmt.Sprint(vs[0].ID)}, []byte(csv), "plan.csv")
	if resp, page := f.do(org, "POST", "/admin/booths/import", ctype, body); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("import: %d\n%s", resp.StatusCode, page)
	}
	ent := f.client(model.RoleEnterprise)
	for _, c := range []struct{ lang, want, not string }{{"zh", "湖南展区", "Hunan area"}, {"en", "Hunan area", "湖南展区"}} {
		f.setLocale(ent, c.lang)
		_, page := f.do(ent, "GET", "/booths", "", "")
		if !strings.Contains(page, c.want) || strings.Contains(page, c.not) {
			t.Errorf("%s plan: want %q and not %q in the area choice\n%s", c.lang, c.want, c.not, page)
		}
	}
}

// The request deadline over HTTP: the organizer sets it on the settings
// form, exhibitors see it on the request form; after it a request is
// refused with the reason (in both languages) and nothing is saved; the
// organizer still runs the allocation.
func TestBoothsRequestDeadline(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		f.makeCurrent()
		a := boothPlan(t, f.db, f.edition.ID, 2)
		area := fmt.Sprint(a.ID)
		org, del, ent := f.client(model.RoleOrganizer), f.client(model.RoleDelegation), f.client(model.RoleEnterprise)
		loc := f.edition.Location()
		setDeadline := func(at string) (*http.Response, string) {
			return f.postForm(org, "/admin/booths/settings", url.Values{"seed": {"7"}, "hold_hours": {"24"}, "request_deadline": {at}})
		}
		later := time.Now().In(loc).Add(48 * time.Hour).Format("2006-01-02T15:04")
		if resp, body := setDeadline(later); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("settings: %d %s", resp.StatusCode, body)
		}
		if _, review := f.do(org, "GET", "/admin/booths", "", ""); !strings.Contains(review, `name="request_deadline" value="`+later+`"`) {
			t.Fatal("the settings form does not show the deadline")
		}
		if _, plan := f.do(del, "GET", "/booths", "", ""); !strings.Contains(plan, `id="request-deadline"`) || !strings.Contains(plan, later[:10]) {
			t.Fatal("the request form does not show the deadline")
		}
		if resp, body := f.postForm(del, "/booths/requests", url.Values{"area_id": {area}, "count": {"1"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("before the deadline: %d %s", resp.StatusCode, body)
		}
		if resp, _ := setDeadline("not a date"); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("a bad deadline: %d", resp.StatusCode)
		}
		if ex, _ := f.db.BoothExhibition(bg, f.edition.ID); ex.RequestDeadline == nil || ex.RequestDeadline.In(loc).Format("2006-01-02T15:04") != later {
			t.Fatalf("a refused deadline changed the saved one: %v", ex.RequestDeadline)
		}
		past := time.Now().In(loc).Add(-time.Hour).Format("2006-01-02T15:04")
		if resp, body := setDeadline(past); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("settings: %d %s", resp.StatusCode, body)
		}
		resp, page := f.postForm(ent, "/booths/requests", url.Values{"area_id": {area}, "count": {"1"}})
		if resp.StatusCode != http.StatusConflict || !strings.Contains(page, "request deadline has passed") {
			t.Fatalf("after the deadline: %d\n%s", resp.StatusCode, page)
		}
		if reqs, _ := f.db.BoothRequests(bg, f.edition.ID, 0); len(reqs) != 1 {
			t.Fatalf("a late request was saved: %d requests", len(reqs))
		}
		_, plan := f.do(ent, "GET", "/booths", "", "")
		if strings.Contains(plan, `id="request-form"`) || !strings.Contains(plan, `id="requests-closed"`) {
			t.Fatal("the plan still offers the request form after the deadline")
		}
		f.setLocale(ent, "zh")
		if resp, page := f.postForm(ent, "/booths/requests", url.Values{"area_id": {area}, "count": {"1"}}); resp.StatusCode != http.StatusConflict || !strings.Contains(page, "展位申请已截止") {
			t.Fatalf("after the deadline, zh: %d\n%s", resp.StatusCode, page)
		}
		// The organizer is not bound by it.
		if resp, body := f.postForm(org, "/admin/booths/run", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("organizer's run after the deadline: %d %s", resp.StatusCode, body)
		}
		if resp, body := f.postForm(org, "/admin/booths/assign", url.Values{"booth": {"GD-02"}, "request_id": {"0"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("organizer's adjustment after the deadline: %d %s", resp.StatusCode, body)
		}
	})
}

// Priorities set by the organizer: the next run weighs them over the
// lottery; out of range or after publication is refused; exhibitors can
// neither set nor see them; every change is audited.
func TestBoothsPriority(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		f.makeCurrent()
		a := boothPlan(t, f.db, f.edition.ID, 1)
		area := fmt.Sprint(a.ID)
		org, del, ent := f.client(model.RoleOrganizer), f.client(model.RoleDelegation), f.client(model.RoleEnterprise)
		for _, c := range []*http.Client{del, ent} {
			if resp, body := f.postForm(c, "/booths/requests", url.Values{"area_id": {area}, "count": {"1"}}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("request: %d %s", resp.StatusCode, body)
			}
		}
		reqs, _ := f.db.BoothRequests(bg, f.edition.ID, 0)
		if len(reqs) != 2 || reqs[0].Priority != 0 || reqs[1].Priority != 0 {
			t.Fatalf("requests %+v", reqs)
		}
		delReq, entReq := reqs[0], reqs[1]
		if delReq.OrgID != *f.users[model.RoleDelegation].OrgID {
			delReq, entReq = entReq, delReq
		}
		// A seed under which the delegation draws first on equal priority.
		seed := uint64(1)
		for booth.Ticket(seed, fmt.Sprintf("r%d", delReq.ID)) > booth.Ticket(seed, fmt.Sprintf("r%d", entReq.ID)) {
			seed++
		}
		f.postForm(org, "/admin/booths/settings", url.Values{"seed": {fmt.Sprint(seed)}, "hold_hours": {"24"}})
		priority := func(id int64) int {
			t.Helper()
			rs, err := f.db.BoothRequests(bg, f.edition.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				if r.ID == id {
					return r.Priority
				}
			}
			t.Fatalf("request %d gone", id)
			return 0
		}
		holder := func() int64 {
			t.Helper()
			pb, _ := f.db.PlanBooths(bg, f.edition.ID, time.Now())
			return pb[0].RequestID
		}
		if resp, body := f.postForm(org, "/admin/booths/run", nil); resp.StatusCode != http.StatusSeeOther || holder() != delReq.ID {
			t.Fatalf("run on equal priorities: %d %s; booth to request %d, want the lottery's %d", resp.StatusCode, body, holder(), delReq.ID)
		}
		// Exhibitors cannot set priorities, not even their own.
		for _, c := range []*http.Client{ent, del} {
			if resp, _ := f.postForm(c, "/admin/booths/priority", url.Values{"request_id": {fmt.Sprint(entReq.ID)}, "priority": {"50"}}); resp.StatusCode != http.StatusForbidden {
				t.Fatalf("an exhibitor posted a priority: %d", resp.StatusCode)
			}
		}
		if p := priority(entReq.ID); p != 0 {
			t.Fatalf("an exhibitor's post changed the priority to %d", p)
		}
		// Out of range, not a number, another's request id: refused, nothing changed.
		for _, v := range []url.Values{
			{"request_id": {fmt.Sprint(entReq.ID)}, "priority": {"101"}},
			{"request_id": {fmt.Sprint(entReq.ID)}, "priority": {"-1"}},
			{"request_id": {fmt.Sprint(entReq.ID)}, "priority": {"two"}},
			{"request_id": {"999999"}, "priority": {"2"}},
		} {
			if resp, body := f.postForm(org, "/admin/booths/priority", v); resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%v: %d %s", v, resp.StatusCode, body)
			}
		}
		if p := priority(entReq.ID); p != 0 {
			t.Fatalf("a refused priority was saved: %d", p)
		}
		_, review := f.do(org, "GET", "/admin/booths", "", "")
		if !strings.Contains(review, `action="/admin/booths/priority"`) || !strings.Contains(review, fmt.Sprintf(`name="request_id" value="%d"`, entReq.ID)) {
			t.Fatal("the review page has no priority form")
		}
		if resp, body := f.postForm(org, "/admin/booths/priority", url.Values{"request_id": {fmt.Sprint(entReq.ID)}, "priority": {"2"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("organizer sets a priority: %d %s", resp.StatusCode, body)
		}
		if p := priority(entReq.ID); p != 2 {
			t.Fatalf("priority %d, want 2", p)
		}
		audit, _ := f.db.AuditEntries(bg, 20)
		found := false
		for _, e := range audit {
			if e.Action == "booth.priority" && e.Subject == fmt.Sprintf("booth_request:%d", entReq.ID) && e.UserID != nil && *e.UserID == f.users[model.RoleOrganizer].ID {
				found = true
			}
		}
		if !found {
			t.Fatalf("the priority change is not audited: %+v", audit)
		}
		// The next run weighs it: the enterprise now comes first.
		if resp, body := f.postForm(org, "/admin/booths/run", nil); resp.StatusCode != http.StatusSeeOther || holder() != entReq.ID {
			t.Fatalf("run after the priority: %d %s; booth to request %d, want %d", resp.StatusCode, body, holder(), entReq.ID)
		}
		// Exhibitors never see priorities: no figure on their page or in the API.
		for _, c := range []*http.Client{del, ent} {
			_, page := f.do(c, "GET", "/booths", "", "")
			_, js := f.do(c, "GET", "/api/v1/booths/plan", "", "")
			if strings.Contains(page, `name="priority"`) || strings.Contains(page, "Priority") || strings.Contains(js, "priority") {
				t.Fatal("an exhibitor sees priorities")
			}
		}
		// After publication priorities are fixed.
		if resp, body := f.postForm(org, "/admin/booths/publish", url.Values{"confirm_days": {"14"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish: %d %s", resp.StatusCode, body)
		}
		if resp, _ := f.postForm(org, "/admin/booths/priority", url.Values{"request_id": {fmt.Sprint(entReq.ID)}, "priority": {"3"}}); resp.StatusCode != http.StatusConflict {
			t.Fatalf("priority after publication: %d", resp.StatusCode)
		}
		if p := priority(entReq.ID); p != 2 {
			t.Fatalf("priority changed after publication: %d", p)
		}
	})
}

// An exhibitor withdraws its own request from the plan page's button;
// another exhibitor posting the same withdrawal finds nothing and changes
// nothing.
func TestBoothsWithdraw(t *testing.T) {
	t.Parallel()
	f := currentFixture(t)
	a := boothPlan(t, f.db, f.edition.ID, 2)
	org, del, ent := f.client(model.RoleOrganizer), f.client(model.RoleDelegation), f.client(model.RoleEnterprise)
	f.postForm(org, "/admin/booths/settings", url.Values{"seed": {"1"}, "hold_hours": {"24"}})
	if resp, body := f.postForm(del, "/booths/requests", url.Values{"area_id": {fmt.Sprint(a.ID)}, "count": {"1"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("request: %d %s", resp.StatusCode, body)
	}
	reqs, _ := f.db.BoothRequests(bg, f.edition.ID, 0)
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	path := fmt.Sprintf("/booths/requests/%d/withdraw", reqs[0].ID)
	if _, page := f.do(del, "GET", "/booths", "", ""); !strings.Contains(page, `action="`+path+`"`) {
		t.Fatalf("no withdraw button on the plan:\n%s", page)
	}
	if resp, _ := f.postForm(ent, path, nil); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("another exhibitor's withdrawal: %d", resp.StatusCode)
	}
	if rs, _ := f.db.BoothRequests(bg, f.edition.ID, 0); len(rs) != 1 {
		t.Fatalf("another exhibitor withdrew it: %d requests", len(rs))
	}
	if resp, body := f.postForm(del, path, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdraw: %d %s", resp.StatusCode, body)
	}
	if rs, _ := f.db.BoothRequests(bg, f.edition.ID, 0); len(rs) != 0 {
		t.Fatalf("still %d requests", len(rs))
	}
}

// Not beside a competitor, over HTTP: the form lists the exhibiting
// organizations by name alone; naming oneself or an organization not on
// the list is refused with a message and saves nothing; the organizer's
// review shows the names; the explanation says whether the draw kept them
// apart (three booths in a row: yes; two: it could not).
func TestBoothsCompetitors(t *testing.T) {
	t.Parallel()
	for _, b := range storetest.Backends(t) {
		for _, n := range []int{3, 2} {
			t.Run(fmt.Sprintf("%s/%d booths", b.Name, n), func(t *testing.T) {
				f := newFixture(t, b.Open(t))
				f.makeCurrent()
				a := boothPlan(t, f.db, f.edition.ID, n)
				org, del, ent := f.client(model.RoleOrganizer), f.client(model.RoleDelegation), f.client(model.RoleEnterprise)
				area := fmt.Sprint(a.ID)
				entOrg, delOrg := *f.users[model.RoleEnterprise].OrgID, *f.users[model.RoleDelegation].OrgID
				_, form := f.do(del, "GET", "/booths", "", "")
				if !strings.Contains(form, "No other organization exhibits yet.") {
					t.Fatal("empty competitor list not said")
				}
				if resp, body := f.postForm(ent, "/booths/requests", url.Values{"area_id": {area}, "count": {"1"}, "corner": {"true"}}); resp.StatusCode != http.StatusSeeOther {
					t.Fatalf("enterprise request: %d %s", resp.StatusCode, body)
				}
				_, form = f.do(del, "GET", "/booths", "", "")
				box := fmt.Sprintf(`name="avoid" value="%d"`, entOrg)
				if !strings.Contains(form, box) || !strings.Contains(form, "Org enterprise") {
					t.Fatal("the exhibiting enterprise is not offered as a competitor")
				}
				if strings.Contains(form, fmt.Sprintf(`name="avoid" value="%d"`, delOrg)) || strings.Contains(form, "A corner booth</span>") {
					t.Fatal("the form offers itself or tells what another requested")
				}
				for avoid, msg := range map[string]string{
					fmt.Sprint(delOrg): "Your own organization cannot be its competitor.",
					"987654":           "Choose competitors from the list of exhibiting organizations.",
				} {
					resp, body := f.postForm(del, "/booths/requests", url.Values{"area_id": {area}, "count": {"1"}, "avoid": {fmt.Sprint(entOrg), avoid}})
					if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, msg) {
						t.Fatalf("avoid %s: %d, want 422 with %q", avoid, resp.StatusCode, msg)
					}
				}
				if rs, _ := f.db.BoothRequests(bg, f.edition.ID, delOrg); len(rs) != 0 {
					t.Fatalf("a refused request was saved: %+v", rs)
				}
				if resp, body := f.postForm(del, "/booths/requests", url.Values{"area_id": {area}, "count": {"1"}, "avoid": {fmt.Sprint(entOrg)}}); resp.StatusCode != http.StatusSeeOther {
					t.Fatalf("delegation request: %d %s", resp.StatusCode, body)
				}
				if _, mine := f.do(del, "GET", "/booths", "", ""); !strings.Contains(mine, "not beside: Org enterprise") {
					t.Fatal("own request does not show its competitors")
				}
				// The enterprise, named, learns nothing of it.
				if _, other := f.do(ent, "GET", "/booths", "", ""); strings.Contains(other, "not beside") {
					t.Fatal("the named organization sees the other's competitors")
				}
				if resp, body := f.postForm(org, "/admin/booths/run", nil); resp.StatusCode != http.StatusSeeOther {
					t.Fatalf("run: %d %s", resp.StatusCode, body)
				}
				want := "not beside the competitors named"
				if n == 2 {
					want = "beside Org enterprise, named as a competitor"
				}
				_, review := f.do(org, "GET", "/admin/booths", "", "")
				if !strings.Contains(review, `<td class="avoid-names">Org enterprise</td>`) || !strings.Contains(review, want) {
					t.Fatalf("review lacks the competitor or %q", want)
				}
				if resp, body := f.postForm(org, "/admin/booths/publish", url.Values{"confirm_days": {"14"}}); resp.StatusCode != http.StatusSeeOther {
					t.Fatalf("publish: %d %s", resp.StatusCode, body)
				}
				if _, plan := f.do(del, "GET", "/booths", "", ""); !strings.Contains(plan, want) {
					t.Fatalf("the delegation's explanation lacks %q", want)
				}
				f.setLocale(del, "zh")
				wantZH := "未与所列竞争对手相邻"
				if n == 2 {
					wantZH = "与所列竞争对手 Org enterprise 相邻"
				}
				if _, zh := f.do(del, "GET", "/booths", "", ""); !strings.Contains(zh, wantZH) || !strings.Contains(zh, "不相邻") {
					t.Fatalf("the Chinese explanation lacks %q", wantZH)
				}
			})
		}
	}
}
