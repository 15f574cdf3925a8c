package booths

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/convene/convene/internal/booth"
	"github.com/convene/convene/internal/booth/boothrun"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type hallLink struct {
	ID       int64
	Name     string
	Selected bool
}

type areaOption struct {
	ID           int64
	Name, NameZH string
}

type myRequest struct {
	store.BoothRequest
	Explain string
}

type planData struct {
	Edition    model.Edition
	Exhibition store.Exhibition
	Halls      []hallLink
	Hall       int64
	SVG        template.HTML
	Counts     map[string]int
	Mine       []store.PlanBooth // the exhibitor's booths, offers included
	Requests   []myRequest
	Areas      []areaOption
	CanRequest bool
	CanBook    bool
	Deadline   string            // the request deadline in the edition's zone, "" for none
	Closed     bool              // the deadline has passed
	Available  []store.PlanBooth // in this hall, for self-service
	Orgs       []store.BoothOrg  // exhibiting organizations a request may name as competitors (names only)
	Now        time.Time
}

// loadPlan reads the current edition's plan for the signed-in user: the
// hall (?hall=, else the hall of the user's first booth, else the first).
func (a *Area) loadPlan(r *http.Request) (planData, []store.PlanBooth, error) {
	var d planData
	ctx := r.Context()
	e, err := a.edition(r)
	if err != nil {
		return d, nil, err
	}
	d.Edition, d.Now = e, timeNow().UTC()
	if d.Exhibition, err = a.DB.BoothExhibition(ctx, e.ID); err != nil {
		return d, nil, err
	}
	d.Deadline = deadlineText(e, d.Exhibition.RequestDeadline, "2006-01-02 15:04 MST")
	plan, err := a.DB.PlanBooths(ctx, e.ID, d.Now)
	if err != nil {
		return d, nil, err
	}
	me := myOrg(r)
	published := d.Exhibition.Status == "published"
	// Before publication an exhibitor sees no drafts: not theirs, not others'.
	if me != 0 && !published {
		for i := range plan {
			if plan[i].Status == "draft" {
				plan[i].State, plan[i].OrgID, plan[i].RequestID, plan[i].Status = store.BoothAvailable, 0, 0, ""
			}
		}
	}
	d.Hall = int64(request.QueryInt(r, "hall"))
	seen := map[int64]bool{}
	areas := map[int64]bool{}
	for _, b := range plan {
		if me != 0 && b.OrgID == me {
			d.Mine = append(d.Mine, b)
			if d.Hall == 0 {
				d.Hall = b.HallID
			}
		}
		if !seen[b.HallID] {
			seen[b.HallID] = true
			d.Halls = append(d.Halls, hallLink{ID: b.HallID, Name: b.VenueName + " · " + b.HallName})
		}
		if !areas[b.AreaID] {
			areas[b.AreaID] = true
			d.Areas = append(d.Areas, areaOption{ID: b.AreaID, Name: b.Area, NameZH: b.AreaZH})
		}
	}
	if d.Hall == 0 && len(d.Halls) > 0 {
		d.Hall = d.Halls[0].ID
	}
	for i := range d.Halls {
		d.Halls[i].Selected = d.Halls[i].ID == d.Hall
	}
	d.Counts = map[string]int{}
	var inHall []store.PlanBooth
	for _, b := range plan {
		d.Counts[b.State]++
		if b.HallID == d.Hall {
			inHall = append(inHall, b)
			if b.State == store.BoothAvailable && published && d.Exhibition.SelfService && len(d.Available) < 200 {
				d.Available = append(d.Available, b)
			}
		}
	}
	d.SVG = planSVG(inHall, me, func(k string, args ...any) string { return a.Render.T(request.Locale(r), k, args...) })
	if me != 0 {
		u := request.User(r)
		d.Closed = !published && d.Exhibition.RequestsClosed(d.Now)
		d.CanRequest = !published && !d.Closed && (u.Role == model.RoleEnterprise || u.Role == model.RoleDelegation)
		d.CanBook = published && d.Exhibition.SelfService
		reqs, err := a.DB.BoothRequests(ctx, e.ID, me)
		if err != nil {
			return d, nil, err
		}
		if d.CanRequest {
			if d.Orgs, err = a.DB.ExhibitingOrgs(ctx, e.ID, me); err != nil {
				return d, nil, err
			}
		}
		for _, q := range reqs {
			mr := myRequest{BoothRequest: q}
			if published || q.Status == "pending" {
				mr.Explain = a.explain(r, q)
			}
			d.Requests = append(d.Requests, mr)
		}
	}
	return d, plan, nil
}

// explain renders a request's outcome from its reason codes in the
// reader's language.
func (a *Area) explain(r *http.Request, q store.BoothRequest) string {
	T := func(k string, args ...any) string { return a.Render.T(request.Locale(r), k, args...) }
	if q.Status == "pending" {
		return T("booths.status.pending")
	}
	var o booth.Outcome
	if err := json.Unmarshal([]byte(q.Outcome), &o); err != nil || o.Status == "" {
		return T("booths.status." + q.Status)
	}
	var parts []string
	for _, reason := range o.Reasons {
		switch reason {
		case booth.ReasonPriority:
			parts = append(parts, T("booths.reason.priority", o.Rank))
		case booth.ReasonQuota:
			parts = append(parts, T("booths.reason.quota", num(o.QuotaM2), num(o.QuotaUse)))
		case booth.ReasonWaitlisted:
			parts = append(parts, T("booths.reason.waitlisted", q.Waitlist))
		case booth.ReasonQuotaReached:
			parts = append(parts, T("booths.reason.quota_reached", num(o.QuotaM2)))
		case booth.ReasonBesideAvoided:
			parts = append(parts, T("booths.reason.beside_avoided", besideNames(r, q, o.Beside)))
		default:
			parts = append(parts, T("booths.reason."+string(reason)))
		}
	}
	head := T("booths.outcome.none")
	if len(o.Booths) > 0 {
		head = T("booths.outcome.assigned", strings.Join(o.Booths, ", "))
	}
	return head + ": " + strings.Join(parts, T("booths.sep"))
}

// besideNames names, in the reader's language, the competitors a request
// named that stand beside it (the outcome holds their engine keys; the
// request's own list holds their names).
func besideNames(r *http.Request, q store.BoothRequest, keys []string) string {
	var names []string
	for _, k := range keys {
		for _, o := range q.Avoid {
			if boothrun.OrgKey(o.ID) == k {
				names = append(names, model.DisplayName(request.Locale(r), o.Name, o.NameZH))
			}
		}
	}
	return strings.Join(names, ", ")
}

func num(f float64) string { return fmt.Sprintf("%.4g", f) }

// planSVG draws a hall's booths in metres: the viewBox is the hall's
// extent, so the drawing scales to the screen (and zooms with the
// browser's own pinch zoom) and prints on A3 without script.
func planSVG(bs []store.PlanBooth, me int64, T func(string, ...any) string) template.HTML {
	if len(bs) == 0 {
		return ""
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, b := range bs {
		w, d := b.Size()
		minX, minY = math.Min(minX, float64(b.X)), math.Min(minY, float64(b.Y))
		maxX, maxY = math.Max(maxX, float64(b.X)+w), math.Max(maxY, float64(b.Y)+d)
	}
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="plan" xmlns="http://www.w3.org/2000/svg" viewBox="%g %g %g %g" role="img" aria-label="%s" preserveAspectRatio="xMinYMin meet">`,
		minX-1, minY-1, maxX-minX+2, maxY-minY+2, template.HTMLEscapeString(T("booths.plan")))
	for _, b := range bs {
		w, d := b.Size()
		cls := "b s-" + b.State
		if me != 0 && b.OrgID == me {
			cls += " mine"
		}
		code := template.HTMLEscapeString(b.Code)
		fmt.Fprintf(&s, `<g class="%s" id="booth-%s" data-state="%s"><title>%s · %g m² · %s</title><rect x="%d" y="%d" width="%g" height="%g"/><text x="%g" y="%g">%s</text></g>`,
			cls, code, b.State, code, b.M2, template.HTMLEscapeString(T("booths.state."+b.State)), b.X, b.Y, w, d, float64(b.X)+w/2, float64(b.Y)+d/2, code)
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

func (a *Area) planPage(w http.ResponseWriter, r *http.Request) {
	d, _, err := a.loadPlan(r)
	if err != nil && !model.IsNotFound(err) {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "booths.title", d)
	a.Render.TakeFlash(w, r, v)
	a.Render.Page(w, r, http.StatusOK, "booths_plan", v)
}

type planBoothJ struct {
	Code  string  `json:"code"`
	Area  string  `json:"area"`
	Hall  string  `json:"hall"`
	M2    float64 `json:"m2"`
	X     int     `json:"x"`
	Y     int     `json:"y"`
	W     float64 `json:"w"`
	D     float64 `json:"d"`
	Kind  string  `json:"kind"`
	State string  `json:"state"`
	Mine  bool    `json:"mine"`
}

// apiPlan is the plan's booths and states (mine: the caller's own).
func (a *Area) apiPlan(w http.ResponseWriter, r *http.Request) {
	_, plan, err := a.loadPlan(r)
	me := myOrg(r)
	render.Answer(a.Render, w, r, http.StatusOK, plan, err, func(plan []store.PlanBooth) []planBoothJ {
		out := make([]planBoothJ, 0, len(plan))
		for _, b := range plan {
			bw, bd := b.Size()
			out = append(out, planBoothJ{Code: b.Code, Area: b.Area, Hall: b.HallName, M2: b.M2, X: b.X, Y: b.Y, W: bw, D: bd, Kind: b.Kind,
				State: b.State, Mine: me != 0 && b.OrgID == me})
		}
		return out
	})
}
