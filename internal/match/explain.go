package match

import (
	"slices"
	"strconv"
	"strings"
)

// ReasonCode names the outcome of one criterion. Codes and params, not
// sentences, so the web layer can say them in Chinese or English.
type ReasonCode string

// Reason codes and the params each carries.
const (
	ReasonSkills           ReasonCode = "skills"               // matched, required
	ReasonSkillUse         ReasonCode = "skill_use"            // matched, have
	ReasonNoSharedSkill    ReasonCode = "no_shared_skill"      // (never recommended)
	ReasonDegreeMet        ReasonCode = "degree_met"           // have, need
	ReasonDegreeAbove      ReasonCode = "degree_above"         // have, need
	ReasonDegreeBelow      ReasonCode = "degree_below"         // have, need (hard)
	ReasonExperienceMet    ReasonCode = "experience_met"       // have, need
	ReasonExperienceShort  ReasonCode = "experience_short"     // have, need, short
	ReasonExperienceFar    ReasonCode = "experience_far_below" // have, need, short (hard)
	ReasonLanguagesMet     ReasonCode = "languages_met"        // required
	ReasonLanguagesMissing ReasonCode = "languages_missing"    // required, missing (hard)
	ReasonLanguageChinese  ReasonCode = "language_chinese"     //
	ReasonLanguageEnglish  ReasonCode = "language_english"     //
	ReasonLanguageNone     ReasonCode = "language_none"        //
	ReasonAffinity         ReasonCode = "affinity"             // level, discipline, field
	ReasonCityPreferred    ReasonCode = "city_preferred"       // city
	ReasonCityAny          ReasonCode = "city_any"             // city
	ReasonCityNotPreferred ReasonCode = "city_not_preferred"   // city, preferred
	ReasonIntentYes        ReasonCode = "intent_yes"           //
	ReasonIntentUndecided  ReasonCode = "intent_undecided"     //
	ReasonIntentNo         ReasonCode = "intent_no"            //
	ReasonPostClosed       ReasonCode = "post_closed"          //
	ReasonTooFewSkills     ReasonCode = "too_few_skills"       // matched, required: post side does not accept
)

// Reason is one criterion's outcome. Hard reasons are requirements: when one
// is not met the pair is not eligible. Points out of Max add up to the score.
type Reason struct {
	Code   ReasonCode
	Hard   bool
	Met    bool
	Points int
	Max    int
	Params map[string]string
}

// Explanation says why a pair scores what it does. Matched and Missing hold
// canonical skill keys (see LookupSkill for labels): vocabulary skills in
// vocabulary order, then other skills by name.
type Explanation struct {
	Score         int  // 0 when not eligible
	Eligible      bool // the post's hard filter passes
	Recommendable bool // eligible, open and at least one shared skill: may appear in top-k lists
	PostAccepts   bool
	TalentAccepts bool
	Mutual        bool // PostAccepts && TalentAccepts; see accept.go
	Matched       []string
	Missing       []string
	Reasons       []Reason
}

// Evaluate scores and explains one pair from plain values.
func Evaluate(t Talent, p Post) Explanation {
	sy := newSymbols()
	tf := sy.compileTalent(&t)
	pf, pc := sy.compilePost(&p)
	return explain(sy, &tf, &pf, &pc)
}

func params(kv ...string) map[string]string {
	m := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }

func explain(sy *symbols, t *tfeat, p *pfeat, pc *pcold) Explanation {
	var e Explanation
	e.Matched, e.Missing = skillsOf(sy, t, pc, true)
	m := int32(len(e.Matched))
	add := func(r Reason) { e.Reasons = append(e.Reasons, r) }
	hardOK := true

	if !p.open() {
		add(Reason{Code: ReasonPostClosed, Hard: true})
		hardOK = false
	}
	// Hard requirements first: they decide eligibility.
	dp := params("have", t.degree.String(), "need", p.minDegree.String())
	switch {
	case t.degree < p.minDegree:
		add(Reason{Code: ReasonDegreeBelow, Hard: true, Max: pointsDegree, Params: dp})
		hardOK = false
	case t.degree > p.minDegree:
		add(Reason{Code: ReasonDegreeAbove, Hard: true, Met: true, Points: int(degreePoints(t.degree, p.minDegree)), Max: pointsDegree, Params: dp})
	default:
		add(Reason{Code: ReasonDegreeMet, Hard: true, Met: true, Points: int(degreePoints(t.degree, p.minDegree)), Max: pointsDegree, Params: dp})
	}
	minExp := int32(p.minExp)
	ep := params("have", itoa(t.exp), "need", itoa(minExp), "short", itoa(max(0, minExp-t.exp)))
	switch {
	case t.exp+ExperienceSlack < minExp:
		add(Reason{Code: ReasonExperienceFar, Hard: true, Max: pointsExperience, Params: ep})
		hardOK = false
	case t.exp < minExp:
		add(Reason{Code: ReasonExperienceShort, Hard: true, Met: true, Points: int(experiencePoints(t.exp, minExp)), Max: pointsExperience, Params: ep})
	default:
		add(Reason{Code: ReasonExperienceMet, Hard: true, Met: true, Points: pointsExperience, Max: pointsExperience, Params: ep})
	}
	if len(pc.langs) > 0 {
		var req, miss []string
		for _, l := range pc.langs {
			req = append(req, sy.langs.names[l])
			if !containsID(t.langs, l) {
				miss = append(miss, sy.langs.names[l])
			}
		}
		lp := params("required", strings.Join(req, ","), "missing", strings.Join(miss, ","))
		if len(miss) > 0 {
			add(Reason{Code: ReasonLanguagesMissing, Hard: true, Max: pointsLanguage, Params: lp})
			hardOK = false
		} else {
			add(Reason{Code: ReasonLanguagesMet, Hard: true, Met: true, Points: pointsLanguage, Max: pointsLanguage, Params: lp})
		}
	} else {
		code := ReasonLanguageNone
		switch t.langPts {
		case pointsLanguage:
			code = ReasonLanguageChinese
		case pointsLanguage / 2:
			code = ReasonLanguageEnglish
		}
		add(Reason{Code: code, Met: t.langPts > 0, Points: int(t.langPts), Max: pointsLanguage})
	}

	cov, use := skillPoints(m, int32(p.np), int32(len(t.skills)))
	sp := params("matched", itoa(m), "required", itoa(int32(p.np)))
	if m == 0 {
		add(Reason{Code: ReasonNoSharedSkill, Max: pointsCoverage, Params: sp})
	} else {
		add(Reason{Code: ReasonSkills, Met: true, Points: int(cov), Max: pointsCoverage, Params: sp})
	}
	add(Reason{Code: ReasonSkillUse, Met: use > 0, Points: int(use), Max: pointsSkillUse, Params: params("matched", itoa(m), "have", strconv.Itoa(len(t.skills)))})
	if !postAccepts(p, m) {
		add(Reason{Code: ReasonTooFewSkills, Params: sp})
	}

	aff := affinityOf(int(t.disc), int(p.field))
	ap := params("level", aff.String(), "discipline", "", "field", "")
	if t.disc >= 0 {
		ap["discipline"] = disciplines[t.disc].Key
	}
	if p.field >= 0 {
		ap["field"] = string(fieldTable[p.field].Field)
	}
	affPts := affinityPts[(int(t.disc)+1)*(fieldCount+1)+int(p.field)+1]
	add(Reason{Code: ReasonAffinity, Met: aff >= AffinityMedium, Points: int(affPts), Max: pointsAffinity, Params: ap})

	cs := t.cityState(p.city)
	city := ""
	if p.city >= 0 {
		city = sy.cities.names[p.city]
	}
	switch cs {
	case cityAny:
		add(Reason{Code: ReasonCityAny, Met: true, Points: int(cityPoints[cs]), Max: pointsCity, Params: params("city", city)})
	case cityPreferred:
		add(Reason{Code: ReasonCityPreferred, Met: true, Points: int(cityPoints[cs]), Max: pointsCity, Params: params("city", city)})
	default:
		var pref []string
		for _, c := range t.cities {
			pref = append(pref, sy.cities.names[c])
		}
		add(Reason{Code: ReasonCityNotPreferred, Max: pointsCity, Params: params("city", city, "preferred", strings.Join(pref, ","))})
	}
	intentCode := [...]ReasonCode{IntentUndecided: ReasonIntentUndecided, IntentYes: ReasonIntentYes, IntentNo: ReasonIntentNo}[t.intent]
	add(Reason{Code: intentCode, Met: t.intent != IntentNo, Points: int(intentPoints[t.intent]), Max: pointsIntent})

	e.Eligible = eligible(t, p, pc)
	e.Recommendable = hardOK && m > 0
	if e.Eligible {
		s, _ := pairScore(t, p, pc, m)
		e.Score = int(s)
	}
	e.PostAccepts = e.Eligible && postAccepts(p, m)
	e.TalentAccepts = talentAccepts(t, p, cs)
	e.Mutual = e.PostAccepts && e.TalentAccepts
	return e
}

// skillsOf splits a post's skills into those the talent has and the rest
// (missing only when asked): vocabulary skills in vocabulary order, then
// others by name, so the order does not depend on when an index first saw
// a spelling.
func skillsOf(sy *symbols, t *tfeat, pc *pcold, missing bool) (matched, rest []string) {
	ordered := slices.Clone(pc.skills)
	slices.SortFunc(ordered, func(a, b int32) int {
		va, vb := int(a) < len(vocabulary), int(b) < len(vocabulary)
		switch {
		case va && vb:
			return int(a - b)
		case va != vb:
			if va {
				return -1
			}
			return 1
		}
		return strings.Compare(sy.skills.names[a], sy.skills.names[b])
	})
	for _, s := range ordered {
		if containsID(t.skills, s) {
			matched = append(matched, sy.skills.names[s])
		} else if missing {
			rest = append(rest, sy.skills.names[s])
		}
	}
	return matched, rest
}

func containsID(sorted []int32, x int32) bool {
	for _, y := range sorted {
		if y >= x {
			return y == x
		}
	}
	return false
}
