// Package figures is the one place the convention's figures are defined:
// each is a named query (internal/store, FigureQueries) or a computation
// over one (the video fair's matching rate, the docking funnel), with a
// definition in Chinese and English. The dashboard, the report, the API
// and the per-delegation and per-enterprise pages read figures from here,
// so a number means the same thing wherever it is shown.
package figures

import (
	"strconv"
	"strings"

	"github.com/convene/convene/internal/model"
)

// Def documents one named figure.
type Def struct {
	Name         string // the query's name ("talents.by_category")
	Group        string // talents, delegations, jobs, video, platform, contest, docking, exhibition, events, checkin
	TitleEN      string
	TitleZH      string
	DefEN, DefZH string
	Records      string // the organizer's list page of the records counted, "" when there is none; see RecordsFor
	Unit         string // "", "m2", "yuan", "%"
	Single       bool   // one value (no breakdown by key)
}

// Title is the figure's title in lang ("zh" or "en").
func (d Def) Title(lang string) string {
	if lang == "zh" {
		return d.TitleZH
	}
	return d.TitleEN
}

// Definition is the figure's definition in lang.
func (d Def) Definition(lang string) string {
	if lang == "zh" {
		return d.DefZH
	}
	return d.DefEN
}

// RecordsFor is the page listing the records the figure counts for
// edition e, "" when there is none. {edition}, {start} and {end} in
// Records become e's id and first and last days. Most list pages show the
// current edition only, so for another edition only a list that names it
// remains. Every list is an organizer's page: only organizers get a link.
func (d Def) RecordsFor(e model.Edition, current bool) string {
	if d.Records == "" || !current && !strings.Contains(d.Records, "{edition}") {
		return ""
	}
	return strings.NewReplacer("{edition}", strconv.FormatInt(e.ID, 10),
		"{start}", e.StartDate.Format("2006-01-02"), "{end}", e.EndDate.Format("2006-01-02")).Replace(d.Records)
}

// Computed figures (not a single SQL query).
const (
	VideoMatchingRate = "video.matching_rate"
	DockingFunnel     = "dockings.funnel"
)

// Defs are every figure, in the order the report and the figures page
// show them.
var Defs = []Def{
	{Name: "talents.by_category", Group: "talents", TitleEN: "Talents by category", TitleZH: "各类人才数",
		DefEN: "Talent profiles whose account was registered before the edition closed, by category (overseas, high-skilled, international student).",
		DefZH: "本届闭幕前注册账户的人才档案数，按类别（海外人才、高技能人才、留学生）分列。", Records: "/admin/talents?edition={edition}"},
	{Name: "talents.overseas_by_degree", Group: "talents", TitleEN: "Overseas talents by highest degree", TitleZH: "海外人才学历分布",
		DefEN: "Overseas talents (as above) by highest degree; the PhD share is PhD holders over all overseas talents.",
		DefZH: "海外人才（同上）按最高学历分列；博士占比＝博士人数÷海外人才总数。", Records: "/admin/talents?edition={edition}&category=overseas"},
	{Name: "talents.overseas_by_intent", Group: "talents", TitleEN: "Overseas talents intending to work in China", TitleZH: "海外人才来华工作意向",
		DefEN: "Overseas talents by their stated intent to work in China (yes, undecided, no).",
		DefZH: "海外人才按其填写的来华工作意向（是、未定、否）分列。", Records: "/admin/talents?edition={edition}&category=overseas"},
	{Name: "talents.overseas_by_residence", Group: "talents", TitleEN: "Overseas talents by country of residence", TitleZH: "海外人才所在国家",
		DefEN: "Overseas talents by the country they reside in.", DefZH: "海外人才按居住国分列。", Records: "/admin/talents?edition={edition}&category=overseas"},
	{Name: "talents.by_discipline", Group: "talents", TitleEN: "Talents by discipline", TitleZH: "人才学科分布",
		DefEN: "Talent profiles whose account was registered before the edition closed, by discipline as typed; the figures page shows each discipline of the vocabulary once (its Chinese and English spellings of Computer Science together) in the reader's language.",
		DefZH: "本届闭幕前注册账户的人才档案数，按所填学科分列；数据页按系统词表将同一学科的不同写法（如“计算机”及其英文写法）合为一行，并以读者的语言显示。", Records: "/admin/talents?edition={edition}"},
	{Name: "delegations.by_province", Group: "delegations", TitleEN: "Delegations by province", TitleZH: "各省区市代表团",
		DefEN: "Approved delegations registered before the edition closed, by province, region or municipality; foreign delegations together.",
		DefZH: "本届闭幕前注册并获批准的代表团，按省区市分列；外国代表团合计一行。", Records: "/admin/orgs?kind=delegation&status=approved"},
	{Name: "projects.by_source", Group: "delegations", TitleEN: "Projects by source", TitleZH: "项目来源",
		DefEN: "Projects of the edition by source: talents, domestic delegations, foreign delegations, expert programs, the contest.",
		DefZH: "本届项目按来源分列：人才、国内代表团、外国代表团、专家项目、大赛。", Records: "/projects"},
	{Name: "enterprises.by_global500", Group: "jobs", TitleEN: "Enterprises (Global 500)", TitleZH: "参会企业（世界500强）",
		DefEN: "Approved enterprises registered before the edition closed; Global 500 members apart.",
		DefZH: "本届闭幕前注册并获批准的企业；世界500强单列。", Records: "/admin/orgs?kind=enterprise&status=approved"},
	{Name: "enterprises.posting", Group: "platform", Single: true, TitleEN: "Enterprises posting recruitment information", TitleZH: "发布招聘信息的企业",
		DefEN: "Enterprises with at least one post in a fair of the edition.", DefZH: "在本届任一招聘会发布至少一个岗位的企业数。", Records: "/admin/orgs?kind=enterprise&posting={edition}"},
	{Name: "posts.by_fair", Group: "jobs", TitleEN: "Posts offered, by fair", TitleZH: "提供岗位数（按招聘会）",
		DefEN: "Posts in the edition's fairs (open or closed), by fair kind.", DefZH: "本届各招聘会的岗位数（含已关闭），按招聘会类别分列。", Records: "/posts"},
	{Name: "applications.by_channel", Group: "platform", TitleEN: "Interview applications by channel", TitleZH: "面试申请（按渠道）",
		DefEN: "Applications to the edition's posts, by channel (PC, mobile, on-site scan); withdrawn ones included.",
		DefZH: "投向本届岗位的申请数，按渠道（电脑、手机、现场扫码）分列；含已撤回的。", Records: "/inbox"},
	{Name: "applications.by_hour", Group: "platform", TitleEN: "Applications per hour during the convention", TitleZH: "会期每小时申请数",
		DefEN: "Applications made during the edition's days, by hour (edition time zone).", DefZH: "会期内的申请数，按小时（本届时区）分列。", Records: "/inbox?from={start}&to={end}"},
	{Name: "cvs.overseas", Group: "jobs", Single: true, TitleEN: "CVs received from overseas talents", TitleZH: "收到海外人才简历",
		DefEN: "Overseas talents who applied to at least one post of the edition with a CV on file: each talent's CV counts once, however many posts received it.",
		DefZH: "向本届至少一个岗位投递申请且已上传简历的海外人才数：每人的简历只计一次。", Records: "/admin/talents?edition={edition}&category=overseas&applied=1&cv=1"},
	{Name: "visits.by_channel", Group: "platform", TitleEN: "Visits by channel", TitleZH: "访问量（按渠道）",
		DefEN: "Counted views of the edition's post pages and scan landing pages, plus views of enterprise pages on the days of its season (after the previous edition's last day, up to its own), by channel.",
		DefZH: "本届岗位页和扫码落地页的计数浏览量，加上本届周期内（上届最后一天之后至本届最后一天）企业主页的浏览量，按渠道分列。"},
	{Name: "video.talents_by_degree", Group: "video", TitleEN: "Video fair talents by degree", TitleZH: "视频招聘会人才学历",
		DefEN: "Talents attending the video fair (those who applied to one of its posts), by highest degree.",
		DefZH: "参加视频招聘会的人才（向其岗位投递过申请者），按最高学历分列。", Records: "/admin/talents?edition={edition}&video=1"},
	{Name: VideoMatchingRate, Group: "video", Single: true, Unit: "%", TitleEN: "Video fair person-post matching rate", TitleZH: "视频招聘会人岗匹配率",
		DefEN: "Share of the video fair's talents with at least one mutually acceptable open post of the video fair (the two-sided rule of internal/match: the post accepts the talent's degree, languages, experience and skills, the talent accepts the post's city and does not refuse China).",
		DefZH: "视频招聘会人才中，至少有一个双向可接受的视频招聘会在招岗位者所占比例（双向规则同匹配引擎：岗位接受人才的学历、语言、经验和技能，人才接受岗位所在城市且不拒绝来华）。", Records: "/admin/talents?edition={edition}&video=1"},
	{Name: "video.sessions", Group: "video", TitleEN: "Remote parallel sessions", TitleZH: "海外分会场",
		DefEN: "The video fair's remote sessions, by location.", DefZH: "视频招聘会的海外分会场，按地点分列。", Records: "/admin/editions/{edition}"},
	{Name: "contest.entries_by_status", Group: "contest", TitleEN: "Contest entries", TitleZH: "大赛参赛项目",
		DefEN: "Entries in the edition's contests, by status (selected, not selected, submitted).", DefZH: "本届大赛参赛项目，按状态（入选、未入选、已提交）分列。", Records: "/contests"},
	{Name: "contest.grant_eligible", Group: "contest", Single: true, TitleEN: "Projects eligible for the grant", TitleZH: "符合资助条件的项目",
		DefEN: "Contest entries the grant rules made eligible.", DefZH: "按资助规则符合条件的参赛项目数。", Records: "/contests"},
	{Name: "contest.grant_yuan", Group: "contest", Unit: "yuan", TitleEN: "Grant per eligible project", TitleZH: "每个符合条件项目的资助",
		DefEN: "Each contest's grant per eligible project, in yuan.", DefZH: "各大赛对每个符合条件项目的资助金额（元）。", Records: "/contests"},
	{Name: "dockings.by_stage", Group: "docking", TitleEN: "Project dockings by stage", TitleZH: "项目对接（按阶段）",
		DefEN: "Dockings of the edition's projects by the stage they stand at now.", DefZH: "本届项目的对接按当前阶段分列。", Records: "/dockings"},
	{Name: DockingFunnel, Group: "docking", TitleEN: "Docking funnel by source", TitleZH: "对接漏斗（按来源）",
		DefEN: "Dockings that reached at least each stage (negotiation, preliminary agreement, cooperative intention, contract intention, signed), by project source; foreign delegations on rows of their own (the docking area's named funnel query).",
		DefZH: "至少达到各阶段（洽谈、初步协议、合作意向、签约意向、签约）的对接数，按项目来源分列；外国代表团单列（对接模块的漏斗查询）。", Records: "/dockings/funnel"},
	{Name: "exhibition.venue_m2", Group: "exhibition", Unit: "m2", TitleEN: "Exhibition area by venue", TitleZH: "展览面积（按场馆）",
		DefEN: "Each venue's exhibition area in m².", DefZH: "各场馆展览面积（平方米）。", Records: "/admin/editions/{edition}"},
	{Name: "exhibition.booths_by_area", Group: "exhibition", TitleEN: "Booths by area kind", TitleZH: "展位数（按展区类别）",
		DefEN: "Booths of the edition's venues by the kind of area they stand in.", DefZH: "本届场馆的展位按展区类别分列。", Records: "/booths"},
	{Name: "exhibition.booth_m2_by_area", Group: "exhibition", Unit: "m2", TitleEN: "Booth area by area kind", TitleZH: "展位面积（按展区类别）",
		DefEN: "Sum of booth areas in m² by the kind of area (province and city areas, high-skilled, HR services, research).",
		DefZH: "展位面积之和（平方米），按展区类别（省市展区、高技能、人力资源服务、科研成果）分列。", Records: "/booths"},
	{Name: "exhibition.exhibits", Group: "exhibition", Single: true, TitleEN: "Frontier technology programs shown", TitleZH: "展示的前沿技术项目",
		DefEN: "Exhibits standing on the edition's booths.", DefZH: "本届展位上展示的展品（项目）数。", Records: "/exhibits"},
	{Name: "events.by_kind", Group: "events", TitleEN: "Summits, forums and promotion activities", TitleZH: "峰会、论坛及推介活动",
		DefEN: "Events of the edition by kind.", DefZH: "本届活动按类别分列。", Records: "/admin/events"},
	{Name: "events.registrations", Group: "events", TitleEN: "Event registrations", TitleZH: "活动报名",
		DefEN: "Registrations for the edition's events by status.", DefZH: "本届活动报名按状态分列。", Records: "/admin/events"},
	{Name: "checkins.people", Group: "checkin", Single: true, TitleEN: "People admitted at the gates", TitleZH: "入场人数",
		DefEN: "Distinct people admitted at least once at one of the edition's gates.", DefZH: "在本届任一入口至少入场一次的不同人数。", Records: "/admin/gates"},
	{Name: "checkins.by_gate_day", Group: "checkin", TitleEN: "Check-ins by gate and day", TitleZH: "入场（按入口和日期）",
		DefEN: "First admissions of a person at a gate on a day, by gate and day.", DefZH: "每人每天在每个入口的首次入场数，按入口和日期分列。", Records: "/admin/gates"},
	{Name: "checkins.by_hour", Group: "checkin", TitleEN: "Check-ins per hour", TitleZH: "每小时入场",
		DefEN: "First admissions by hour of the scan (edition time zone).", DefZH: "首次入场数，按扫码时间的小时（本届时区）分列。", Records: "/admin/gates"},
}

// ByName finds a figure's definition.
func ByName(name string) (Def, bool) {
	for _, d := range Defs {
		if d.Name == name {
			return d, true
		}
	}
	return Def{}, false
}
