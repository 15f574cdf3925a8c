package report

import (
	"fmt"

	"github.com/convene/convene/internal/model"
)

// press drafts the press release from the headlines, in lang: the
// organizer edits it before publishing. Only figures the data has are
// stated (a zero leaves its sentence out).
func press(lang string, e model.Edition, ls []line) string {
	v := map[string]string{}
	raw := map[string]float64{}
	for i, m := range metrics {
		v[m.key], raw[m.key] = ls[i].Value, ls[i].Raw
	}
	name := model.DisplayName(lang, e.Name, e.NameZH)
	dates := e.StartDate.Format("2006-01-02") + " – " + e.EndDate.Format("2006-01-02")
	var s string
	if lang == "zh" {
		s = fmt.Sprintf("%s于%s在%s举办。", name, dates, e.City)
		if raw["overseas"] > 0 {
			s += fmt.Sprintf("共有%s名海外人才参会，其中博士占%s，有意来华工作的占%s。", v["overseas"], v["phd_share"], v["intent_share"])
		}
		if raw["delegations"] > 0 {
			s += fmt.Sprintf("来自%s个省区市的%s个代表团携%s个项目参会。", v["provinces"], v["delegations"], v["delegation_projects"])
		}
		if raw["posts"] > 0 {
			s += fmt.Sprintf("%s家企业（其中世界500强%s家）提供岗位%s个，收到面试申请%s份、海外人才简历%s份，线上平台访问量%s次。",
				v["enterprises"], v["global500"], v["posts"], v["applications"], v["cvs"], v["visits"])
		}
		if raw["video_talents"] > 0 {
			s += fmt.Sprintf("视频招聘会有%s名海外高层次人才参加，人岗匹配率达%s。", v["video_talents"], v["matching_rate"])
		}
		if raw["dockings"] > 0 {
			s += fmt.Sprintf("大赛%s个项目入选；共开展项目对接%s次，%s个项目达成签约意向。", v["selected"], v["dockings"], v["contracts"])
		}
		if raw["events"] > 0 {
			s += fmt.Sprintf("会期举办峰会、论坛及推介活动%s场，展览面积%s。", v["events"], v["area"])
		}
		return s
	}
	s = fmt.Sprintf("%s was held in %s on %s.", name, e.City, dates)
	if raw["overseas"] > 0 {
		s += fmt.Sprintf(" %s overseas talents took part, %s of them with a PhD and %s intending to work in China.", v["overseas"], v["phd_share"], v["intent_share"])
	}
	if raw["delegations"] > 0 {
		s += fmt.Sprintf(" %s delegations from %s provinces, regions and municipalities brought %s projects.", v["delegations"], v["provinces"], v["delegation_projects"])
	}
	if raw["posts"] > 0 {
		s += fmt.Sprintf(" %s enterprises (%s of them in the Global 500) offered %s posts and received %s interview applications and %s CVs from overseas talents; the online platform counted %s visits.",
			v["enterprises"], v["global500"], v["posts"], v["applications"], v["cvs"], v["visits"])
	}
	if raw["video_talents"] > 0 {
		s += fmt.Sprintf(" %s overseas high-level talents attended the video job fair, with a person-post matching rate of %s.", v["video_talents"], v["matching_rate"])
	}
	if raw["dockings"] > 0 {
		s += fmt.Sprintf(" %s contest projects were selected; %s project dockings were held and %s projects intend to sign contracts.", v["selected"], v["dockings"], v["contracts"])
	}
	if raw["events"] > 0 {
		s += fmt.Sprintf(" %s summits, forums and promotion activities took place, over %s of exhibition space.", v["events"], v["area"])
	}
	return s
}
