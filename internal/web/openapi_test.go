package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store/storetest"
)

// The API document and the answers are checked with kin-openapi, a
// validator no one here wrote: the document must be valid OpenAPI 3.0.3,
// and every GET under /api/v1, called by each role that may call it over a
// seeded world, must answer what the document says, field by field.

// loadOpenAPI parses and validates the merged document.
func loadOpenAPI(t *testing.T, raw []byte) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		t.Fatalf("load openapi.json: %v", err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi version %q, want 3.0.3", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not valid OpenAPI %s: %v", doc.OpenAPI, err)
	}
	return doc
}

// TestOpenAPIDocumentValid: the merged document validates, and uses no
// OpenAPI 3.1 syntax (a type list, or null as a type) that a 3.0 reader
// would misread.
func TestOpenAPIDocumentValid(t *testing.T) {
	t.Parallel()
	srv, err := New(nil, Config{Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	loadOpenAPI(t, srv.openapi)
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if ty, ok := v["type"]; ok {
				if s, ok := ty.(string); !ok || s == "null" {
					t.Errorf("%s: type %v is not OpenAPI 3.0 (use nullable: true)", path, ty)
				}
			}
			for k, c := range v {
				walk(path+"/"+k, c)
			}
		case []any:
			for i, c := range v {
				walk(fmt.Sprintf("%s/%d", path, i), c)
			}
		}
	}
	var raw any
	json.Unmarshal(srv.openapi, &raw)
	walk("#", raw)
}

// apiWorld is a seeded world with every kind of thing the API lists: a
// current edition with a venue, a video fair with a remote session, two
// enterprises' posts, a talent with a profile who applied and was moved
// along, meeting requests (a video interview scheduled and published, one
// waiting),
// availability, and the notifications all this sent.
type apiWorld struct {
	*fixture
	post, postB      model.Post
	app              int64
	request, waiting int64
	ids              map[string]int64 // the later areas' things, by kind
}

func newAPIWorld(t *testing.T, f *fixture) *apiWorld {
	t.Helper()
	w := &apiWorld{fixture: f}
	appID, venueID := meetingFixture(t, f) // current edition, a post, the talent's application, a venue
	w.app = appID
	db := f.db
	rs := model.RemoteSession{FairID: f.fair.ID, Location: "Sydney", TimeZone: "Australia/Sydney",
		StartsAt: time.Date(2017, 12, 17, 1, 0, 0, 0, time.UTC), EndsAt: time.Date(2017, 12, 17, 5, 0, 0, 0, time.UTC)}
	if err := db.CreateRemoteSession(bg, &rs); err != nil {
		t.Fatal(err)
	}
	tal, err := db.TalentByUser(bg, f.users[talent].ID)
	if err != nil {
		t.Fatal(err)
	}
	tal.Degree, tal.Discipline, tal.YearsExperience, tal.IntentChina = model.DegreeMaster, "Computer Science", 4, model.IntentYes
	tal.Skills, tal.Languages, tal.PreferredCities = []string{"Go", "机器学习", "SQL"}, []string{"Chinese", "English"}, []string{"Guangzhou"}
	if err := db.UpdateTalent(bg, &tal); err != nil {
		t.Fatal(err)
	}
	mk := func(org int64, session *int64, title string, skills ...string) model.Post {
		p := model.Post{OrgID: org, FairID: f.fair.ID, SessionID: session, Title: title, Industry: "Internet", Skills: skills,
			City: "广州", MinDegree: model.DegreeBachelor, MinExperience: 2, Languages: []string{"English"}, SalaryMin: 20000, SalaryMax: 40000}
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		if err := db.CreatePost(bg, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	entOrg := *f.users[enterprise].OrgID
	w.post = mk(entOrg, &rs.ID, "ML engineer", "Machine Learning", "Go")
	mk(entOrg, nil, "Data analyst", "SQL", "Excel", "Python", "Statistics")
	orgB := model.Organization{Kind: model.OrgEnterprise, Name: "Org B", NameZH: "乙公司", Status: model.OrgPending}
	if err := db.CreateOrganization(bg, &orgB); err != nil {
		t.Fatal(err)
	}
	w.postB = mk(orgB.ID, nil, "Go developer", "Go")

	ent, tc, org, del := f.client(enterprise), f.client(talent), f.client(organizer), f.client(delegation)
	must := func(c *http.Client, method, path, body string, want int) string {
		t.Helper()
		resp, b := f.json(c, method, path, body)
		if resp.StatusCode != want {
			t.Fatalf("seed: %s %s: %d %s", method, path, resp.StatusCode, b)
		}
		return b
	}
	// The talent applies to the ML post too; the enterprise moves one
	// application along (history and a notification).
	must(tc, "POST", fmt.Sprintf("/api/v1/posts/%d/apply", w.post.ID), `{"channel":"pc"}`, 201)
	must(ent, "POST", "/api/v1/applications/status", fmt.Sprintf(`{"ids":[%d],"status":"interview"}`, appID), 200)
	var rq meetingRequestJ
	json.Unmarshal([]byte(must(ent, "POST", "/api/v1/meetings/requests", fmt.Sprintf(`{"kind":"interview","application_id":%d,"video":true}`, appID), 201)), &rq)
	w.request = rq.ID
	must(tc, "POST", fmt.Sprintf("/api/v1/meetings/requests/%d/accept", rq.ID), "", 200)
	must(tc, "PUT", "/api/v1/me/availability", `{"time_zone":"Asia/Singapore","windows":[{"starts_at":"2017-12-17T09:30","ends_at":"2017-12-17T12:00"}]}`, 200)
	must(ent, "PUT", "/api/v1/me/availability", `{"time_zone":"Asia/Shanghai","windows":[{"starts_at":"2017-12-17T09:00","ends_at":"2017-12-17T10:30"}]}`, 200)
	must(org, "POST", "/api/v1/meetings/slots", `{"date":"2017-12-17","start":"09:00","end":"12:00","length":30,"gap":0,"breaks":"10:30-11:00"}`, 201)
	must(org, "POST", "/api/v1/meetings/tables", fmt.Sprintf(`{"code":"A-07","venue_id":%d}`, venueID), 201)
	must(org, "POST", "/api/v1/meetings/tables", `{"code":"V-01","video":true}`, 201)
	var run runJ
	json.Unmarshal([]byte(must(org, "POST", "/api/v1/meetings/runs", `{"kind":"both"}`, 201)), &run)
	must(org, "POST", fmt.Sprintf("/api/v1/meetings/runs/%d/publish", run.ID), "", 200)
	// A request waiting for an answer: the delegation asks the enterprise
	// to negotiate about its project, by video.
	pr := model.Project{EditionID: f.edition.ID, Source: model.SourceDelegation, OrgID: f.users[delegation].OrgID, Title: "Battery recycling", Field: "energy", Stage: "prototype"}
	if err := db.CreateProject(bg, &pr); err != nil {
		t.Fatal(err)
	}
	json.Unmarshal([]byte(must(del, "POST", "/api/v1/meetings/requests", fmt.Sprintf(`{"kind":"negotiation","project_id":%d,"org_id":%d,"video":true}`, pr.ID, entOrg), 201)), &rq)
	w.waiting = rq.ID

	// The areas that came later, through their own forms and API.
	form := func(c *http.Client, path string, v url.Values) *http.Response {
		t.Helper()
		resp, body := f.postForm(c, path, v)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("seed: POST %s: %d %.300s", path, resp.StatusCode, body)
		}
		return resp
	}
	w.ids = map[string]int64{}
	// events: one with a registration; checkin: a gate and everyone's badge.
	var ev struct{ ID int64 }
	json.Unmarshal([]byte(must(org, "POST", "/api/v1/events", `{"kind":"forum","title":"Small forum","room":"Room 9","starts_at":"2017-12-17T14:00","ends_at":"2017-12-17T16:00","capacity":2,"hold_seconds":60}`, 201)), &ev)
	w.ids["event"] = ev.ID
	form(tc, fmt.Sprintf("/events/%d/register", ev.ID), url.Values{})
	form(org, "/admin/gates", url.Values{"name": {"North"}})
	gs, err := db.Gates(bg, f.edition.ID)
	if err != nil || len(gs) == 0 {
		t.Fatalf("seed: gates %v %v", gs, err)
	}
	w.ids["gate"] = gs[0].ID
	form(org, "/admin/badges/issue", url.Values{})
	// report: the edition's report published.
	must(org, "POST", fmt.Sprintf("/api/v1/reports/%d/publish", f.edition.ID), `{"press_zh":"新闻稿","press_en":"Press release"}`, 201)
	return w
}

// apiCall is one GET to make: its path with ids filled in, and the values
// of its path parameters.
type apiCall struct {
	path   string
	params map[string]string
}

// calls fills each GET route's path parameters from the world; a route
// this does not know fails the test, so a new GET is checked from its
// first day.
func (w *apiWorld) calls(pattern string) ([]apiCall, bool) {
	id := func(p string, id int64) []apiCall {
		return []apiCall{{path: strings.Replace(p, "{id}", fmt.Sprint(id), 1), params: map[string]string{"id": fmt.Sprint(id)}}}
	}
	switch pattern {
	case "/api/v1/editions/{id}", "/api/v1/editions/{id}/venues", "/api/v1/editions/{id}/fairs":
		return id(pattern, w.edition.ID), true
	case "/api/v1/fairs/{id}/sessions":
		return id(pattern, w.fair.ID), true
	case "/api/v1/posts/{id}", "/api/v1/posts/{id}/candidates", "/api/v1/posts/{id}/applications":
		return append(id(pattern, w.post.ID), id(pattern, w.postB.ID)...), true
	case "/api/v1/applications/{id}/events":
		return id(pattern, w.app), true
	case "/api/v1/meetings/requests/{id}":
		return append(id(pattern, w.request), id(pattern, w.waiting)...), true
	case "/api/v1/events/{id}", "/api/v1/events/{id}/registrations":
		return id(pattern, w.ids["event"]), true
	case "/api/v1/reports/{id}":
		return id(pattern, w.edition.ID), true
	case "/api/v1/video/{id}": // the interview, published in the video room V-01
		return id(pattern, w.request), true
	case "/api/v1/gates/{id}/config":
		return id(pattern, w.ids["gate"]), true
	case "/api/v1/posts", "/api/v1/posts/search":
		return []apiCall{{path: pattern}, {path: pattern + "?q=engineer&limit=1"}, {path: pattern + "?city=%E5%B9%BF%E5%B7%9E&offset=1"}}, true
	case "/api/v1/search":
		return []apiCall{{path: pattern + "?q=org"}, {path: pattern + "?q=ML"}}, true
	case "/api/v1/organizations":
		return []apiCall{{path: pattern}, {path: pattern + "?status=pending"}}, true
	case "/api/v1/inbox":
		return []apiCall{{path: pattern}, {path: pattern + "?status=interview&limit=1"}}, true
	case "/api/v1/contests/{id}/ranking", "/api/v1/projects/{id}/policies":
		return id(pattern, contestWorld(w)[pattern]), true // contests_test.go
	}
	if strings.Contains(pattern, "{") {
		return nil, false
	}
	return []apiCall{{path: pattern}}, true
}

// TestAPIResponsesMatchDocument calls every GET under /api/v1 as anonymous
// and as each role, on both databases, and validates each answer (its
// status, headers and body) against the document with kin-openapi's
// openapi3filter.ValidateResponse; every object's fields must also be
// properties of its schema. Each route must answer 200 to at least one
// role, so no route is checked only by its errors.
func TestAPIResponsesMatchDocument(t *testing.T) {
	t.Parallel()
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			w := newAPIWorld(t, newFixture(t, b.Open(t)))
			doc := loadOpenAPI(t, w.srv.openapi)
			roles := append([]model.Role{""}, model.Roles...)
			clients := map[model.Role]*http.Client{}
			for _, r := range roles {
				clients[r] = w.client(r)
			}
			var patterns []string
			for _, rt := range w.srv.routes {
				if method, p, _ := strings.Cut(rt.Pattern, " "); method == "GET" && strings.HasPrefix(p, "/api/v1/") {
					patterns = append(patterns, p)
				}
			}
			sort.Strings(patterns)
			if len(patterns) < 25 {
				t.Fatalf("only %d GET routes under /api/v1", len(patterns))
			}
			for _, p := range patterns {
				calls, ok := w.calls(p)
				if !ok {
					t.Errorf("GET %s: say in apiWorld.calls which ids to call it with", p)
					continue
				}
				item := doc.Paths.Find(p)
				if item == nil || item.Get == nil {
					t.Errorf("GET %s is not documented", p)
					continue
				}
				ok200 := false
				for _, role := range roles {
					for _, c := range calls {
						status := w.validate(t, doc, clients[role], role, p, item, c)
						ok200 = ok200 || status == 200
					}
				}
				if !ok200 {
					t.Errorf("GET %s answered 200 to no role: its success answer went unchecked", p)
				}
			}
		})
	}
}

// validate makes one call and checks its answer; it returns the status.
func (w *apiWorld) validate(t *testing.T, doc *openapi3.T, c *http.Client, role model.Role, pattern string, item *openapi3.PathItem, call apiCall) int {
	t.Helper()
	req, _ := http.NewRequest("GET", w.ts.URL+call.path, nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode >= 500 {
		t.Errorf("GET %s as %q: %d %s", call.path, role, resp.StatusCode, body)
		return resp.StatusCode
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: call.params,
		Route:      &routers.Route{Spec: doc, Path: pattern, PathItem: item, Method: "GET", Operation: item.Get},
		Options:    &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	}
	// The test's own request must be one the document allows (its query
	// parameters are documented), else the answer proves little.
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		t.Errorf("GET %s: the request does not match the document: %v", call.path, err)
	}
	err = openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	})
	if err != nil {
		t.Errorf("GET %s as %q (%d): answer does not match the document: %v\nbody: %.600s", call.path, role, resp.StatusCode, err, body)
		return resp.StatusCode
	}
	if schema := responseSchema(item.Get, resp.StatusCode); schema != nil && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			t.Errorf("GET %s as %q: %v", call.path, role, err)
		}
		for _, e := range undocumented("", schema, v) {
			t.Errorf("GET %s as %q: sends %s, which its schema does not list", call.path, role, e)
		}
	}
	return resp.StatusCode
}

func responseSchema(op *openapi3.Operation, status int) *openapi3.Schema {
	r := op.Responses.Status(status)
	if r == nil {
		r = op.Responses.Default()
	}
	if r == nil || r.Value == nil {
		return nil
	}
	mt := r.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// undocumented lists the fields of v that schema does not name: an object
// schema with properties and no additionalProperties schema of its own
// must list every field sent, so a handler cannot grow a field unseen.
func undocumented(at string, s *openapi3.Schema, v any) []string {
	if s == nil {
		return nil
	}
	var out []string
	var subs []*openapi3.Schema
	for _, l := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, r := range l {
			subs = append(subs, r.Value)
		}
	}
	switch v := v.(type) {
	case map[string]any:
		if len(s.Properties) == 0 && len(subs) == 0 {
			if ap := s.AdditionalProperties.Schema; ap != nil {
				for k, x := range v {
					out = append(out, undocumented(at+"."+k, ap.Value, x)...)
				}
			}
			return out
		}
		props := map[string]*openapi3.Schema{}
		for k, p := range s.Properties {
			props[k] = p.Value
		}
		for _, sub := range subs {
			for k, p := range sub.Properties {
				props[k] = p.Value
			}
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p, ok := props[k]
			if !ok {
				out = append(out, at+"."+k)
				continue
			}
			out = append(out, undocumented(at+"."+k, p, v[k])...)
		}
	case []any:
		if s.Items != nil {
			for i, x := range v {
				out = append(out, undocumented(fmt.Sprintf("%s[%d]", at, i), s.Items.Value, x)...)
			}
		}
	}
	return out
}

// TestAPIRefusesBadLimit: on every GET whose document names a limit, a
// page size outside 1–200 is refused (422, naming the field), as the
// document says, rather than quietly replaced by another size; 200 is
// served.
func TestAPIRefusesBadLimit(t *testing.T) {
	t.Parallel()
	w := newAPIWorld(t, newFixture(t, storetest.SQLite(t)))
	f := w.fixture
	doc := loadOpenAPI(t, f.srv.openapi)
	roles := append([]model.Role{""}, model.Roles...)
	n := 0
	for _, pattern := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(pattern)
		if item.Get == nil || item.Get.Parameters.GetByInAndName("query", "limit") == nil {
			continue
		}
		n++
		calls, ok := w.calls(pattern)
		if !ok {
			t.Errorf("GET %s: say in apiWorld.calls which ids to call it with", pattern)
			continue
		}
		p := calls[0].path
		limit := item.Get.Parameters.GetByInAndName("query", "limit").Schema.Value
		if limit.Min == nil || *limit.Min != 1 || limit.Max == nil || *limit.Max != 200 {
			t.Errorf("%s: limit is documented as %v..%v, want 1..200", p, limit.Min, limit.Max)
		}
		var c *http.Client
		for _, r := range roles { // the first role the route serves
			rc := f.client(r)
			if resp, _ := f.do(rc, "GET", p+"?limit=200", "", ""); resp.StatusCode == 200 {
				c = rc
				break
			}
		}
		if c == nil {
			t.Errorf("%s?limit=200 is served to no role", p)
			continue
		}
		for _, l := range []string{"201", "1000", "0", "-1", "x"} {
			resp, body := f.do(c, "GET", p+"?limit="+url.QueryEscape(l), "", "")
			if resp.StatusCode != http.StatusUnprocessableEntity || fieldsOf(t, body)["limit"] == "" {
				t.Errorf("%s?limit=%s: %d %s, want 422 naming limit", p, l, resp.StatusCode, body)
			}
		}
	}
	if n < 5 {
		t.Fatalf("only %d GETs document a limit", n)
	}
}
