package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store"
)

func init() {
	areas = append(areas, (*Server).scanRoutes)
	// Quick registration and CV uploads carry a PDF of up to model.MaxCVSize.
	for _, p := range []string{"POST /s/{token}/register", "POST /me/cv"} {
		bodyLimits[p] = model.MaxCVSize + 1<<20
	}
}

// scanRoutes: QR codes, the scan landing with one-tap apply and quick
// registration, CVs.
func (s *Server) scanRoutes() []route {
	return []route{
		{"GET /s/{token}", anyone, s.scanLanding},
		{"POST /s/{token}/apply", only(talent), s.scanApply},
		{"POST /s/{token}/register", anyone, s.scanRegister},
		{"POST /posts/{id}/apply", only(talent), s.postApply},

		{"GET /org/qr", only(enterprise), s.myQR},
		{"GET /qr/orgs/{id}", only(enterprise, organizer), s.qrPage},
		{"GET /qr/orgs/{id}/{file}", only(enterprise, organizer), s.qrOrg},
		{"GET /qr/posts/{id}/{file}", only(enterprise, organizer), s.qrPost},

		{"GET /cv/{id}", signedIn, s.cvDownload},
		{"POST /me/cv", only(talent), s.cvUpload},
	}
}

// target is what a scanned token points at.
type target struct {
	Token string
	Kind  qr.Kind
	Post  *postData // a post's landing
	land  *landing  // ... and its kept parts
	Org   *model.Organization
	Posts []scanPost // an enterprise's landing: its open posts
}

type scanPost struct {
	model.Post
	Token string
}

type scanData struct {
	target
	Applied model.AppStatus // of the signed-in talent's application to this post; "" for none
	Recs    []recView       // the talent's best other posts (match.go)
}

func (d scanData) IsPost() bool { return d.Kind == qr.Post }
func (d scanData) Open() bool   { return d.Post != nil && d.Post.Post.Status == model.PostOpen }

// errBadToken is every malformed, tampered or stale token: one clear page.
var errBadToken = model.Errorf(model.NotFound, "scan.bad_token")

// loadTarget verifies the token (no lookup needed for that) and loads what it names.
func (s *Server) loadTarget(r *http.Request) (target, error) {
	t := target{Token: r.PathValue("token")}
	sec, err := s.qrSecret(r.Context())
	if err != nil {
		return t, err
	}
	k, id, err := qr.Parse(sec, t.Token)
	if err != nil {
		return t, errBadToken
	}
	t.Kind = k
	switch k {
	case qr.Post:
		l, err := s.landingOf(r, id)
		if model.IsNotFound(err) {
			return t, errBadToken
		}
		if err != nil {
			return t, err
		}
		t.Post, t.land = &l.postData, l
		return t, nil
	default:
		o, err := s.store.Organization(r.Context(), id)
		if model.IsNotFound(err) || (err == nil && o.Kind != model.OrgEnterprise) {
			return t, errBadToken
		}
		if err != nil {
			return t, err
		}
		t.Org = &o
		posts, err := s.store.ListPosts(r.Context(), store.PostFilter{OrgID: id, Status: model.PostOpen, Limit: 200})
		if err != nil {
			return t, err
		}
		for _, p := range posts {
			t.Posts = append(t.Posts, scanPost{p, qr.Token(sec, qr.Post, p.ID)})
		}
		return t, nil
	}
}

// landingPostTTL is how long a landing shows a post as read: a popular
// booth's code is scanned many times a second. Edits made here show at once;
// through another instance, within this time. Applying always checks the
// database, so a post closed a moment ago refuses the application and says so.
const landingPostTTL = 2 * time.Second

// maxLandingPosts bounds the cache's memory (a convention has about 10,000 posts).
const maxLandingPosts = 50_000

func (s *Server) landingOf(r *http.Request, id int64) (*landing, error) {
	if l, ok := s.posts.get(id); ok {
		return l, nil
	}
	l := &landing{}
	var err error
	l.Post, l.Org, l.Fair, err = s.store.PostDetail(r.Context(), id)
	if err != nil {
		return nil, err
	}
	s.posts.put(id, l)
	return l, nil
}

func (s *Server) scanLanding(w http.ResponseWriter, r *http.Request) {
	t, err := s.loadTarget(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if t.Kind == qr.Post {
		s.countVisit("post", t.Post.Post.ID, model.ChannelScan)
	} else {
		s.countVisit("enterprise", t.Org.ID, model.ChannelScan)
	}
	s.renderLanding(w, r, http.StatusOK, t, nil)
}

// renderLanding shows the landing; v carries a re-shown registration form.
// For a signed-in talent one query reads both their application to this
// post and their recommendations' cards: the landing is the hottest page of
// the convention.
func (s *Server) renderLanding(w http.ResponseWriter, r *http.Request, code int, t target, v *view) {
	d := scanData{target: t}
	if u := currentUser(r); u != nil && u.TalentID != 0 && t.Kind == qr.Post {
		rs, err := s.newPostsFor(r.Context(), info(r).locale, u.TalentID, scanRecsShown, t.Post.Post.ID, true)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Recs, d.Applied = rs.Views, rs.Here
		if err := s.suggestionHeads(s.pages.get(info(r).locale, "scan"), info(r).locale, d.Recs); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	title := "scan.title"
	if t.Kind == qr.Post {
		title = t.Post.Post.Title
	}
	if v == nil {
		v = s.view(r, title, nil)
		v.Form.Set("degree", "bachelor")
	}
	v.Title, v.Data = title, d
	if t.land != nil {
		s.renderPostLanding(w, r, code, t.land, v)
		return
	}
	s.render(w, r, code, "scan", v)
}

// scanApply is the one tap: the signed-in talent applies with channel scan.
// Only the token is checked here: Apply itself refuses a missing or closed post.
func (s *Server) scanApply(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	sec, err := s.qrSecret(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	k, id, err := qr.Parse(sec, tok)
	if err != nil || k != qr.Post {
		s.fail(w, r, errBadToken)
		return
	}
	s.applyThenBack(w, r, id, model.ChannelScan, "/s/"+tok)
}

// postApply applies from the ordinary post page: channel mobile or pc by
// User-Agent (the scan channel is only for the scan landing).
func (s *Server) postApply(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.applyThenBack(w, r, id, channelOf(r), fmt.Sprintf("/posts/%d", id))
}

func (s *Server) applyThenBack(w http.ResponseWriter, r *http.Request, postID int64, ch model.Channel, back string) {
	tid := currentUser(r).TalentID
	if tid == 0 {
		s.fail(w, r, model.Errorf(model.NotFound, "err.not_found.talent"))
		return
	}
	_, created, err := s.apply(r.Context(), tid, postID, ch)
	switch {
	case model.ErrorCode(err) == model.Conflict:
		setFlash(w, "err.post_closed")
	case err != nil:
		s.fail(w, r, err)
		return
	case created:
		setFlash(w, "scan.applied")
	default:
		setFlash(w, "scan.already_applied")
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// quickReg is the landing's one-minute registration.
type quickReg struct {
	Name, Email, Password, Degree, Discipline string
	CV                                        []byte
	CVName                                    string
}

// readQuickReg reads the multipart form; every problem is a field problem,
// so the form comes back with all of them at once and nothing stored.
func readQuickReg(r *http.Request, locale string) (quickReg, *model.Registration, model.Problems) {
	p := model.Problems{}
	var q quickReg
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			p.Add("cv", "err.cv_too_large")
		} else {
			p.Add("cv", "err.form")
		}
		return q, nil, p
	}
	f := r.PostForm
	q = quickReg{Name: f.Get("name"), Email: f.Get("email"), Password: f.Get("password"), Degree: f.Get("degree"), Discipline: strings.TrimSpace(f.Get("discipline"))}
	reg := &model.Registration{Email: q.Email, Name: q.Name, Password: q.Password, Locale: locale, Role: model.RoleTalent}
	if err := reg.Validate(); err != nil {
		p.Merge(err)
	}
	prof := model.Talent{Name: q.Name, Category: model.TalentOverseas, Degree: model.Degree(q.Degree), Discipline: q.Discipline, IntentChina: model.IntentUndecided}
	if err := prof.Validate(); err != nil {
		p.Merge(err)
	}
	q.CV, q.CVName, p = readCV(r, p)
	return q, reg, p
}

// readCV reads the "cv" file of a parsed multipart form and checks it.
func readCV(r *http.Request, p model.Problems) ([]byte, string, model.Problems) {
	file, hdr, err := r.FormFile("cv")
	if err != nil {
		p.Add("cv", "err.cv_required")
		return nil, "", p
	}
	defer file.Close()
	b, err := io.ReadAll(io.LimitReader(file, model.MaxCVSize+1))
	if err != nil {
		p.Add("cv", "err.form")
		return nil, "", p
	}
	if err := model.CheckPDF(b); err != nil {
		p.Add("cv", model.FieldsOf(err)["cv"])
	}
	return b, cleanFileName(hdr.Filename), p
}

// cleanFileName keeps a download name harmless in a header.
func cleanFileName(n string) string {
	n = n[strings.LastIndexAny(n, `/\`)+1:]
	n = strings.Map(func(r rune) rune {
		if r < 0x20 || r == '"' || r == ';' || r == 0x7f {
			return -1
		}
		return r
	}, n)
	if len([]rune(n)) > 100 {
		n = string([]rune(n)[:100])
	}
	if n == "" {
		n = "cv.pdf"
	}
	return n
}

// scanRegister: a new talent registers on the landing with a CV and lands
// back on the post with the application made.
func (s *Server) scanRegister(w http.ResponseWriter, r *http.Request) {
	t, err := s.loadTarget(r)
	if err == nil && t.Kind != qr.Post {
		err = errBadToken
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if currentUser(r) != nil {
		http.Redirect(w, r, "/s/"+t.Token, http.StatusSeeOther)
		return
	}
	q, reg, p := readQuickReg(r, info(r).locale)
	if len(p) == 0 {
		err = s.quickRegister(w, r, t, q, reg)
		if !p.Merge(err) && err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if len(p) > 0 {
		v := s.view(r, "scan.title", nil)
		if r.PostForm != nil {
			v.Form = url.Values{"name": {q.Name}, "email": {q.Email}, "degree": {q.Degree}, "discipline": {q.Discipline}}
		}
		v.Errors = p
		v.Flash = s.cat.T(v.L, "err.invalid")
		s.renderLanding(w, r, http.StatusUnprocessableEntity, t, v)
		return
	}
	http.Redirect(w, r, "/s/"+t.Token, http.StatusSeeOther)
}

// quickRegister stores the account, profile and CV, signs in and applies.
func (s *Server) quickRegister(w http.ResponseWriter, r *http.Request, t target, q quickReg, reg *model.Registration) error {
	u, err := s.doRegister(r, reg)
	if err != nil {
		return err
	}
	tal, err := s.store.TalentByUser(r.Context(), u.ID)
	if err != nil {
		return err
	}
	tal.Degree, tal.Discipline = model.Degree(q.Degree), q.Discipline
	if err := s.store.UpdateTalent(r.Context(), &tal); err != nil {
		return err
	}
	if err := s.store.SaveCV(r.Context(), &model.CV{TalentID: tal.ID, Name: q.CVName, Content: q.CV}); err != nil {
		return err
	}
	if err := s.signIn(w, r, u); err != nil {
		return err
	}
	_, _, err = s.apply(r.Context(), tal.ID, t.Post.Post.ID, model.ChannelScan)
	switch {
	case model.ErrorCode(err) == model.Conflict:
		setFlash(w, "scan.registered_closed")
	case err != nil:
		return err
	default:
		setFlash(w, "scan.registered_applied")
	}
	return nil
}
