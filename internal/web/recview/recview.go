// Package recview says matches in the reader's language: recommended posts
// for a talent (home, scan landing, API) and matched candidates for a
// post's enterprise, with the engine's reasons through the catalog and
// cities, skills and disciplines through the vocabulary (internal/vocab). It is
// shared by the areas that show matches; the partial _match.html beside it
// is their markup.
package recview

import (
	"embed"
	"html/template"
	"io/fs"
	"strings"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/recommend"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/render"
)

//go:embed _match.html
var templates embed.FS

// Templates is the partial the areas' pages include.
var Templates fs.FS = templates

// Shown is how many recommendations and candidates a page shows.
const Shown = 10

// ScanShown is how many posts the scan landing suggests: a phone screen's
// worth below the one-tap button.
const ScanShown = 3

// Reason is one reason, said in the reader's language.
type Reason struct {
	Code string
	Text string
	Met  bool
}

// Rec is a recommended post or a matched candidate.
type Rec struct {
	PostID, TalentID int64
	Title, Sub       string // post title and enterprise, or talent name and degree
	City             string
	Score            int
	Mutual           bool
	Skills           string // "Matched skills: …", labelled and translated
	Reasons          []Reason
	Head             template.HTML // the scan landing's rendering of PostID, Title, Sub and City
}

// MetCount is how many of the reasons hold.
func (r Rec) MetCount() int {
	n := 0
	for _, x := range r.Reasons {
		if x.Met {
			n++
		}
	}
	return n
}

var langLabel = map[string][2]string{}

func init() {
	for _, l := range match.Languages() {
		langLabel[l.Code] = [2]string{l.EN, l.ZH}
	}
}

// labels turns a comma-separated list of codes into labels by label.
func labels(csv string, label func(string) string) string {
	var out []string
	for _, c := range strings.Split(csv, ",") {
		if c != "" {
			out = append(out, label(c))
		}
	}
	return strings.Join(out, ", ")
}

// langName is a language code's name in locale, the code when unknown.
func langName(locale string) func(string) string {
	return func(code string) string {
		if l, ok := langLabel[code]; ok {
			return model.DisplayName(locale, l[0], l[1])
		}
		return code
	}
}

// Views says matches in one language.
type Views struct {
	rd     *render.Renderer
	locale string
}

// In returns the views of locale.
func In(rd *render.Renderer, locale string) Views { return Views{rd, locale} }

func (v Views) t(key string, args ...any) string { return v.rd.T(v.locale, key, args...) }

// ReasonText says one of the engine's reasons through the catalog: key
// match.reason.<code>, with the params each code carries in a fixed order.
func (v Views) ReasonText(r match.Reason) string {
	p := r.Params
	locale := v.locale
	deg := func(k string) string { return v.t("degree." + p[k]) }
	city := func(k string) string {
		return labels(p[k], func(c string) string { return vocab.City.Label(locale, c) })
	}
	key := "match.reason." + string(r.Code)
	switch r.Code {
	case match.ReasonSkills, match.ReasonTooFewSkills, match.ReasonNoSharedSkill:
		return v.t(key, p["matched"], p["required"])
	case match.ReasonSkillUse:
		return v.t(key, p["matched"], p["have"])
	case match.ReasonDegreeMet, match.ReasonDegreeAbove, match.ReasonDegreeBelow:
		return v.t(key, deg("have"), deg("need"))
	case match.ReasonExperienceMet:
		return v.t(key, p["have"], p["need"])
	case match.ReasonExperienceShort, match.ReasonExperienceFar:
		return v.t(key, p["have"], p["need"], p["short"])
	case match.ReasonLanguagesMet:
		return v.t(key, labels(p["required"], langName(locale)))
	case match.ReasonLanguagesMissing:
		return v.t(key, labels(p["missing"], langName(locale)))
	case match.ReasonAffinity:
		return v.t(key, v.t("match.affinity."+p["level"]))
	case match.ReasonCityPreferred, match.ReasonCityAny:
		return v.t(key, city("city"))
	case match.ReasonCityNotPreferred:
		return v.t(key, city("city"), city("preferred"))
	}
	return v.t(key)
}

// Reasons lists what speaks for a pair (met criteria that scored) and what
// holds it back (soft shortfalls), leaving out criteria that say nothing.
func (v Views) Reasons(e match.Explanation) []Reason {
	var out []Reason
	for _, r := range e.Reasons {
		switch {
		case r.Code == match.ReasonSkillUse, r.Code == match.ReasonAffinity && !r.Met,
			r.Code == match.ReasonLanguageNone, r.Code == match.ReasonIntentUndecided:
			continue
		case r.Met && r.Points == 0 && r.Max > 0:
			continue
		}
		out = append(out, Reason{Code: string(r.Code), Text: v.ReasonText(r), Met: r.Met})
	}
	return out
}

// Full is a match with its reasons.
func (v Views) Full(m match.Match) Rec {
	r := v.Brief(m, m.Explanation.Matched)
	r.Mutual = m.Explanation.Mutual
	r.Reasons = v.Reasons(m.Explanation)
	return r
}

// Brief is a match without its reasons: the matched skills say enough on a
// phone in a crowded hall.
func (v Views) Brief(m match.Match, matched []string) Rec {
	r := Rec{PostID: m.PostID, TalentID: m.TalentID, Score: m.Score}
	if len(matched) > 0 {
		sk := make([]string, len(matched))
		for i, k := range matched {
			sk[i] = vocab.Skill.Label(v.locale, k)
		}
		r.Skills = v.t("match.matched_skills", strings.Join(sk, ", "))
	}
	return r
}

// Suggestions are a talent's suggested posts with their cards; brief when
// the suggester explained only matched skills.
func (v Views) Suggestions(sg recommend.Suggestions, brief bool) []Rec {
	out := make([]Rec, 0, len(sg.List))
	for _, s := range sg.List {
		var r Rec
		if brief {
			r = v.Brief(s.Match, s.Match.Explanation.Matched)
		} else {
			r = v.Full(s.Match)
		}
		c := s.Card
		r.Title, r.Sub, r.City = model.DisplayName(v.locale, c.Title, c.TitleZH), model.DisplayName(v.locale, c.OrgName, c.OrgNameZH), vocab.City.Label(v.locale, c.City)
		out = append(out, r)
	}
	return out
}

//go:embed catalog
var catalogFS embed.FS

// Catalog is the match views' messages (zh.json, en.json).
var Catalog, _ = fs.Sub(catalogFS, "catalog")
