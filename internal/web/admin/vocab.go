package admin

import (
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/vocab"
)

// The lists below are as a reader of lang sees them: provinces, cities and
// disciplines under the vocabulary's labels when known, as typed
// otherwise. For display only, in new slices: forms and the API keep what
// was stored.

func orgsIn(lang string, l []model.Organization) []model.Organization {
	out := make([]model.Organization, len(l))
	for i, o := range l {
		o.Province = vocab.Province.Label(lang, o.Province)
		out[i] = o
	}
	return out
}

func talentsIn(lang string, l []model.Talent) []model.Talent {
	out := make([]model.Talent, len(l))
	for i, t := range l {
		t.Discipline = vocab.Discipline.Label(lang, t.Discipline)
		out[i] = t
	}
	return out
}

func postsIn(lang string, l []model.Post) []model.Post {
	out := make([]model.Post, len(l))
	for i, p := range l {
		p.City, p.Industry = vocab.City.Label(lang, p.City), vocab.Industry.Label(lang, p.Industry)
		out[i] = p
	}
	return out
}
