package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
)

var (
	optionRE  = regexp.MustCompile(`<option value="(\d+)"[^>]*>([^<]*)</option>`)
	rawPickRE = regexp.MustCompile(`#\d+ · `)
)

// pickerOptions reads the options of the page's <select name="name">: value → text.
func pickerOptions(t *testing.T, body, name string) map[string]string {
	t.Helper()
	_, rest, ok := strings.Cut(body, `<select name="`+name+`"`)
	if !ok {
		t.Fatalf("no select %s in %s", name, body)
	}
	rest, _, _ = strings.Cut(rest, "</select>")
	out := map[string]string{}
	for _, m := range optionRE.FindAllStringSubmatch(rest, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// TestMeetingPickers: the meetings page offers applications, projects and
// organizations by name in the reader's language, never by number; what it
// offers is what the server accepts, and a number it does not offer is
// still refused with the field's message. On both databases.
func TestMeetingPickers(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		db := f.db
		appID, _ := meetingFixture(t, f)
		app := itoa(int(appID))
		ent, tal, del := f.client(enterprise), f.client(talent), f.client(delegation)

		// Interviews: the enterprise reads the talent's name, the
		// talent the enterprise's; both the post's title and the status.
		for _, c := range []struct {
			name string
			c    *http.Client
			want string
		}{
			{"enterprise", ent, "The talent · Data engineer · Applied"},
			{"talent", tal, "Org enterprise · Data engineer · Applied"},
		} {
			resp, body := f.do(c.c, "GET", "/me/meetings", "", "")
			if resp.StatusCode != 200 {
				t.Fatalf("%s: meetings page %d", c.name, resp.StatusCode)
			}
			if got := pickerOptions(t, body, "application_id")[app]; got != c.want {
				t.Fatalf("%s: application reads %q, want %q", c.name, got, c.want)
			}
			if m := rawPickRE.FindString(body); m != "" {
				t.Fatalf("%s: the page still picks by number (%q)", c.name, m)
			}
		}
		f.setLocale(tal, "zh")
		if _, body := f.do(tal, "GET", "/me/meetings", "", ""); pickerOptions(t, body, "application_id")[app] != "Org enterprise · Data engineer · 已申请" {
			t.Fatalf("talent in Chinese: %q", pickerOptions(t, body, "application_id")[app])
		}
		if resp, body := f.postForm(ent, "/me/meetings/requests", url.Values{"kind": {"interview"}, "application_id": {app}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("interview from the picker: %d %s", resp.StatusCode, body)
		}

		// Negotiations: the delegation picks its live project and an
		// approved park, investor or enterprise other than itself.
		park := model.Organization{Kind: model.OrgPark, Name: "Nansha Park", NameZH: "南沙园区", Status: model.OrgApproved}
		pending := model.Organization{Kind: model.OrgInvestor, Name: "Unapproved Capital", Status: model.OrgPending}
		for _, o := range []*model.Organization{&park, &pending} {
			if err := db.CreateOrganization(bg, o); err != nil {
				t.Fatal(err)
			}
		}
		mustUser(t, db, "park@test.example", model.RoleEnterprise, &park.ID)
		deleg := f.users[delegation]
		live := model.Project{EditionID: f.edition.ID, Source: model.SourceDelegation, OrgID: deleg.OrgID, Title: "Satellite imaging", TitleZH: "卫星成像", Field: "Aerospace"}
		gone := model.Project{EditionID: f.edition.ID, Source: model.SourceDelegation, OrgID: deleg.OrgID, Title: "Withdrawn drone", Field: "Aerospace"}
		for _, p := range []*model.Project{&live, &gone} {
			if err := db.CreateProject(bg, p); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.WithdrawProject(bg, gone.ID, deleg.ID); err != nil {
			t.Fatal(err)
		}
		pid, parkID, entOrg := itoa(int(live.ID)), itoa(int(park.ID)), itoa(int(*f.users[enterprise].OrgID))

		_, body := f.do(del, "GET", "/me/meetings", "", "")
		projects, orgs := pickerOptions(t, body, "project_id"), pickerOptions(t, body, "org_id")
		if len(projects) != 1 || projects[pid] != "Satellite imaging" {
			t.Fatalf("projects offered: %v", projects)
		}
		if len(orgs) != 2 || orgs[parkID] != "Nansha Park" || orgs[entOrg] != "Org enterprise" {
			t.Fatalf("organizations offered: %v", orgs)
		}
		if !strings.Contains(body, `<optgroup label="Innovation park">`) {
			t.Fatal("organizations not grouped by kind")
		}
		f.setLocale(del, "zh")
		_, body = f.do(del, "GET", "/me/meetings", "", "")
		if p, o := pickerOptions(t, body, "project_id")[pid], pickerOptions(t, body, "org_id")[parkID]; p != "卫星成像" || o != "南沙园区" {
			t.Fatalf("in Chinese: project %q, park %q", p, o)
		}
		if !strings.Contains(body, `<optgroup label="创新园区">`) {
			t.Fatal("kind not translated")
		}
		f.setLocale(del, "en")

		// An organization the picker does not offer (none, or the
		// delegation itself) is refused beside its field, and the
		// choices made are kept.
		for _, org := range []string{"999999", itoa(int(*deleg.OrgID))} {
			resp, body := f.postForm(del, "/me/meetings/requests", url.Values{"kind": {"negotiation"}, "project_id": {pid}, "org_id": {org}})
			if resp.StatusCode != 422 || !strings.Contains(body, "No such organization on the other side.") {
				t.Fatalf("org %s: %d %s", org, resp.StatusCode, body)
			}
			if !strings.Contains(body, `<option value="`+pid+`" selected lang=`) {
				t.Fatalf("org %s: the project picked is not kept", org)
			}
		}
		// Someone on neither side cannot negotiate for the project (the
		// talent reads Chinese since above).
		resp, body := f.postForm(tal, "/me/meetings/requests", url.Values{"kind": {"negotiation"}, "project_id": {pid}, "org_id": {parkID}})
		if resp.StatusCode != 422 || !strings.Contains(body, "您不是此事的任何一方。") {
			t.Fatalf("outsider's negotiation: %d %s", resp.StatusCode, body)
		}
		resp, body = f.postForm(del, "/me/meetings/requests", url.Values{"kind": {"negotiation"}, "project_id": {pid}, "org_id": {parkID}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/me/meetings" {
			t.Fatalf("negotiation from the pickers: %d %s", resp.StatusCode, body)
		}
		reqs, err := db.MeetingRequestsOf(bg, deleg.ID)
		if err != nil || len(reqs) != 1 || reqs[0].Kind != model.MeetingNegotiation || reqs[0].OrgName != "Nansha Park" || reqs[0].Subject != "Satellite imaging" {
			t.Fatalf("requests after the form: %+v %v", reqs, err)
		}

		// An enterprise meets a project as its own organization: it picks
		// a project and no organization.
		if _, body := f.do(ent, "GET", "/me/meetings", "", ""); strings.Contains(body, `name="org_id"`) || !strings.Contains(body, `<select name="project_id"`) {
			t.Fatal("enterprise's negotiation form asks for an organization")
		}
	})
}
