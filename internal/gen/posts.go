package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
)

// posts offers the recruitment information: every enterprise that posts on
// the platform gets at least one post, large ones and the Global 500 many
// more. Posts in the overseas and video fairs are written in English, and
// close to half of them in Chinese too; those of the high-skilled fair are
// written in Chinese, and a bit over half carry an English title as well
// (issue 12: a reader sees their own language, or the other one marked).
func (g *generator) posts(r *rand.Rand) {
	n := g.n(nPosts)
	isVideo := make([]bool, len(g.c.Orgs)+1)
	for _, id := range g.video {
		isVideo[id] = true
	}
	// Cumulative weights: a binary search draws an enterprise in log time.
	cum := make([]float64, len(g.posting))
	var sum float64
	for i, id := range g.posting {
		o := g.c.Orgs[id-1]
		w := map[string]float64{"1-49": 1, "50-499": 1.6, "500+": 2.5}[o.Size]
		if o.Global500 {
			w = 5
		}
		sum += w
		cum[i] = sum
	}
	sessions := assign(r, n, []float64{1, 1}) // Singapore or Japan, for video posts
	for i := range n {
		var org int64
		if i < len(g.posting) {
			org = g.posting[i]
		} else {
			j, _ := slices.BinarySearch(cum, r.Float64()*sum)
			org = g.posting[min(j, len(cum)-1)]
		}
		of := g.orgField[org-1]
		// Fairs by enterprise: industrial fields lean to the high-skilled fair.
		fw := []float64{65, 35, 0}
		if of == 1 || of == 3 || of == 4 || of == 5 {
			fw = []float64{35, 65, 0}
		}
		if isVideo[org] {
			fw = []float64{40, 25, 35}
		}
		fair := weighted(r, fw)
		field := of
		if r.IntN(100) < 15 { // support functions: management and finance mostly
			field = []int{6, 6, 7, 7, r.IntN(len(fields))}[r.IntN(5)]
		}
		g.c.Posts = append(g.c.Posts, g.post(r, int64(i+1), org, fair, field, sessions[i]))
	}
}

func (g *generator) post(r *rand.Rand, id, org int64, fair, field, session int) model.Post {
	o := g.c.Orgs[org-1]
	f := fields[field]
	zh := fair == 1
	p := model.Post{ID: id, OrgID: org, FairID: int64(fair + 1), Industry: f.EN, Status: model.PostOpen}
	if fair == 2 {
		p.SessionID = ptr(int64(session + 1))
	}
	city := cities[g.orgCity[org-1]]
	if r.IntN(5) == 0 {
		city = cities[weighted(r, cityW)]
	}
	var skills []Label
	skills = sample(r, f.Skills, between(r, 2, 5))
	var title Label
	if zh {
		title = pick(r, f.SkilledTitles)
		if r.IntN(10) < 3 {
			title = senior(title)
		}
		p.TitleZH, p.City, p.Languages = title.ZH, city.ZH, []string{"Chinese"}
		for _, s := range skills {
			p.Skills = append(p.Skills, s.ZH)
		}
	} else {
		title = pick(r, f.Titles)
		if r.IntN(10) < 4 {
			title = senior(title)
		}
		p.Title, p.City = title.EN, city.EN
		for _, s := range skills {
			p.Skills = append(p.Skills, s.EN)
		}
		p.Languages = [][]string{{"English"}, {"English", "Chinese"}, {"Chinese"}}[weighted(r, []float64{60, 25, 15})]
	}
	switch fair {
	case 0:
		p.MinDegree = []model.Degree{model.DegreePhD, model.DegreeMaster, model.DegreeBachelor}[weighted(r, []float64{35, 45, 20})]
		p.MinExperience, p.Headcount = between(r, 0, 8), between(r, 1, 3)
	case 1:
		p.MinDegree = []model.Degree{model.DegreeNone, model.DegreeBachelor, model.DegreeMaster}[weighted(r, []float64{40, 45, 15})]
		p.MinExperience, p.Headcount = between(r, 1, 10), between(r, 1, 10)
	case 2:
		p.MinDegree = []model.Degree{model.DegreePhD, model.DegreeMaster, model.DegreeBachelor}[weighted(r, []float64{50, 45, 5})]
		p.MinExperience, p.Headcount = between(r, 2, 10), between(r, 1, 2)
	}
	if r.IntN(20) != 0 { // the rest say "negotiable"
		base := 6000 + 6000*p.MinDegree.Rank() + 500*between(r, 0, 16)
		if o.Global500 {
			base = base * 6 / 5
		}
		if fair == 2 {
			base += 8000
		}
		p.SalaryMin = base / 500 * 500
		p.SalaryMax = p.SalaryMin * between(r, 13, 20) / 10 / 500 * 500
	}
	english := fmt.Sprintf("%s is hiring %s %s in %s (%s). You will work with %s. Minimum degree: %s; %d+ years of experience.",
		o.Name, article(title.EN), title.EN, city.EN, f.EN, joinEN(skills), p.MinDegree, p.MinExperience)
	chinese := fmt.Sprintf("%s招聘%s，工作地点：%s。要求熟悉%s。", o.NameZH, title.ZH, city.ZH, joinZH(skills))
	if zh {
		p.DescriptionZH = chinese
		if r.IntN(100) < 55 {
			p.Title, p.Description = title.EN, english
		} else {
			p.Title = p.TitleZH // Chinese only: the title column holds it too (model.Post.Validate)
		}
	} else {
		p.Description = english
		if r.IntN(100) < 45 {
			p.TitleZH, p.DescriptionZH = title.ZH, chinese
		}
	}
	if r.IntN(20) == 0 {
		p.Status = model.PostClosed
	}
	p.CreatedAt = before(r, 1, 45)
	p.UpdatedAt = p.CreatedAt.Add(time.Duration(between(r, 0, 72)) * time.Hour)
	return p
}

func joinEN(ls []Label) string {
	s := ""
	for i, l := range ls {
		switch {
		case i == 0:
		case i == len(ls)-1:
			s += " and "
		default:
			s += ", "
		}
		s += l.EN
	}
	return s
}

func joinZH(ls []Label) string {
	s := ""
	for i, l := range ls {
		if i > 0 {
			s += "、"
		}
		s += l.ZH
	}
	return s
}

// senior makes a title senior once: some titles ("Senior Electrician") are
// senior already, and "高级高级电工" reads as a typo.
func senior(l Label) Label {
	if strings.HasPrefix(l.EN, "Senior ") {
		return l
	}
	return Label{"Senior " + l.EN, "高级" + l.ZH}
}

// article is the English indefinite article for a job title: "an
// Equipment technician", "a Bank teller".
func article(title string) string {
	if title != "" && strings.ContainsRune("AEIOUaeiou", rune(title[0])) {
		return "an"
	}
	return "a"
}
