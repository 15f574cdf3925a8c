package gen

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/convene/convene/internal/model"
)

// The edition's dates: two days in December, Guangzhou time (UTC+8, no
// daylight saving, so a fixed zone keeps the generator free of tzdata).
var (
	day1  = time.Date(2017, 12, 17, 0, 0, 0, 0, time.UTC)
	cst   = time.FixedZone("CST", 8*3600)
	local = func(day, hour, minute int) time.Time {
		return time.Date(2017, 12, 17+day, hour, minute, 0, 0, cst).UTC()
	}
)

// The structure of the convention does not scale: one edition, two venues
// totalling 50,000 m², three fairs, two remote sessions, 17 events, one
// contest. Scale multiplies the people, organizations and what they do.
func (g *generator) structure() {
	c := g.c
	c.Edition = model.Edition{ID: 1, Slug: "ocs-2017", Name: "Overseas Talent Convention Guangzhou 2017",
		NameZH: "2017年海外人才广州交流大会", City: "Guangzhou", StartDate: day1, EndDate: day1.AddDate(0, 0, 1),
		TimeZone: "Asia/Shanghai", Current: true}
	c.Venues = []model.Venue{
		{ID: 1, EditionID: 1, Name: "Baiyun International Convention Center", NameZH: "白云国际会议中心",
			Address: "1039 Baiyun Avenue North, Guangzhou", AreaM2: 20000},
		{ID: 2, EditionID: 1, Name: "Pazhou Exhibition Hall", NameZH: "琶洲展馆",
			Address: "380 Yuejiang Middle Road, Guangzhou", AreaM2: 30000},
	}
	r := stream(g.seed, "exhibition")
	hall := func(venue int64, name string) int64 {
		id := int64(len(c.Halls) + 1)
		c.Halls = append(c.Halls, model.Hall{ID: id, VenueID: venue, Name: name})
		return id
	}
	hallA, hallB := hall(1, "Hall A"), hall(1, "Hall B")
	hall1, hall2, hall3 := hall(2, "Hall 1"), hall(2, "Hall 2"), hall(2, "Hall 3")

	// Booths sit on a grid in their hall, 3 m apart, one row per area.
	rowOf := map[int64]int{}
	area := func(h int64, kind model.AreaKind, name, nameZH, prefix string, booths int, size func(i int) float64) {
		id := int64(len(c.Areas) + 1)
		c.Areas = append(c.Areas, model.Area{ID: id, HallID: h, Kind: kind, Name: name, NameZH: nameZH})
		y := rowOf[h]
		x := 0
		for i := range booths {
			m2 := size(i)
			c.Booths = append(c.Booths, model.Booth{ID: int64(len(c.Booths) + 1), AreaID: id,
				Code: fmt.Sprintf("%s-%03d", prefix, i+1), AreaM2: m2, X: x, Y: y})
			x += int(m2 / 3)
			if x >= 120 {
				x, y = 0, y+3
			}
		}
		rowOf[h] = y + 6 // an aisle between areas
	}
	std := func(int) float64 { return 9 }
	// Province and city areas: the host province's is the largest; the
	// others take 8 to 20 booths, mostly standard 9 m², some double or quad.
	provSize := func(int) float64 {
		switch weighted(r, []float64{70, 25, 5}) {
		case 1:
			return 18
		case 2:
			return 36
		}
		return 9
	}
	for i, reg := range regions {
		n := between(r, 8, 20)
		if i == 0 {
			n = 60
		}
		h := hall1
		if i >= len(regions)/2 {
			h = hall2
		}
		area(h, model.AreaProvince, reg.EN+" area", reg.ZH+"展区", fmt.Sprintf("P%02d", i+1), n, provSize)
	}
	area(hall2, model.AreaProvince, "CIS countries area", "独联体国家展区", "P35", 12, provSize)
	area(hall3, model.AreaHighSkilled, "High-skilled Talent Job Fair", "高技能人才招聘会", "HS", 400, std)
	area(hallA, model.AreaHRServices, "Overseas Talent Job Fair", "海外人才招聘会", "OF", 360, func(i int) float64 {
		if i < 50 { // the Global 500 stand on double booths at the front
			return 18
		}
		return 9
	})
	area(hallA, model.AreaHRServices, "HR Service Firms", "人力资源服务机构", "HR", 40, std)
	area(hallB, model.AreaResearch, "Research Achievements", "科研成果展区", "R", 320, std)

	v1, v2 := int64(1), int64(2)
	c.Fairs = []model.Fair{
		{ID: 1, EditionID: 1, Kind: model.FairOverseas, Name: "Overseas Talent Job Fair", NameZH: "海外人才招聘会", VenueID: &v1},
		{ID: 2, EditionID: 1, Kind: model.FairHighSkilled, Name: "High-skilled Talent Job Fair", NameZH: "高技能人才招聘会", VenueID: &v2},
		{ID: 3, EditionID: 1, Kind: model.FairVideo, Name: "Video Job Fair", NameZH: "视频招聘会", VenueID: &v1},
	}
	// The remote sessions run in parallel with the fair's first day, 10:00
	// to 16:00 in Guangzhou: 10:00 in Singapore, 11:00 in Tokyo.
	c.Sessions = []model.RemoteSession{
		{ID: 1, FairID: 3, Location: "Singapore", TimeZone: "Asia/Singapore", StartsAt: local(0, 10, 0), EndsAt: local(0, 16, 0)},
		{ID: 2, FairID: 3, Location: "Tokyo, Japan", TimeZone: "Asia/Tokyo", StartsAt: local(0, 10, 0), EndsAt: local(0, 16, 0)},
	}
	g.events(stream(g.seed, "events"))
	g.contestRules()
}

type eventDef struct {
	kind       model.EventKind
	en, zh     string
	topics     []string
	day, h, m  int
	hours      float64
	room       string
	capacity   int
	nSpeakers  int
	foreignSpk bool
}

// The 17 summits, forums and promotion activities, with one field study.
var eventDefs = []eventDef{
	{model.EventSummit, "Opening Ceremony and Global Talent Summit", "开幕式暨全球人才峰会", []string{"talent policy", "innovation", "人才政策"}, 0, 9, 0, 2.5, "Baiyun Grand Hall", 1500, 4, true},
	{model.EventSummit, "Greater Bay Area Innovation Summit", "粤港澳大湾区创新发展峰会", []string{"Greater Bay Area", "innovation", "大湾区"}, 0, 14, 0, 3, "Baiyun Grand Hall", 800, 4, false},
	{model.EventForum, "Biomedicine Frontier Forum", "生物医药前沿论坛", []string{"biomedicine", "生物医药"}, 0, 14, 0, 3, "Room 201", 300, 3, true},
	{model.EventForum, "Artificial Intelligence and Electronic Information Forum", "人工智能与电子信息论坛", []string{"artificial intelligence", "electronic information", "人工智能"}, 0, 14, 0, 3, "Room 202", 300, 3, true},
	{model.EventForum, "Intelligent Manufacturing Forum", "智能制造论坛", []string{"intelligent manufacturing", "智能制造"}, 0, 14, 0, 3, "Room 203", 250, 3, false},
	{model.EventForum, "New Materials and New Energy Forum", "新材料与新能源论坛", []string{"new materials", "new energy", "新材料", "新能源"}, 1, 9, 0, 3, "Room 201", 250, 3, true},
	{model.EventForum, "Green Development and Environmental Protection Forum", "绿色发展与环境保护论坛", []string{"environmental protection", "环境保护"}, 1, 9, 0, 3, "Room 202", 200, 3, false},
	{model.EventForum, "Technology Finance and Venture Capital Forum", "科技金融与创业投资论坛", []string{"finance", "venture capital", "金融"}, 1, 9, 0, 3, "Room 203", 250, 3, false},
	{model.EventForum, "CIS Countries Talent Exchange Forum", "独联体国家人才交流论坛", []string{"CIS", "international cooperation", "独联体"}, 1, 14, 0, 2.5, "Room 205", 150, 3, true},
	{model.EventForum, "Overseas Scholars Entrepreneurship Forum", "海外学人创新创业论坛", []string{"entrepreneurship", "start-ups", "创新创业"}, 1, 14, 0, 3, "Room 201", 300, 3, true},
	{model.EventForum, "Talent Management and HR Services Forum", "人才管理与人力资源服务论坛", []string{"management", "HR services", "人力资源"}, 1, 14, 0, 3, "Room 202", 200, 3, false},
	{model.EventPromotion, "Guangzhou Talent Policy Promotion: the 1+4 Policies", "广州“1+4”人才政策推介会", []string{"talent policy", "1+4 policies", "人才政策"}, 0, 10, 0, 2, "Room 301", 400, 2, false},
	{model.EventPromotion, "Innovation Parks Promotion Conference", "创新园区推介会", []string{"innovation parks", "incubators", "创新园区"}, 0, 15, 0, 2, "Room 301", 300, 3, false},
	{model.EventPromotion, "Nansha and Qianhai Cooperation Zones Promotion", "南沙、前海合作区推介会", []string{"free trade zones", "自贸区"}, 1, 10, 0, 2, "Room 301", 300, 2, false},
	{model.EventPromotion, "High-skilled Talent Certification and Training Subsidy Briefing", "高技能人才认定与培训补贴宣讲会", []string{"certification", "training subsidy", "技能认定"}, 1, 14, 0, 1.5, "Room 301", 250, 2, false},
	{model.EventRoadshow, "Chunhui Cup Start-up Project Roadshow", "春晖杯创业项目路演", []string{"start-ups", "contest", "路演"}, 1, 9, 0, 8, "Roadshow Stage, Hall B", 500, 4, false},
	{model.EventFieldStudy, "Field Study: Guangzhou Science City and International Bio Island", "广州科学城及国际生物岛考察", []string{"field study", "innovation parks", "考察"}, 1, 13, 30, 4.5, "Guangzhou Science City; Guangzhou International Bio Island (coach from the north gate)", 120, 2, false},
}

var speakerTitles = []Label{{"Prof.", "教授"}, {"Dr.", "博士"}, {"Academician", "院士"}, {"Director", "主任"}}

func (g *generator) events(r *rand.Rand) {
	for i, d := range eventDefs {
		var sp []string
		for k := range d.nSpeakers {
			t := pick(r, speakerTitles)
			if d.foreignSpk && k == 0 {
				sp = append(sp, t.EN+" "+personName(r, styleWestern))
				continue
			}
			sp = append(sp, chineseName(r)+t.ZH)
		}
		start := local(d.day, d.h, d.m)
		g.c.Events = append(g.c.Events, model.Event{ID: int64(i + 1), EditionID: 1, Kind: d.kind, Title: d.en, TitleZH: d.zh,
			Topics: d.topics, Speakers: sp, Room: d.room, StartsAt: start,
			EndsAt: start.Add(time.Duration(d.hours * float64(time.Hour))), Capacity: d.capacity})
	}
}

// contestRules sets up the Chunhui-cup-like start-up contest and its
// "innovative plan" grant: 3 million yuan for an excellent selected project.
func (g *generator) contestRules() {
	g.c.Contest = model.Contest{ID: 1, EditionID: 1, Name: "Chunhui Cup Innovation and Start-up Contest", NameZH: "春晖杯创新创业大赛",
		Rubric: []model.Criterion{
			{Key: "innovation", Name: "Innovation", NameZH: "创新性", Weight: 0.30, Max: 10},
			{Key: "market", Name: "Market potential", NameZH: "市场前景", Weight: 0.25, Max: 10},
			{Key: "team", Name: "Team", NameZH: "团队", Weight: 0.20, Max: 10},
			{Key: "feasibility", Name: "Feasibility", NameZH: "可行性", Weight: 0.15, Max: 10},
			{Key: "impact", Name: "Social impact", NameZH: "社会效益", Weight: 0.10, Max: 10},
		},
		GrantYuan: 3_000_000, GrantMinScore: 8.5}
}
