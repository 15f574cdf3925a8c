package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/recommend"
	"github.com/convene/convene/internal/store"
)

// Person-post matching in the product: recommendations for talents, matched
// candidates for a post's enterprise and organizers, the matching rate for
// organizers. The index behind them is a per-instance cache derived from
// the database (internal/recommend); see docs/match-product.md.

func init() { areas = append(areas, (*Server).matchRoutes) }

func (s *Server) matchRoutes() []route {
	return []route{
		{"GET /posts/{id}/candidates", only(enterprise, organizer), s.candidatesPage},
		{"GET /api/v1/me/recommendations", only(talent), s.apiRecommendations},
		{"GET /api/v1/posts/{id}/candidates", only(enterprise, organizer), s.apiCandidates},
		{"GET /api/v1/figures/matching", only(organizer), s.apiMatchingRate},
	}
}

// recsShown is how many recommendations and candidates a page shows.
const recsShown = 10

// matchState is the matching area's per-instance state: the recommender,
// made on first use. Its zero value is ready.
type matchState struct {
	once sync.Once
	rec  *recommend.Recommender
}

func (s *Server) recommender() *recommend.Recommender {
	s.match.once.Do(func() { s.match.rec = recommend.New(s.store, recommend.Options{}) })
	return s.match.rec
}

// RunMatching builds the matching index and keeps it current until ctx
// ends; without it the index is built on first use and polled by reads.
func (s *Server) RunMatching(ctx context.Context) {
	s.recommender().Run(ctx, func(err error) {
		if !model.IsNotFound(err) { // no edition yet
			s.log.Warn("matching index", "err", err)
		}
	})
}

// matchTalent passes this instance's saved profile to the index at once;
// it returns err unchanged so save handlers can wrap their store call
// (pointers: the store call fills in the row before they are read).
func (s *Server) matchTalent(t *model.Talent, err error) error {
	if err == nil {
		s.recommender().Talent(*t)
	}
	return err
}

// matchPost passes this instance's saved post to the index at once.
func (s *Server) matchPost(ctx context.Context, p *model.Post, err error) error {
	if err != nil {
		return err
	}
	return s.matchPosts(ctx, []model.Post{*p}, nil)
}

// matchPosts passes this instance's saved posts to the index at once.
func (s *Server) matchPosts(ctx context.Context, posts []model.Post, err error) error {
	if err != nil {
		return err
	}
	rec := s.recommender()
	fairs := map[int64]int64{}
	for _, p := range posts {
		ed, ok := fairs[p.FairID]
		if !ok {
			f, ferr := s.store.Fair(ctx, p.FairID)
			if ferr != nil {
				s.log.Warn("matching index: fair", "err", ferr) // the next poll catches up
				continue
			}
			ed, fairs[p.FairID] = f.EditionID, f.EditionID
		}
		rec.Post(p, ed)
	}
	return nil
}

// reasonView is one reason, said in the reader's language.
type reasonView struct {
	Code string
	Text string
	Met  bool
}

// recView is a recommended post or a matched candidate.
type recView struct {
	PostID, TalentID int64
	Title, Sub       string // post title and enterprise, or talent name and degree
	City             string
	Score            int
	Mutual           bool
	Skills           string // "Matched skills: …", labelled and translated
	Reasons          []reasonView
	Head             template.HTML // the landing's rendering of PostID, Title, Sub and City (landing.go)
}

var (
	langLabel   = map[string][2]string{}
	cityLabel   = map[string][2]string{}
	skillLabels = map[string][2]string{}
)

func init() {
	for _, l := range match.Languages() {
		langLabel[l.Code] = [2]string{l.EN, l.ZH}
	}
	for _, sk := range match.Vocabulary() {
		skillLabels[sk.Key] = [2]string{sk.EN, sk.ZH}
	}
	for _, c := range match.Cities() {
		cityLabel[c.Key] = [2]string{c.EN, c.ZH}
	}
}

func pickLabel(l [2]string, ok bool, key, locale string) string {
	if !ok {
		return key
	}
	return model.DisplayName(locale, l[0], l[1])
}

func skillLabel(key, locale string) string {
	if l, ok := skillLabels[key]; ok {
		return pickLabel(l, true, key, locale)
	}
	sk, ok := match.LookupSkill(key)
	return pickLabel([2]string{sk.EN, sk.ZH}, ok, key, locale)
}

// labels turns a comma-separated list of codes into labels.
func labels(csv, locale string, table map[string][2]string) string {
	var out []string
	for _, c := range strings.Split(csv, ",") {
		if c != "" {
			l, ok := table[c]
			out = append(out, pickLabel(l, ok, c, locale))
		}
	}
	return strings.Join(out, ", ")
}

// reasonText says one of the engine's reasons through the catalog: key
// match.reason.<code>, with the params each code carries in a fixed order.
func (s *Server) reasonText(locale string, r match.Reason) string {
	p := r.Params
	deg := func(k string) string { return s.cat.T(locale, "degree."+p[k]) }
	city := func(k string) string { return labels(p[k], locale, cityLabel) }
	key := "match.reason." + string(r.Code)
	switch r.Code {
	case match.ReasonSkills, match.ReasonTooFewSkills, match.ReasonNoSharedSkill:
		return s.cat.T(locale, key, p["matched"], p["required"])
	case match.ReasonSkillUse:
		return s.cat.T(locale, key, p["matched"], p["have"])
	case match.ReasonDegreeMet, match.ReasonDegreeAbove, match.ReasonDegreeBelow:
		return s.cat.T(locale, key, deg("have"), deg("need"))
	case match.ReasonExperienceMet:
		return s.cat.T(locale, key, p["have"], p["need"])
	case match.ReasonExperienceShort, match.ReasonExperienceFar:
		return s.cat.T(locale, key, p["have"], p["need"], p["short"])
	case match.ReasonLanguagesMet:
		return s.cat.T(locale, key, labels(p["required"], locale, langLabel))
	case match.ReasonLanguagesMissing:
		return s.cat.T(locale, key, labels(p["missing"], locale, langLabel))
	case match.ReasonAffinity:
		return s.cat.T(locale, key, s.cat.T(locale, "match.affinity."+p["level"]))
	case match.ReasonCityPreferred, match.ReasonCityAny:
		return s.cat.T(locale, key, city("city"))
	case match.ReasonCityNotPreferred:
		return s.cat.T(locale, key, city("city"), city("preferred"))
	}
	return s.cat.T(locale, key)
}

// reasons lists what speaks for a pair (met criteria that scored) and what
// holds it back (soft shortfalls), leaving out criteria that say nothing.
func (s *Server) reasons(locale string, e match.Explanation) []reasonView {
	var out []reasonView
	for _, r := range e.Reasons {
		switch {
		case r.Code == match.ReasonSkillUse, r.Code == match.ReasonAffinity && !r.Met,
			r.Code == match.ReasonLanguageNone, r.Code == match.ReasonIntentUndecided:
			continue
		case r.Met && r.Points == 0 && r.Max > 0:
			continue
		}
		out = append(out, reasonView{Code: string(r.Code), Text: s.reasonText(locale, r), Met: r.Met})
	}
	return out
}

func (s *Server) recView(locale string, m match.Match) recView {
	v := s.briefView(locale, m, m.Explanation.Matched)
	v.Mutual = m.Explanation.Mutual
	v.Reasons = s.reasons(locale, m.Explanation)
	return v
}

// briefView is a recommendation without its reasons: the matched skills say
// enough on a phone in a crowded hall.
func (s *Server) briefView(locale string, m match.Match, matched []string) recView {
	v := recView{PostID: m.PostID, TalentID: m.TalentID, Score: m.Score}
	if len(matched) > 0 {
		sk := make([]string, len(matched))
		for i, k := range matched {
			sk[i] = skillLabel(k, locale)
		}
		v.Skills = s.cat.T(locale, "match.matched_skills", strings.Join(sk, ", "))
	}
	return v
}

// talentRecs returns views of a post's matched candidates.
func (s *Server) talentRecs(ctx context.Context, locale string, ms []match.Match) ([]recView, error) {
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.TalentID
	}
	cards, err := s.store.TalentCards(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[int64]store.TalentCard{}
	for _, c := range cards {
		byID[c.ID] = c
	}
	out := make([]recView, 0, len(ms))
	for _, m := range ms {
		c, ok := byID[m.TalentID]
		if !ok {
			continue
		}
		v := s.recView(locale, m)
		v.Title, v.Sub = c.Name, s.cat.T(locale, "degree."+string(c.Degree))
		if c.Discipline != "" {
			v.Sub += " · " + c.Discipline
		}
		out = append(out, v)
	}
	return out, nil
}

// postRecs is a talent's fairly ranked top posts, explained, leaving out
// posts they have applied to and the post on screen: a recommendation is
// for something still to do.
type postRecs struct {
	Matches []match.Match
	Views   []recView
	// Here is the talent's application status for the post on screen
	// ("" when none).
	Here model.AppStatus
}

// cardTTL is how long a suggestion's title, enterprise and city are kept: a
// renamed post shows under its old title in others' suggestions for at
// most this long (closed posts leave the suggestions with the index).
const cardTTL = 30 * time.Second

// appliedTTL is how long a talent's applied posts are kept. Applying here
// adds to them at once; an application made through another instance, or a
// status an enterprise set, shows within this time (applying again is still
// one application: the database says "already applied").
const appliedTTL = 5 * time.Second

// appliedSet is a talent's applied posts and their statuses, kept
// appliedTTL. Applying here adds to it in place, under its lock: copying
// it on every application made a talent's many applications quadratic.
type appliedSet struct {
	mu sync.RWMutex
	m  map[int64]model.AppStatus
}

// status is the talent's application status for a post ("" for none).
func (a *appliedSet) status(post int64) model.AppStatus {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.m[post]
}

func (a *appliedSet) set(post int64, st model.AppStatus) {
	a.mu.Lock()
	a.m[post] = st
	a.mu.Unlock()
}

// appliedOf is the talent's applied posts and their statuses.
func (s *Server) appliedOf(ctx context.Context, talentID int64) (*appliedSet, error) {
	if a, ok := s.applied.get(talentID); ok {
		return a, nil
	}
	m, err := s.store.AppliedPosts(ctx, talentID)
	if err != nil {
		return nil, err
	}
	a := &appliedSet{m: m}
	s.applied.put(talentID, a)
	return a, nil
}

// postCards returns the cards of ids, from memory where it can and the
// rest in one query.
func (s *Server) postCards(ctx context.Context, ids []int64) (map[int64]store.PostCard, error) {
	out := make(map[int64]store.PostCard, len(ids))
	var missing []int64
	for _, id := range ids {
		if c, ok := s.cards.get(id); ok {
			out[id] = c
		} else {
			missing = append(missing, id)
		}
	}
	cs, err := s.store.PostCards(ctx, missing)
	for _, c := range cs {
		out[c.ID] = c
		s.cards.put(c.ID, c)
	}
	return out, err
}

// forgetPost drops what the caches hold of a post this instance changed.
func (s *Server) forgetPost(id int64) {
	s.posts.forget(id)
	s.cards.forget(id)
	for _, l := range model.Locales {
		s.heads.forget(headKey{id, l})
	}
}

// apply is every way of applying: the store decides, and the talent's
// kept applied posts learn the outcome (a copy: readers may hold the old map).
func (s *Server) apply(ctx context.Context, talentID, postID int64, ch model.Channel) (model.Application, bool, error) {
	a, created, err := s.store.Apply(ctx, talentID, postID, ch)
	if as, ok := s.applied.get(talentID); ok && err == nil {
		as.set(postID, a.Status)
	}
	return a, created, err
}

// newPostsFor fills postRecs with k posts. It asks the index for a few more
// than k, leaves out what the talent has applied to, and asks for more only
// when too many were: the cost of a page does not grow with the talent's
// applications. brief leaves out the reasons.
func (s *Server) newPostsFor(ctx context.Context, locale string, talentID int64, k int, here int64, brief bool) (postRecs, error) {
	applied, err := s.appliedOf(ctx, talentID)
	if err != nil {
		return postRecs{}, err
	}
	out := postRecs{Here: applied.status(here)}
	for want := 2*k + 1; ; want *= 4 {
		ms, err := s.recommender().FairPostRanks(ctx, talentID, want)
		if err != nil {
			return out, err
		}
		var ids []int64
		for _, m := range ms {
			if applied.status(m.PostID) == "" && m.PostID != here {
				ids = append(ids, m.PostID)
			}
		}
		cards, err := s.postCards(ctx, ids)
		if err != nil {
			return out, err
		}
		out.Matches, out.Views = nil, nil
		for _, m := range ms {
			c, ok := cards[m.PostID] // only asked for posts not done
			if !ok {
				continue // done, or gone since the index saw it
			}
			var v recView
			if brief { // the matched skills alone: the landing's suggestions
				sk, ok, err := s.recommender().MatchedSkills(ctx, talentID, m.PostID)
				if err != nil {
					return out, err
				}
				if !ok {
					continue // left the index since the list was read
				}
				m.Explanation.Matched = sk
				v = s.briefView(locale, m, sk)
			} else {
				e, ok, err := s.recommender().Explain(ctx, talentID, m.PostID)
				if err != nil {
					return out, err
				}
				if !ok {
					continue
				}
				m.Explanation = e
				v = s.recView(locale, m)
			}
			v.Title, v.Sub, v.City = c.Title, model.DisplayName(locale, c.OrgName, c.OrgNameZH), c.City
			out.Matches, out.Views = append(out.Matches, m), append(out.Views, v)
			if len(out.Matches) == k {
				break
			}
		}
		if len(out.Matches) == k || len(ms) < want {
			return out, nil
		}
	}
}

// myRecs is the signed-in talent's recommendations, for the home page.
// Matching is a help, not the page: a failure is logged and shows nothing.
func (s *Server) myRecs(r *http.Request, talentID int64) []recView {
	rs, err := s.newPostsFor(r.Context(), info(r).locale, talentID, recsShown, 0, false)
	if err != nil {
		s.log.Warn("recommendations", "err", err, "req", info(r).id)
	}
	return rs.Views
}

// scanRecsShown is how many posts the scan landing suggests: a phone
// screen's worth below the one-tap button.
const scanRecsShown = 3

// candidatePost loads a post whose candidates the caller may see: its
// owning enterprise, or an organizer.
func (s *Server) candidatePost(r *http.Request) (model.Post, error) {
	id, err := pathID(r)
	if err != nil {
		return model.Post{}, err
	}
	p, err := s.store.Post(r.Context(), id)
	if err != nil {
		return p, err
	}
	if org := scopeOrg(r); currentUser(r).Role != organizer && org != p.OrgID {
		return p, model.Errorf(model.Forbidden, "err.not_your_post")
	}
	return p, nil
}

type candidatesData struct {
	Post       model.Post
	Candidates []recView
}

func (s *Server) loadCandidates(r *http.Request) (candidatesData, error) {
	p, err := s.candidatePost(r)
	if err != nil {
		return candidatesData{}, err
	}
	d := candidatesData{Post: p}
	ms, err := s.recommender().TalentsFor(r.Context(), p.ID, recsShown)
	if err != nil {
		return d, err
	}
	d.Candidates, err = s.talentRecs(r.Context(), info(r).locale, ms)
	return d, err
}

func (s *Server) candidatesPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadCandidates(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "candidates", s.view(r, "match.candidates", d))
}

// rateView is the matching rate as the figures page shows it.
type rateView struct {
	match.MatchingRate
	PostPct, TalentPct string
}

// matchingRate is the organizer's figure; nil when it cannot be had.
func (s *Server) matchingRate(r *http.Request) *rateView {
	mr, err := s.recommender().Rate(r.Context())
	if err != nil {
		if !model.IsNotFound(err) {
			s.log.Warn("matching rate", "err", err, "req", info(r).id)
		}
		return nil
	}
	return &rateView{mr, pct(mr.PostRate()), pct(mr.TalentRate())}
}

func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" }
