package match

import "slices"

// Scores are integers from 0 to MaxScore, so sums are exact, ties are real
// ties, and the fast path and the brute force agree to the point.
const MaxScore = 1000

// Points of each criterion; they sum to MaxScore.
const (
	pointsCoverage   = 350 // share of the post's required skills the talent has
	pointsSkillUse   = 100 // share of the talent's skills the post uses
	pointsDegree     = 100
	pointsExperience = 100
	pointsAffinity   = 150 // discipline ↔ industry
	pointsLanguage   = 50
	pointsCity       = 75
	pointsIntent     = 75
)

// ExperienceSlack is how many years below a post's minimum a talent may be
// and still be considered (with fewer points); further below is a hard fail.
const ExperienceSlack = 2

// experiencePenalty is the points lost per year short of the minimum.
const experiencePenalty = 35

// Language ids fixed by the order of the languages table.
const (
	langChinese = 0
	langEnglish = 1
)

func skillPoints(m, np, nt int32) (coverage, use int32) {
	if m < tableM && np <= MaxSkills && nt <= MaxSkills {
		return coverageTable[np*tableM+m], useTable[nt*tableM+m]
	}
	return skillPointsSlow(m, np, nt)
}

func skillPointsSlow(m, np, nt int32) (coverage, use int32) {
	if np > 0 {
		coverage = pointsCoverage * m / np
	}
	if nt > 0 {
		use = pointsSkillUse * m / nt
	}
	return coverage, use
}

// tableM bounds the shared-skill counts whose points come from tables: two
// lookups instead of two divisions in the loop that scores every pair.
const tableM = 16

var coverageTable, useTable = func() (cov, use []int32) {
	cov = make([]int32, (MaxSkills+1)*tableM)
	use = make([]int32, (MaxSkills+1)*tableM)
	for n := range int32(MaxSkills + 1) {
		for m := range int32(tableM) {
			cov[n*tableM+m], use[n*tableM+m] = skillPointsSlow(m, n, n)
		}
	}
	return cov, use
}()

// degreePoints rewards meeting the minimum and, a little, exceeding it.
func degreePoints(have, need Degree) int32 {
	return min(pointsDegree, 70+15*int32(have-need))
}

func experiencePoints(have, need int32) int32 {
	if have >= need {
		return pointsExperience
	}
	return pointsExperience - experiencePenalty*(need-have)
}

var affinityPointsTable = map[Affinity]int32{
	AffinityNone: 0, AffinityLow: 50, AffinityMedium: 100, AffinityHigh: pointsAffinity,
	AffinityUnknown: 50, // cannot judge: as a low fit, neither rewarded nor punished much
}

// affinityPts[(disc+1)*(fieldCount+1)+field+1] caches affinity points, -1
// rows and columns meaning unrecognized.
var affinityPts = func() []int32 {
	t := make([]int32, (len(disciplines)+1)*(fieldCount+1))
	for d := -1; d < len(disciplines); d++ {
		for f := -1; f < fieldCount; f++ {
			t[(d+1)*(fieldCount+1)+f+1] = affinityPointsTable[affinityOf(d, f)]
		}
	}
	return t
}()

// languagePoints: a post that lists languages was met in full (a hard
// requirement); otherwise Chinese is the working language, English a bridge.
func languagePoints(talentLangs []int32, postLists bool) int32 {
	switch {
	case postLists || slices.Contains(talentLangs, langChinese):
		return pointsLanguage
	case slices.Contains(talentLangs, langEnglish):
		return pointsLanguage / 2
	}
	return 0
}

// cityState tells how a post's city meets a talent's preference.
type cityState int8

const (
	cityAny cityState = iota // the talent has no preference
	cityPreferred
	cityOther
)

func (t *tfeat) cityState(city int32) cityState {
	if t.ncity == 0 {
		return cityAny
	}
	if city >= 0 {
		for _, c := range t.city[:min(t.ncity, int32(len(t.city)))] {
			if c == city {
				return cityPreferred
			}
		}
		if t.ncity > int32(len(t.city)) && slices.Contains(t.cities[len(t.city):], city) {
			return cityPreferred
		}
	}
	return cityOther
}

var cityPoints = [...]int32{cityAny: 40, cityPreferred: pointsCity, cityOther: 0}

var intentPoints = [...]int32{IntentUndecided: 40, IntentYes: pointsIntent, IntentNo: 0}

// eligible is the post's hard filter: degree at least the minimum, every
// required language spoken, experience not more than ExperienceSlack years
// short.
func eligible(t *tfeat, p *pfeat, pc *pcold) bool {
	return t.degree >= p.minDegree && t.exp+ExperienceSlack >= int32(p.minExp) && t.hasLanguages(p, pc)
}

// pairScore scores a pair sharing m canonical skills. It returns -1 when the
// post's hard filter fails. mutual reports MutuallyAcceptable.
// pc is read only for rare languages (see pfLangSlow).
func pairScore(t *tfeat, p *pfeat, pc *pcold, m int32) (score int32, mutual bool) {
	if !eligible(t, p, pc) {
		return -1, false
	}
	cov, use := skillPoints(m, int32(p.np), int32(len(t.skills)))
	lang := t.langPts
	if p.flags&pfLangs != 0 {
		lang = pointsLanguage
	}
	cs := t.cityState(p.city)
	score = cov + use +
		degreePoints(t.degree, p.minDegree) +
		experiencePoints(t.exp, int32(p.minExp)) +
		affinityPts[(int(t.disc)+1)*(fieldCount+1)+int(p.field)+1] +
		lang + cityPoints[cs] + intentPoints[t.intent]
	return score, postAccepts(p, m) && talentAccepts(t, p, cs)
}
