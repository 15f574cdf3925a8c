package chart

import (
	"strings"
	"unicode"
)

// Division is one of China's province-level divisions as a tile of the
// map: the 31 mainland provinces, autonomous regions and municipalities,
// Hong Kong, Macao and Taiwan, and the Xinjiang Production and
// Construction Corps, which sends delegations of its own.
type Division struct {
	Code             string // ISO 3166-2:CN without "CN-" (the Corps: "XPCC")
	EN, ZH           string // full names
	ShortEN, ShortZH string // the tile's label
	Col, Row         int    // the tile's place on the grid
	aliases          []string
}

// Name is the division's full name in lang ("zh" or else English).
func (d Division) Name(lang string) string {
	if lang == "zh" {
		return d.ZH
	}
	return d.EN
}

// Short is the tile's label in lang.
func (d Division) Short(lang string) string {
	if lang == "zh" {
		return d.ShortZH
	}
	return d.ShortEN
}

// Divisions lists the 35 tiles, north to south. The grid (9 columns, 8
// rows) keeps each division's neighbours roughly where a map shows them:
// the north-east in the top right, Xinjiang and Tibet on the left, the
// south coast with Hong Kong and Macao at the bottom.
func Divisions() []Division { return divisions }

var divisions = []Division{
	{"HL", "Heilongjiang", "黑龙江省", "Heilongjiang", "黑龙江", 8, 0, []string{"黑"}},
	{"NM", "Inner Mongolia", "内蒙古自治区", "Inner Mong.", "内蒙古", 5, 1, []string{"蒙", "Nei Mongol", "Neimenggu", "Nei Menggu"}},
	{"BJ", "Beijing", "北京市", "Beijing", "北京", 6, 1, []string{"京", "Peking"}},
	{"LN", "Liaoning", "辽宁省", "Liaoning", "辽宁", 7, 1, []string{"辽"}},
	{"JL", "Jilin", "吉林省", "Jilin", "吉林", 8, 1, []string{"吉"}},
	{"XPCC", "Xinjiang Production and Construction Corps", "新疆生产建设兵团", "XPCC", "兵团", 0, 2, []string{"Bingtuan", "兵团", "XPCC"}},
	{"XJ", "Xinjiang", "新疆维吾尔自治区", "Xinjiang", "新疆", 1, 2, []string{"新", "Xinjiang Uygur", "Xinjiang Uyghur", "Xinjiang Uighur"}},
	{"NX", "Ningxia", "宁夏回族自治区", "Ningxia", "宁夏", 4, 2, []string{"宁", "Ningxia Hui"}},
	{"SX", "Shanxi", "山西省", "Shanxi", "山西", 5, 2, []string{"晋"}},
	{"HE", "Hebei", "河北省", "Hebei", "河北", 6, 2, []string{"冀"}},
	{"TJ", "Tianjin", "天津市", "Tianjin", "天津", 7, 2, []string{"津"}},
	{"XZ", "Tibet", "西藏自治区", "Tibet", "西藏", 1, 3, []string{"藏", "Xizang"}},
	{"QH", "Qinghai", "青海省", "Qinghai", "青海", 2, 3, []string{"青"}},
	{"GS", "Gansu", "甘肃省", "Gansu", "甘肃", 3, 3, []string{"甘", "陇"}},
	{"SN", "Shaanxi", "陕西省", "Shaanxi", "陕西", 4, 3, []string{"陕", "秦"}},
	{"HA", "Henan", "河南省", "Henan", "河南", 5, 3, []string{"豫"}},
	{"SD", "Shandong", "山东省", "Shandong", "山东", 6, 3, []string{"鲁"}},
	{"SC", "Sichuan", "四川省", "Sichuan", "四川", 3, 4, []string{"川", "蜀"}},
	{"CQ", "Chongqing", "重庆市", "Chongqing", "重庆", 4, 4, []string{"渝"}},
	{"HB", "Hubei", "湖北省", "Hubei", "湖北", 5, 4, []string{"鄂"}},
	{"AH", "Anhui", "安徽省", "Anhui", "安徽", 6, 4, []string{"皖"}},
	{"JS", "Jiangsu", "江苏省", "Jiangsu", "江苏", 7, 4, []string{"苏"}},
	{"SH", "Shanghai", "上海市", "Shanghai", "上海", 8, 4, []string{"沪"}},
	{"YN", "Yunnan", "云南省", "Yunnan", "云南", 3, 5, []string{"滇", "云"}},
	{"GZ", "Guizhou", "贵州省", "Guizhou", "贵州", 4, 5, []string{"黔", "贵"}},
	{"HN", "Hunan", "湖南省", "Hunan", "湖南", 5, 5, []string{"湘"}},
	{"JX", "Jiangxi", "江西省", "Jiangxi", "江西", 6, 5, []string{"赣"}},
	{"ZJ", "Zhejiang", "浙江省", "Zhejiang", "浙江", 7, 5, []string{"浙"}},
	{"GX", "Guangxi", "广西壮族自治区", "Guangxi", "广西", 4, 6, []string{"桂", "Guangxi Zhuang"}},
	{"GD", "Guangdong", "广东省", "Guangdong", "广东", 5, 6, []string{"粤", "Canton"}},
	{"FJ", "Fujian", "福建省", "Fujian", "福建", 6, 6, []string{"闽"}},
	{"TW", "Taiwan", "台湾省", "Taiwan", "台湾", 7, 6, []string{"台", "臺灣", "台灣"}},
	{"HI", "Hainan", "海南省", "Hainan", "海南", 4, 7, []string{"琼"}},
	{"MO", "Macao", "澳门特别行政区", "Macao", "澳门", 5, 7, []string{"澳", "Macau", "澳門"}},
	{"HK", "Hong Kong", "香港特别行政区", "Hong Kong", "香港", 6, 7, []string{"港"}},
}

// byAlias finds a division by any of its names, normalized.
var byAlias = func() map[string]int {
	m := map[string]int{}
	for i, d := range divisions {
		names := append([]string{d.Code, "CN-" + d.Code, d.EN, d.ZH, d.ShortEN, d.ShortZH}, d.aliases...)
		for _, n := range names {
			k := normalize(n)
			if j, ok := m[k]; ok && j != i {
				panic("chart: " + n + " names two divisions")
			}
			m[k] = i
		}
	}
	return m
}()

// Suffixes a name may carry that do not tell divisions apart, longest
// first ("Guangxi Zhuang Autonomous Region", "广东省", "Hong Kong SAR").
var suffixes = []string{"specialadministrativeregion", "autonomousregion", "municipality", "province", "region", "city", "sar",
	"特别行政区", "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"}

// normalize folds case and drops spaces, punctuation and a suffix.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	k := b.String()
	for _, suf := range suffixes {
		if len(k) > len(suf) && strings.HasSuffix(k, suf) {
			return strings.TrimSuffix(k, suf)
		}
	}
	return k
}

// Province finds the division a free-text name denotes ("Guangdong",
// "广东省", "Guangdong Province", "CN-GD", "粤"); delegations store their
// province as the registering organization typed it.
func Province(name string) (Division, bool) {
	i, ok := byAlias[normalize(name)]
	if !ok {
		return Division{}, false
	}
	return divisions[i], true
}
