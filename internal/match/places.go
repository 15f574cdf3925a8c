package match

// Language is a recognized language: ISO 639-1 code and labels.
type Language struct {
	Code    string
	EN, ZH  string
	Aliases []string
}

// languages is the language vocabulary; the order fixes symbol ids.
var languages = []Language{
	{"zh", "Chinese", "中文", []string{"mandarin", "chinese mandarin", "汉语", "普通话", "华语", "中文普通话", "zh cn"}},
	{"en", "English", "英语", []string{"英文", "english language"}},
	{"ja", "Japanese", "日语", []string{"日文", "日本語"}},
	{"ko", "Korean", "韩语", []string{"韩文", "朝鲜语", "한국어"}},
	{"ru", "Russian", "俄语", []string{"俄文", "русский"}},
	{"fr", "French", "法语", []string{"法文", "français", "francais"}},
	{"de", "German", "德语", []string{"德文", "deutsch"}},
	{"es", "Spanish", "西班牙语", []string{"español", "espanol"}},
	{"ar", "Arabic", "阿拉伯语", []string{"العربية"}},
	{"pt", "Portuguese", "葡萄牙语", []string{"português", "portugues"}},
	{"it", "Italian", "意大利语", []string{"italiano"}},
	{"kk", "Kazakh", "哈萨克语", []string{"қазақ тілі"}},
	{"uz", "Uzbek", "乌兹别克语", []string{"o'zbek", "oʻzbek"}},
}

// Languages returns a copy of the language vocabulary.
func Languages() []Language {
	out := make([]Language, len(languages))
	for i, l := range languages {
		l.Aliases = append([]string(nil), l.Aliases...)
		out[i] = l
	}
	return out
}

// City is a recognized city: pinyin key and labels.
type City struct {
	Key     string
	EN, ZH  string
	Aliases []string
}

var cities = []City{
	{"beijing", "Beijing", "北京", []string{"peking", "北京市"}},
	{"shanghai", "Shanghai", "上海", []string{"上海市"}},
	{"guangzhou", "Guangzhou", "广州", []string{"canton", "广州市"}},
	{"shenzhen", "Shenzhen", "深圳", []string{"深圳市"}},
	{"hangzhou", "Hangzhou", "杭州", []string{"杭州市"}},
	{"nanjing", "Nanjing", "南京", []string{"nanking", "南京市"}},
	{"suzhou", "Suzhou", "苏州", []string{"苏州市"}},
	{"wuhan", "Wuhan", "武汉", []string{"武汉市"}},
	{"chengdu", "Chengdu", "成都", []string{"成都市"}},
	{"xian", "Xi'an", "西安", []string{"xi an", "西安市"}},
	{"dalian", "Dalian", "大连", []string{"大连市"}},
	{"tianjin", "Tianjin", "天津", []string{"天津市"}},
	{"chongqing", "Chongqing", "重庆", []string{"chungking", "重庆市"}},
	{"hefei", "Hefei", "合肥", []string{"合肥市"}},
	{"qingdao", "Qingdao", "青岛", []string{"tsingtao", "青岛市"}},
	{"shenyang", "Shenyang", "沈阳", []string{"沈阳市"}},
	{"changsha", "Changsha", "长沙", []string{"长沙市"}},
	{"xiamen", "Xiamen", "厦门", []string{"amoy", "厦门市"}},
	{"ningbo", "Ningbo", "宁波", []string{"宁波市"}},
	{"zhengzhou", "Zhengzhou", "郑州", []string{"郑州市"}},
	{"jinan", "Jinan", "济南", []string{"济南市"}},
	{"harbin", "Harbin", "哈尔滨", []string{"哈尔滨市"}},
}

// Cities returns a copy of the recognized cities.
func Cities() []City {
	out := make([]City, len(cities))
	for i, c := range cities {
		c.Aliases = append([]string(nil), c.Aliases...)
		out[i] = c
	}
	return out
}
