package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/convene/convene/internal/model"
)

// Nationalities of international students in China, with their name style.
var studentNations = []int{4, 5, 6, 7, 8, 0, 1, 10, 13, 2, 3, 19} // indexes into countries

// talents creates the overseas talents, high-skilled talents and
// international students, each with an account. Shares the seed states
// (63% PhD, 70% intending to work in China, countries of residence) are
// exact quotas, not samples, so they hold at every seed.
func (g *generator) talents(r *rand.Rand) {
	n := g.n(nOverseas)
	phd := int(math.Round(0.63 * float64(n)))
	degrees := make([]model.Degree, n)
	rest := assign(r, n-phd, []float64{75, 25}) // master, bachelor
	for i, o := range r.Perm(n) {
		switch {
		case o < phd:
			degrees[i] = model.DegreePhD
		case rest[o-phd] == 0:
			degrees[i] = model.DegreeMaster
		default:
			degrees[i] = model.DegreeBachelor
		}
	}
	intents := assign(r, n, []float64{70, 12, 18})
	cw := make([]float64, len(countries))
	for i, c := range countries {
		cw[i] = c.Weight
	}
	residence := assign(r, n, cw)
	fieldOf := assign(r, n, overseasFieldW)
	for i := range n {
		ctry := countries[residence[i]]
		style := styleChinese
		if ctry.Style != styleChinese && r.IntN(5) == 0 {
			style = ctry.Style // most overseas scholars are Chinese; some are not
		}
		nat := ctry.EN
		langs := []string{"English"}
		if style == styleChinese {
			if r.IntN(100) < 65 {
				nat = "China"
			}
			langs = []string{"Chinese", "English"}
		} else if r.IntN(4) == 0 {
			langs = append(langs, "Chinese")
		}
		if ctry.Language != "" && (style != styleChinese || r.IntN(2) == 0) {
			langs = append(langs, ctry.Language)
		}
		d := degrees[i]
		yrs := [2]int{1, 12}
		switch d {
		case model.DegreePhD:
			yrs = [2]int{2, 25}
		case model.DegreeMaster:
			yrs = [2]int{1, 15}
		}
		g.addTalent(r, model.Talent{Category: model.TalentOverseas, Name: personName(r, style), Residence: ctry.EN, Nationality: nat,
			Degree: d, Languages: langs, YearsExperience: between(r, yrs[0], yrs[1]), IntentChina: []model.Intent{model.IntentYes, model.IntentNo, model.IntentUndecided}[intents[i]]},
			fieldOf[i], false)
	}

	n = g.n(nHighSkilled)
	dg := assign(r, n, []float64{35, 45, 15, 5})
	fieldOf = assign(r, n, highSkilledFieldW)
	for i := range n {
		langs := []string{"Chinese"}
		if r.IntN(10) < 3 {
			langs = append(langs, "English")
		}
		intent := model.IntentYes
		if r.IntN(20) == 0 {
			intent = model.IntentUndecided
		}
		g.addTalent(r, model.Talent{Category: model.TalentHighSkilled, Name: chineseName(r), Residence: "China", Nationality: "China",
			Degree: model.Degrees[dg[i]], Languages: langs, YearsExperience: between(r, 2, 30), IntentChina: intent}, fieldOf[i], true)
	}

	n = g.n(nStudents)
	dg = assign(r, n, []float64{0, 30, 55, 15})
	fieldOf = assign(r, n, studentFieldW)
	intents = assign(r, n, []float64{60, 10, 30})
	for i := range n {
		ctry := countries[pick(r, studentNations)]
		langs := []string{"English", "Chinese"}
		if ctry.Language != "" {
			langs = append(langs, ctry.Language)
		}
		g.addTalent(r, model.Talent{Category: model.TalentStudent, Name: personName(r, ctry.Style), Residence: "China", Nationality: ctry.EN,
			Degree: model.Degrees[dg[i]], Languages: langs, YearsExperience: between(r, 0, 3),
			IntentChina: []model.Intent{model.IntentYes, model.IntentNo, model.IntentUndecided}[intents[i]]}, fieldOf[i], false)
	}

	// The video fair's overseas high-level talents: 75% PhD. They come to
	// be interviewed for work in China, so none of them refuses it, and
	// most take a post in any city (videoAnyCity): the seed's person-post
	// matching rate of the video fair is above 85% (internal/figures).
	k := min(g.n(nVideoTalents), len(g.overseas))
	var phds, others []int64
	for _, id := range g.overseas {
		if g.c.Talents[id-1].IntentChina == model.IntentNo {
			continue
		}
		if g.c.Talents[id-1].Degree == model.DegreePhD {
			phds = append(phds, id)
		} else {
			others = append(others, id)
		}
	}
	kp := min(int(math.Round(0.75*float64(k))), len(phds))
	g.c.VideoTalents = append(sample(r, phds, kp), sample(r, others, k-kp)...)
	slices.Sort(g.c.VideoTalents)
	for _, id := range g.c.VideoTalents {
		if r.Float64() < videoAnyCity {
			g.c.Talents[id-1].PreferredCities = nil
		}
	}
}

// videoAnyCity is the share of the video fair's talents who list no
// preferred city. Measured at scale 1 (seed 2017): with none of them
// refusing China and this share, 96 of 108 (88.9%) have a mutually
// acceptable video post; before either change, 62 (57.4%): 21 refused
// China and 24 named only cities no acceptable post was in.
const videoAnyCity = 0.6

// addTalent completes a profile with field-specific discipline, skills and
// preferred cities, in Chinese for high-skilled talents (zh) and in English
// otherwise, and creates its account.
func (g *generator) addTalent(r *rand.Rand, t model.Talent, field int, zh bool) {
	f := fields[field]
	label := func(l Label) string {
		if zh {
			return l.ZH
		}
		return l.EN
	}
	t.ID = int64(len(g.c.Talents) + 1)
	t.Discipline = label(pick(r, f.Disciplines))
	for _, s := range sample(r, f.Skills, between(r, 3, 6)) {
		t.Skills = append(t.Skills, label(s))
	}
	if r.IntN(5) == 0 { // a neighbouring skill from another field
		t.Skills = append(t.Skills, label(pick(r, fields[r.IntN(len(fields))].Skills)))
	}
	t.Skills = model.CleanList(t.Skills)
	if r.IntN(100) >= 15 { // the rest accept any city
		for range between(r, 1, 3) {
			t.PreferredCities = append(t.PreferredCities, label(cities[weighted(r, cityW)]))
		}
		t.PreferredCities = model.CleanList(t.PreferredCities)
	}
	t.UpdatedAt = before(r, 0, 60)
	prefix, locale := "talent", "en"
	if t.Category == model.TalentHighSkilled || t.Nationality == "China" {
		locale = "zh"
	}
	t.UserID = g.addUser(model.User{Email: fmt.Sprintf("%s%05d@%s", prefix, t.ID, EmailDomain), Name: t.Name, Role: model.RoleTalent,
		Locale: locale, CreatedAt: t.UpdatedAt})
	g.c.Talents = append(g.c.Talents, t)
	g.talentField = append(g.talentField, field)
	switch t.Category {
	case model.TalentOverseas:
		g.overseas = append(g.overseas, t.ID)
	case model.TalentHighSkilled:
		g.highSkilled = append(g.highSkilled, t.ID)
	default:
		g.student = append(g.student, t.ID)
	}
}
