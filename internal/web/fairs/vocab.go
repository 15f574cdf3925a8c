package fairs

import (
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
)

// postIn is p as a reader of lang sees it: its city, industry and skills
// under the vocabulary's labels when known, as typed otherwise. For
// display only: forms and JSON keep what was stored.
func postIn(lang string, p model.Post) model.Post {
	p.City = vocab.City.Label(lang, p.City)
	p.Industry = vocab.Industry.Label(lang, p.Industry)
	p.Skills = vocab.Skill.LabelAll(lang, p.Skills)
	return p
}

// postsIn is postIn over a list, in a new slice.
func postsIn(lang string, ps []model.Post) []model.Post {
	out := make([]model.Post, len(ps))
	for i, p := range ps {
		out[i] = postIn(lang, p)
	}
	return out
}

func counts(fc []store.FacetCount) []vocab.Count {
	out := make([]vocab.Count, len(fc))
	for i, c := range fc {
		out[i] = vocab.Count{Value: c.Value, N: c.N}
	}
	return out
}

// facets are the search filters' entries: each city and industry once,
// every spelling counted, in the reader's language.
type facets struct {
	Industries []vocab.Facet
	Cities     []vocab.Facet
}

func facetsIn(lang string, fc store.PostFacets) facets {
	return facets{vocab.Industry.Group(lang, counts(fc.Industries)), vocab.City.Group(lang, counts(fc.Cities))}
}
