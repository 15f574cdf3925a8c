package scan

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/qr"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
)

// target is what a scanned token points at.
type target struct {
	Token string
	Kind  qr.Kind
	Post  *postData // a post's landing
	land  *landing  // ... and its kept parts
	Org   *model.Organization
	Posts []scanPost // an enterprise's landing: its open posts
}

// postData is a post with its enterprise and fair, as the landing shows it.
type postData struct {
	Post model.Post
	Org  model.Organization
	Fair model.Fair
}

type scanPost struct {
	model.Post
	Token string
}

// in is t as a reader of lang sees it: cities, industries and skills
// under the vocabulary's labels, as typed when unknown. It copies: the post is kept
// and shared between requests in every language.
func (t target) in(lang string) target {
	if t.Post != nil {
		p := *t.Post
		p.Post.City, p.Post.Industry = vocab.City.Label(lang, p.Post.City), vocab.Industry.Label(lang, p.Post.Industry)
		p.Post.Skills = vocab.Skill.LabelAll(lang, p.Post.Skills)
		t.Post = &p
	}
	if t.Org != nil {
		o := *t.Org
		o.Industry = vocab.Industry.Label(lang, o.Industry)
		t.Org = &o
	}
	if t.Posts != nil {
		ps := make([]scanPost, len(t.Posts))
		for i, p := range t.Posts {
			p.City = vocab.City.Label(lang, p.City)
			ps[i] = p
		}
		t.Posts = ps
	}
	return t
}

// errBadToken is every malformed, tampered or stale token: one clear page.
var errBadToken = model.Errorf(model.NotFound, "scan.bad_token")

// loadTarget verifies the token (no lookup needed for that) and loads what it names.
func (a *Area) loadTarget(r *http.Request) (target, error) {
	t := target{Token: r.PathValue("token")}
	sec, err := a.Codes.Secret(r.Context())
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
		l, err := a.landingOf(r, id)
		if model.IsNotFound(err) {
			return t, errBadToken
		}
		if err != nil {
			return t, err
		}
		t.Post, t.land = &l.postData, l
		return t, nil
	default:
		o, err := a.DB.Organization(r.Context(), id)
		if model.IsNotFound(err) || (err == nil && o.Kind != model.OrgEnterprise) {
			return t, errBadToken
		}
		if err != nil {
			return t, err
		}
		t.Org = &o
		posts, err := a.DB.ListPosts(r.Context(), store.PostFilter{OrgID: id, Status: model.PostOpen, Limit: 200})
		if err != nil {
			return t, err
		}
		for _, p := range posts {
			t.Posts = append(t.Posts, scanPost{p, qr.Token(sec, qr.Post, p.ID)})
		}
		return t, nil
	}
}

// landingOf is a post's landing, kept landingPostTTL.
func (a *Area) landingOf(r *http.Request, id int64) (*landing, error) {
	if l, ok := a.posts.Get(id); ok {
		return l, nil
	}
	l := &landing{}
	var err error
	l.Post, l.Org, l.Fair, err = a.DB.PostDetail(r.Context(), id)
	if err != nil {
		return nil, err
	}
	a.posts.Put(id, l)
	return l, nil
}
