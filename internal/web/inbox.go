package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// inboxFilter reads the inbox filters (post_id, fair_id, status, degree,
// from, to as dates) and scopes them to the caller: an enterprise sees its
// own posts' applications only, and naming another's post is refused.
func inboxFilter(r *http.Request) (store.InboxFilter, error) {
	q := r.URL.Query()
	f := store.InboxFilter{OrgID: scopeOrg(r), PostID: int64(queryInt(r, "post_id")), FairID: int64(queryInt(r, "fair_id"))}
	pr := model.Problems{}
	if s := model.AppStatus(q.Get("status")); s != "" {
		if !s.Valid() {
			pr.Add("status", "err.choice")
		}
		f.Status = s
	}
	if d := model.Degree(q.Get("degree")); d != "" {
		if !d.Valid() {
			pr.Add("degree", "err.choice")
		}
		f.MinDegree = d
	}
	if s := q.Get("from"); s != "" {
		f.From = parseDate(pr, "from", s)
	}
	if s := q.Get("to"); s != "" {
		f.To = parseDate(pr, "to", s).Add(24 * time.Hour) // inclusive last day
	}
	return f, pr.Err()
}

// checkPostScope refuses an enterprise's look at another's post inbox.
func (s *Server) checkPostScope(r *http.Request, f store.InboxFilter) error {
	if f.PostID == 0 || f.OrgID == 0 {
		return nil
	}
	p, err := s.store.Post(r.Context(), f.PostID)
	if err != nil {
		return err
	}
	if p.OrgID != f.OrgID {
		return model.Errorf(model.Forbidden, "err.not_your_post")
	}
	return nil
}

func (s *Server) loadInbox(r *http.Request, pg int) (store.InboxFilter, []store.InboxRow, error) {
	f, err := inboxFilter(r)
	if err != nil {
		return f, nil, err
	}
	if err := s.checkPostScope(r, f); err != nil {
		return f, nil, err
	}
	if pg > 0 {
		f.Limit, f.Offset = perPage+1, (pg-1)*perPage
	} else {
		f.Limit, f.Offset = queryInt(r, "limit"), queryInt(r, "offset")
	}
	rows, err := s.store.Inbox(r.Context(), f)
	return f, rows, err
}

type inboxData struct {
	Rows     []store.InboxRow
	Posts    []model.Post
	Fairs    []model.Fair
	Statuses []model.AppStatus
	Moves    []model.AppStatus
	Degrees  []model.Degree
	Query    url.Values
	Page     int
	Next     bool
	CanMove  bool
}

// PageURL keeps the filters on another page.
func (d inboxData) PageURL(n int) string {
	v := url.Values{}
	for k, l := range d.Query {
		if k != "page" && len(l) > 0 {
			v.Set(k, l[0])
		}
	}
	v.Set("page", strconv.Itoa(n))
	return "/inbox?" + v.Encode()
}

func (d inboxData) Prev() int     { return d.Page - 1 }
func (d inboxData) NextPage() int { return d.Page + 1 }

func (s *Server) inboxPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pg := max(queryInt(r, "page"), 1)
	f, rows, err := s.loadInbox(r, pg)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := inboxData{Rows: rows, Statuses: model.AppStatuses, Degrees: model.Degrees, Query: r.URL.Query(), Page: pg,
		Moves:   []model.AppStatus{model.AppViewed, model.AppInterview, model.AppOffer, model.AppHired, model.AppRejected},
		CanMove: currentUser(r).Role == model.RoleEnterprise}
	if len(d.Rows) > perPage {
		d.Rows, d.Next = d.Rows[:perPage], true
	}
	if f.OrgID != 0 {
		if d.Posts, err = s.store.ListPosts(ctx, store.PostFilter{OrgID: f.OrgID, Limit: 200}); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if e, err := s.store.CurrentEdition(ctx); err == nil {
		if d.Fairs, err = s.store.ListFairs(ctx, e.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "inbox", s.view(r, "inbox.title", d))
}

type moveInput struct {
	IDs    []int64 `json:"ids"`
	Status string  `json:"status"`
}

// moveApps applies a (bulk) status change for the signed-in enterprise.
func (s *Server) moveApps(r *http.Request, in moveInput) error {
	o, err := s.myOrg(r)
	if err != nil {
		return err
	}
	return s.store.MoveApplications(r.Context(), o.ID, in.IDs, model.AppStatus(in.Status), currentUser(r).ID)
}

func (s *Server) inboxMove(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, model.Errorf(model.Invalid, "err.form"))
		return
	}
	in := moveInput{Status: r.PostForm.Get("status")}
	for _, v := range r.PostForm["id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.fail(w, r, model.Errorf(model.Invalid, "err.invalid", "ids", "err.number"))
			return
		}
		in.IDs = append(in.IDs, id)
	}
	if err := s.moveApps(r, in); err != nil {
		s.fail(w, r, err)
		return
	}
	setFlash(w, "flash.saved")
	back := safeNext(r.PostForm.Get("next"))
	if back == "/me" {
		back = "/inbox"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// appData is one application as its enterprise (or an organizer) sees it.
type appData struct {
	Row     store.InboxRow
	Talent  model.Talent
	Email   string
	Events  []model.AppEvent
	Zone    string            // the edition's time zone, for the history
	Moves   []model.AppStatus // where it may go next
	CanMove bool
}

// applicationPage shows one application: the talent, the CV, the history
// and the next steps. The owning enterprise opening a new application is
// what "viewed" means: it moves there, recorded and told to the talent,
// as if chosen by hand; organizers looking change nothing.
func (s *Server) applicationPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	row, err := s.applicationRow(r, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := currentUser(r)
	if u.Role == model.RoleEnterprise && row.Status == model.AppApplied {
		if err := s.store.MoveApplications(ctx, row.OrgID, []int64{id}, model.AppViewed, u.ID); err != nil {
			s.fail(w, r, err)
			return
		}
		row.Status = model.AppViewed
	}
	d := appData{Row: row, CanMove: u.Role == model.RoleEnterprise, Zone: "UTC"}
	if e, err := s.store.CurrentEdition(ctx); err == nil && e.TimeZone != "" {
		d.Zone = e.TimeZone
	}
	for _, to := range model.AppStatuses {
		if row.Status.CanMove(to) && to != model.AppWithdrawn {
			d.Moves = append(d.Moves, to)
		}
	}
	if d.Talent, err = s.store.Talent(ctx, row.TalentID); err == nil {
		var tu model.User
		if tu, err = s.store.User(ctx, d.Talent.UserID); err == nil {
			d.Email = tu.Email
		}
	}
	if err == nil {
		d.Events, err = s.store.ApplicationEvents(ctx, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "application", s.view(r, "appdetail.title", d))
}

// applicationRow loads an application the caller may see: its post's
// enterprise, or an organizer.
func (s *Server) applicationRow(r *http.Request, id int64) (store.InboxRow, error) {
	rows, err := s.store.Inbox(r.Context(), store.InboxFilter{ID: id, Limit: 1})
	if err != nil {
		return store.InboxRow{}, err
	}
	if len(rows) == 0 {
		return store.InboxRow{}, model.Errorf(model.NotFound, "err.not_found.application")
	}
	if org := scopeOrg(r); currentUser(r).Role != organizer && org != rows[0].OrgID {
		return store.InboxRow{}, model.Errorf(model.Forbidden, "err.not_your_post")
	}
	return rows[0], nil
}

// API.

type inboxJ struct {
	applicationJ
	PostTitle    string `json:"post_title"`
	FairID       int64  `json:"fair_id"`
	TalentName   string `json:"talent_name"`
	TalentDegree string `json:"talent_degree"`
	CVURL        string `json:"cv_url,omitempty"` // GET /cv/{talent_id}, when the talent has a CV
}

func inboxJSON(a store.InboxRow) inboxJ {
	j := inboxJ{applicationJSON(a.Application), a.PostTitle, a.FairID, a.TalentName, string(a.TalentDegree), ""}
	if a.TalentHasCV {
		j.CVURL = "/cv/" + strconv.FormatInt(a.TalentID, 10)
	}
	return j
}

func (s *Server) apiInbox(w http.ResponseWriter, r *http.Request) {
	_, rows, err := s.loadInbox(r, 0)
	answer(s, w, r, http.StatusOK, rows, err, func(l []store.InboxRow) []inboxJ { return mapSlice(l, inboxJSON) })
}

// apiPostInbox is one post's applications: its enterprise's, or any for organizers.
func (s *Server) apiPostInbox(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	q.Set("post_id", strconv.FormatInt(id, 10))
	r.URL.RawQuery = q.Encode()
	if _, err := s.store.Post(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.apiInbox(w, r)
}

func (s *Server) apiInboxMove(w http.ResponseWriter, r *http.Request) {
	var in moveInput
	if err := readJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.moveApps(r, in); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"moved": len(in.IDs), "status": in.Status})
}

type appEventJ struct {
	From     string    `json:"from"`
	To       string    `json:"to"`
	ByUserID int64     `json:"by_user_id"`
	At       time.Time `json:"at"`
}

// apiAppEvents is an application's history, for its enterprise or organizers.
func (s *Server) apiAppEvents(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.applicationRow(r, id); err != nil {
		s.fail(w, r, err)
		return
	}
	ev, err := s.store.ApplicationEvents(r.Context(), id)
	answer(s, w, r, http.StatusOK, ev, err, func(l []model.AppEvent) []appEventJ {
		return mapSlice(l, func(e model.AppEvent) appEventJ { return appEventJ{string(e.From), string(e.To), e.ByUserID, e.At} })
	})
}

// noteText says a notification in locale: arguments that are catalog keys
// (a status such as app.interview) are translated, others shown as they are.
func (s *Server) noteText(locale string, n store.Notification) string {
	if !s.cat.Has(n.Key) {
		return ""
	}
	args := make([]any, len(n.Args))
	for i, a := range n.Args {
		if s.cat.Has(a) {
			a = s.cat.T(locale, a)
		}
		args[i] = a
	}
	return s.cat.T(locale, n.Key, args...)
}

type noteView struct {
	Text string
	At   time.Time
}

func (s *Server) noteViews(r *http.Request, userID int64) ([]noteView, error) {
	ns, err := s.store.Notifications(r.Context(), userID, 20)
	if err != nil {
		return nil, err
	}
	var out []noteView
	for _, n := range ns {
		if t := s.noteText(info(r).locale, n); t != "" {
			out = append(out, noteView{t, n.CreatedAt})
		}
	}
	return out, nil
}

type noteJ struct {
	Key     string    `json:"key"`
	Args    []string  `json:"args"`
	Message string    `json:"message"`
	At      time.Time `json:"created_at"`
}

func (s *Server) apiNotifications(w http.ResponseWriter, r *http.Request) {
	ns, err := s.store.Notifications(r.Context(), currentUser(r).ID, queryInt(r, "limit"))
	answer(s, w, r, http.StatusOK, ns, err, func(l []store.Notification) []noteJ {
		return mapSlice(l, func(n store.Notification) noteJ {
			return noteJ{n.Key, nonNil(n.Args), s.noteText(info(r).locale, n), n.CreatedAt}
		})
	})
}
