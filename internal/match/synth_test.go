package match

import (
	"math/rand/v2"
	"strings"
)

// A synthetic convention with planted preferences, deterministic by seed.
// Each field's vocabulary is split into two specialties (latent clusters).
// Every talent and post belongs to one specialty and draws most skills from
// it, written the way people write them: English or Chinese labels,
// abbreviations, odd case and spacing. The ground truth relevance of a post
// for a talent comes from the clusters and requirements, never from strings.

type synthCluster struct {
	field  int
	skills []int // vocabulary indices
}

type synthTalent struct {
	cluster int
	degree  Degree
	exp     int
	langs   []string // canonical codes
	cities  []string
	intent  Intent
}

type synthPost struct {
	cluster   int
	minDegree Degree
	minExp    int
	langs     []string
	city      string
	open      bool
}

type synthWorld struct {
	clusters []synthCluster
	Talents  []Talent
	Posts    []Post
	tl       []synthTalent
	pl       []synthPost
}

// field weights: electronic information draws the most talents and posts.
var synthFieldWeight = [fieldCount]float64{0.15, 0.15, 0.25, 0.1, 0.1, 0.07, 0.1, 0.08}

// city weights: a few cities draw most preferences and posts.
var synthCityWeight = []float64{0.2, 0.2, 0.08, 0.15, 0.08, 0.05, 0.04, 0.04, 0.03, 0.03, 0.03, 0.02, 0.02, 0.02, 0.01}

func synthClusters() []synthCluster {
	var cs []synthCluster
	for f := range fieldCount {
		var idx []int
		for i, s := range vocabulary {
			if s.Field == fieldTable[f].Field {
				idx = append(idx, i)
			}
		}
		h := len(idx) / 2
		cs = append(cs, synthCluster{f, idx[:h]}, synthCluster{f, idx[h:]})
	}
	return cs
}

func pickWeighted(r *rand.Rand, w []float64) int {
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	u := r.Float64() * sum
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

func pickDegree(r *rand.Rand, w [4]float64) Degree { return Degree(pickWeighted(r, w[:])) }

// spell writes vocabulary skill i the way a person might.
func spell(r *rand.Rand, i int) string {
	s := vocabulary[i]
	var w string
	switch u := r.Float64(); {
	case u < 0.5:
		w = s.EN
	case u < 0.75:
		w = s.ZH
	case len(s.Aliases) > 0:
		w = s.Aliases[r.IntN(len(s.Aliases))]
	default:
		w = s.EN
	}
	switch r.IntN(6) {
	case 0:
		w = strings.ToLower(w)
	case 1:
		w = strings.ToUpper(w)
	case 2:
		w = " " + w + " "
	}
	return w
}

func synthCity(r *rand.Rand) string {
	c := cities[pickWeighted(r, synthCityWeight)]
	if r.IntN(2) == 0 {
		return c.ZH
	}
	return c.EN
}

// drawSkills draws n distinct vocabulary skills: own cluster with pOwn,
// the sister cluster with pSister, else any field.
func drawSkills(r *rand.Rand, cs []synthCluster, c, n int, pOwn, pSister float64) []int {
	var out []int
	for tries := 0; len(out) < n && tries < 10*n; tries++ {
		var pool []int
		switch u := r.Float64(); {
		case u < pOwn:
			pool = cs[c].skills
		case u < pOwn+pSister:
			pool = cs[c^1].skills
		default:
			pool = cs[r.IntN(len(cs))].skills
		}
		i := pool[r.IntN(len(pool))]
		if !containsInt(out, i) {
			out = append(out, i)
		}
	}
	return out
}

func containsInt(l []int, x int) bool {
	for _, y := range l {
		if y == x {
			return true
		}
	}
	return false
}

func highAffinityDisciplines(f int) []int {
	var out []int
	for i, d := range disciplines {
		if d.Affinity[f] == AffinityHigh {
			out = append(out, i)
		}
	}
	return out
}

var otherLangs = []string{"ja", "ru", "de", "fr", "ko", "kk"}

func langLabel(r *rand.Rand, code string) string {
	for _, l := range languages {
		if l.Code == code {
			if r.IntN(2) == 0 {
				return l.ZH
			}
			return l.EN
		}
	}
	return code
}

func newSynthWorld(seed uint64, nTalents, nPosts int) *synthWorld {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	w := &synthWorld{clusters: synthClusters()}
	clusterOf := func() int { return 2*pickWeighted(r, synthFieldWeight[:]) + r.IntN(2) }

	for i := range nTalents {
		c := clusterOf()
		f := w.clusters[c].field
		st := synthTalent{cluster: c, degree: pickDegree(r, [4]float64{0.1, 0.35, 0.35, 0.2}), exp: int(r.ExpFloat64() * 5)}
		cat := Category(r.IntN(3))
		if cat == CategoryStudent {
			st.exp = r.IntN(3)
		}
		var discipline string
		if hi := highAffinityDisciplines(f); len(hi) > 0 && r.Float64() < 0.75 {
			d := disciplines[hi[r.IntN(len(hi))]]
			discipline = []string{d.EN, d.ZH}[r.IntN(2)]
		} else {
			discipline = disciplines[r.IntN(len(disciplines))].EN
		}
		if r.Float64() < 0.75 {
			st.langs = append(st.langs, "zh")
		}
		if r.Float64() < 0.85 {
			st.langs = append(st.langs, "en")
		}
		if r.Float64() < 0.15 {
			st.langs = append(st.langs, otherLangs[r.IntN(len(otherLangs))])
		}
		switch u := r.Float64(); {
		case u < 0.55:
			st.intent = IntentYes
		case u < 0.9:
			st.intent = IntentUndecided
		default:
			st.intent = IntentNo
		}
		t := Talent{ID: int64(i + 1), Degree: st.degree, Discipline: discipline, YearsExperience: st.exp, IntentChina: st.intent, Category: cat}
		for _, s := range drawSkills(r, w.clusters, c, 3+r.IntN(6), 0.7, 0.15) {
			t.Skills = append(t.Skills, spell(r, s))
		}
		for _, l := range st.langs {
			t.Languages = append(t.Languages, langLabel(r, l))
		}
		if r.Float64() < 0.7 {
			for range 1 + r.IntN(3) {
				city := synthCity(r)
				key := CanonicalCity(city)
				if !contains(st.cities, key) {
					st.cities = append(st.cities, key)
					t.PreferredCities = append(t.PreferredCities, city)
				}
			}
		}
		w.Talents = append(w.Talents, t)
		w.tl = append(w.tl, st)
	}

	for i := range nPosts {
		c := clusterOf()
		f := w.clusters[c].field
		sp := synthPost{cluster: c, minDegree: pickDegree(r, [4]float64{0.15, 0.45, 0.3, 0.1}), open: r.Float64() < 0.95}
		if r.Float64() > 0.3 {
			sp.minExp = 1 + r.IntN(8)
		}
		switch u := r.Float64(); {
		case u < 0.2:
			sp.langs = []string{"en"}
		case u < 0.25:
			sp.langs = []string{otherLangs[r.IntN(len(otherLangs))]}
		}
		city := synthCity(r)
		sp.city = CanonicalCity(city)
		fi := fieldTable[f]
		industry := []string{fi.EN, fi.ZH, fi.Aliases[r.IntN(len(fi.Aliases))]}[r.IntN(3)]
		p := Post{ID: int64(i + 1), Industry: industry, MinDegree: sp.minDegree, MinExperience: sp.minExp,
			City: city, Headcount: 1 + int(r.ExpFloat64()*3), Open: sp.open}
		for _, s := range drawSkills(r, w.clusters, c, 2+r.IntN(5), 0.85, 0.15) {
			p.Skills = append(p.Skills, spell(r, s))
		}
		for _, l := range sp.langs {
			p.Languages = append(p.Languages, langLabel(r, l))
		}
		w.Posts = append(w.Posts, p)
		w.pl = append(w.pl, sp)
	}
	return w
}

// relevance is the planted ground truth: 0 when the talent cannot get the
// post (closed, requirements not met) or would not take it (intent no, city
// outside a stated preference); else 2 for the same specialty, 1 for the
// same field, 0 otherwise.
func (w *synthWorld) relevance(ti, pi int) int {
	t, p := &w.tl[ti], &w.pl[pi]
	if !p.open || t.intent == IntentNo || t.degree < p.minDegree || t.exp+ExperienceSlack < p.minExp {
		return 0
	}
	for _, l := range p.langs {
		if !contains(t.langs, l) {
			return 0
		}
	}
	if len(t.cities) > 0 && !contains(t.cities, p.city) {
		return 0
	}
	switch {
	case t.cluster == p.cluster:
		return 2
	case w.clusters[t.cluster].field == w.clusters[p.cluster].field:
		return 1
	}
	return 0
}
