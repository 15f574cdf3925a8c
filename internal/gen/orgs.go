package gen

import (
	"fmt"
	"math/rand/v2"

	"github.com/convene/convene/internal/model"
)

// cityRegion names the region of each entry of cities.
var cityRegion = []string{"Guangdong", "Guangdong", "Shanghai", "Beijing", "Zhejiang", "Jiangsu", "Jiangsu", "Hubei", "Sichuan",
	"Shaanxi", "Liaoning", "Tianjin", "Chongqing", "Anhui", "Shandong", "Hunan", "Fujian", "Zhejiang", "Henan", "Shandong"}

// organizations creates, in id order: the organizing committee, the
// enterprises, the delegations (provincial first, the CIS one last), parks,
// HR firms, investors, and a few pending registrations.
func (g *generator) organizations(r *rand.Rand) {
	g.organizer = g.addOrg(model.Organization{Kind: model.OrgOrganizer, Name: "OCS Organizing Committee", NameZH: "交流大会组委会",
		Status: model.OrgApproved, Province: "Guangdong", CreatedAt: before(r, 200, 240)}, -1, 0)
	names := map[string]bool{} // membership only; never iterated
	// unique redraws a taken name; when names run out (past scale 1) it
	// names a branch in a city, then numbers.
	unique := func(en, zh string, alt func() (string, string)) (string, string) {
		for try := 0; names[en]; try++ {
			en, zh = alt()
			if try >= 20 {
				c := cities[(try-20)%len(cities)]
				en, zh = en+", "+c.EN+" Branch", zh+c.ZH+"分公司"
			}
			if try >= 20+len(cities) {
				en, zh = fmt.Sprintf("%s %d", en, try), fmt.Sprintf("%s%d", zh, try)
			}
		}
		names[en] = true
		return en, zh
	}

	// Enterprises.
	n := g.n(nEnterprises)
	nG := min(g.n(nGlobal500), n)
	nP := min(max(g.n(nPosting), nG), n)
	fieldOf := assign(r, n, enterpriseFieldW)
	order := r.Perm(n) // order[i] < nG: Global 500; < nP: posts on the platform
	for i := range n {
		f := fieldOf[i]
		city := weighted(r, cityW)
		global := order[i] < nG
		foreign := global && r.IntN(5) < 2
		name := func() (string, string) {
			line := pick(r, businessLines[f])
			switch {
			case foreign:
				b := pick(r, brandsForeign)
				return b.EN + " " + line.EN + " (China) Co., Ltd.", b.ZH + line.ZH + "（中国）有限公司"
			case global:
				b := pick(r, brandsZH)
				return b.EN + " " + line.EN + " Group", b.ZH + line.ZH + "集团"
			}
			b := pick(r, brandsZH)
			return cities[city].EN + " " + b.EN + " " + line.EN + " Co., Ltd.", cities[city].ZH + b.ZH + line.ZH + "有限公司"
		}
		en, zh := name()
		en, zh = unique(en, zh, name)
		size := []string{"1-49", "50-499", "500+"}[weighted(r, []float64{30, 45, 25})]
		if global {
			size = "500+"
		}
		id := g.addOrg(model.Organization{Kind: model.OrgEnterprise, Name: en, NameZH: zh, Status: model.OrgApproved,
			Industry: fields[f].EN, Size: size, Global500: global, Province: cityRegion[city], CreatedAt: before(r, 20, 150)}, f, city)
		g.enterprises = append(g.enterprises, id)
		if order[i] < nP {
			g.posting = append(g.posting, id)
		}
	}
	// The video fair's enterprises: the Global 500 first, then others that post.
	nV := min(g.n(nVideoEnterprises), len(g.posting))
	for _, id := range g.posting {
		if g.c.Orgs[id-1].Global500 && len(g.video) < nV {
			g.video = append(g.video, id)
		}
	}
	for _, i := range r.Perm(len(g.posting)) {
		if id := g.posting[i]; len(g.video) < nV && !g.c.Orgs[id-1].Global500 {
			g.video = append(g.video, id)
		}
	}

	// Delegations: every region sends a provincial delegation (the host
	// first); cities, districts and zones send their own.
	type cand struct{ en, zh, region string }
	var prov, rest []cand
	for _, reg := range regions {
		prov = append(prov, cand{reg.EN + " Delegation", reg.ZH + "代表团", reg.EN})
		for _, u := range reg.Units {
			rest = append(rest, cand{u.EN + " Delegation", u.ZH + "代表团", reg.EN})
			if u.City {
				rest = append(rest,
					cand{u.EN + " High-tech Zone Delegation", u.ZH + "高新区代表团", reg.EN},
					cand{u.EN + " Economic and Technological Development Zone Delegation", u.ZH + "经济技术开发区代表团", reg.EN},
					cand{u.EN + " Overseas Talent Workstation Delegation", u.ZH + "海外人才工作站代表团", reg.EN})
			}
		}
	}
	r.Shuffle(len(prov)-1, func(i, j int) { prov[i+1], prov[j+1] = prov[j+1], prov[i+1] })
	r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	all := append(prov, rest...)
	nD := g.n(nDomesticDelegs)
	g.provincial = min(nD, len(prov))
	for i := range nD {
		cd := all[i%len(all)]
		en, zh := cd.en, cd.zh
		if round := i / len(all); round > 0 { // past scale 1.15 regions send more teams
			en, zh = fmt.Sprintf("%s, Team %d", en, round+1), fmt.Sprintf("%s（第%d团）", zh, round+1)
		}
		g.delegations = append(g.delegations, g.addOrg(model.Organization{Kind: model.OrgDelegation, Name: en, NameZH: zh,
			Status: model.OrgApproved, Province: cd.region, CreatedAt: before(r, 30, 120)}, -1, 0))
	}
	g.cis = g.addOrg(model.Organization{Kind: model.OrgDelegation, Name: "CIS Countries Delegation (Russia, Kazakhstan, Belarus, Ukraine, Uzbekistan)",
		NameZH: "独联体国家代表团（俄罗斯、哈萨克斯坦、白俄罗斯、乌克兰、乌兹别克斯坦）", Status: model.OrgApproved,
		Province: "Russia", Foreign: true, CreatedAt: before(r, 30, 90)}, -1, 0)

	// Innovation parks, HR service firms and investors: the counterparts of
	// project dockings and the HR services area.
	parkKinds := []Label{{"Overseas Scholars Pioneer Park", "留学人员创业园"}, {"International Innovation Park", "国际创新园"},
		{"Science and Technology Incubator", "科技企业孵化器"}, {"Biotech Park", "生物科技园"}}
	for range g.n(nParks) {
		name := func() (string, string) {
			reg := regions[weighted(r, []float64{8, 2, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1})]
			u, k := pick(r, reg.Units), pick(r, parkKinds)
			return u.EN + " " + k.EN, u.ZH + k.ZH
		}
		en, zh := name()
		en, zh = unique(en, zh, name)
		g.parks = append(g.parks, g.addOrg(model.Organization{Kind: model.OrgPark, Name: en, NameZH: zh, Status: model.OrgApproved,
			Industry: "Business services", Size: "50-499", CreatedAt: before(r, 30, 150)}, 6, 0))
	}
	hrKinds := []Label{{"Human Resources Services Co., Ltd.", "人力资源服务有限公司"}, {"Talent Consulting Co., Ltd.", "人才咨询有限公司"},
		{"Executive Search", "猎头顾问"}}
	for range g.n(nHRFirms) {
		name := func() (string, string) {
			b, k := pick(r, brandsZH), pick(r, hrKinds)
			return b.EN + " " + k.EN, b.ZH + k.ZH
		}
		en, zh := name()
		en, zh = unique(en, zh, name)
		g.hrFirms = append(g.hrFirms, g.addOrg(model.Organization{Kind: model.OrgHRFirm, Name: en, NameZH: zh, Status: model.OrgApproved,
			Industry: "Human resources", Size: "50-499", Province: "Guangdong", CreatedAt: before(r, 30, 150)}, 6, 0))
	}
	invKinds := []Label{{"Capital", "资本"}, {"Venture Partners", "创投"}, {"Investment Fund", "投资基金"}}
	for range g.n(nInvestors) {
		name := func() (string, string) {
			b, k := pick(r, brandsZH), pick(r, invKinds)
			return b.EN + " " + k.EN, b.ZH + k.ZH
		}
		en, zh := name()
		en, zh = unique(en, zh, name)
		g.investors = append(g.investors, g.addOrg(model.Organization{Kind: model.OrgInvestor, Name: en, NameZH: zh, Status: model.OrgApproved,
			Industry: "Finance", Size: "1-49", Province: cityRegion[weighted(r, cityW)], CreatedAt: before(r, 30, 150)}, 7, 0))
	}

	// Late registrations wait in the organizer's approval queue at every
	// scale; pending organizations count in no figure.
	for i := range 3 {
		kind, f := model.OrgEnterprise, r.IntN(len(fields))
		if i == 2 {
			kind, f = model.OrgHRFirm, 6
		}
		name := func() (string, string) {
			b, line := pick(r, brandsZH), pick(r, businessLines[f])
			return "Guangzhou " + b.EN + " " + line.EN + " Co., Ltd.", "广州" + b.ZH + line.ZH + "有限公司"
		}
		en, zh := name()
		en, zh = unique(en, zh, name)
		g.addOrg(model.Organization{Kind: kind, Name: en, NameZH: zh, Status: model.OrgPending, Industry: fields[f].EN,
			Size: "1-49", Province: "Guangdong", CreatedAt: day1.AddDate(0, 0, -between(r, 1, 3))}, f, 0)
	}
}

func email(prefix string, n int, member int) string {
	if member > 0 {
		return fmt.Sprintf("%s%04d-%d@%s", prefix, n, member, EmailDomain)
	}
	return fmt.Sprintf("%s%02d@%s", prefix, n, EmailDomain)
}

// staff creates the organizers, judges and gate staff.
func (g *generator) staff(r *rand.Rand) {
	for i := range nOrganizers {
		g.organizerUsers = append(g.organizerUsers, g.addUser(model.User{Email: email("organizer", i+1, 0), Name: chineseName(r),
			Role: model.RoleOrganizer, OrgID: ptr(g.organizer), Locale: "zh", CreatedAt: before(r, 200, 230)}))
	}
	for i := range max(g.n(nJudges), 3) {
		name, locale := chineseName(r)+"教授", "zh"
		if i%5 == 4 {
			name, locale = "Prof. "+personName(r, styleWestern), "en"
		}
		g.judges = append(g.judges, g.addUser(model.User{Email: email("judge", i+1, 0), Name: name, Role: model.RoleJudge,
			Locale: locale, CreatedAt: before(r, 30, 60)}))
	}
	for i := range max(g.n(nGates), 2) {
		g.gates = append(g.gates, g.addUser(model.User{Email: email("gate", i+1, 0), Name: chineseName(r), Role: model.RoleGate,
			OrgID: ptr(g.organizer), Locale: "zh", CreatedAt: before(r, 5, 15)}))
	}
}

// members gives every organization its accounts: contacts of enterprises
// (more for large ones), delegations, parks, firms and investors.
func (g *generator) members(r *rand.Rand) {
	seq := map[model.OrgKind]int{} // numbering per kind; looked up, never iterated
	prefix := map[model.OrgKind]string{model.OrgEnterprise: "ent", model.OrgDelegation: "del", model.OrgPark: "park",
		model.OrgHRFirm: "hr", model.OrgInvestor: "inv"}
	for _, o := range g.c.Orgs {
		if o.Kind == model.OrgOrganizer {
			continue
		}
		seq[o.Kind]++
		k := 1
		switch {
		case o.Global500:
			k = 3
		case o.Kind == model.OrgEnterprise && o.Status == model.OrgApproved, o.Kind == model.OrgDelegation:
			k = between(r, 1, 2)
		}
		for m := range k {
			name, locale := chineseName(r), "zh"
			if o.Foreign && o.Kind == model.OrgDelegation {
				name, locale = personName(r, styleCIS), "en"
			} else if o.Global500 && m == 0 && r.IntN(3) == 0 {
				name, locale = personName(r, styleWestern), "en"
			}
			g.addUser(model.User{Email: email(prefix[o.Kind], seq[o.Kind], m+1), Name: name, Role: o.Kind.RoleFor(),
				OrgID: ptr(o.ID), Locale: locale, CreatedAt: o.CreatedAt})
		}
	}
}
