package gen

// Region is a province-level delegation source: the 31 mainland provinces,
// autonomous regions and municipalities, the Xinjiang Production and
// Construction Corps (which sends its own delegation, making the seed's 32),
// and Hong Kong and Macao.
type Region struct {
	EN, ZH string
	Units  []Unit // cities, districts and zones that send delegations of their own
}

// Unit is a city, district or zone within a region. Cities also send
// high-tech-zone and development-zone delegations.
type Unit struct {
	EN, ZH string
	City   bool
}

// Regions lists the 34 regions in a fixed order (the host, Guangdong, first).
func Regions() []Region { return regions }

func c(en, zh string) Unit { return Unit{en, zh, true} }
func z(en, zh string) Unit { return Unit{en, zh, false} }

var regions = []Region{
	{"Guangdong", "广东省", []Unit{c("Guangzhou", "广州"), c("Shenzhen", "深圳"), c("Zhuhai", "珠海"), c("Foshan", "佛山"), c("Dongguan", "东莞"),
		c("Zhongshan", "中山"), c("Huizhou", "惠州"), c("Jiangmen", "江门"), c("Shantou", "汕头"), c("Zhaoqing", "肇庆"), c("Zhanjiang", "湛江"),
		c("Shaoguan", "韶关"), c("Qingyuan", "清远"), c("Meizhou", "梅州"), z("Nansha New Area", "南沙新区"), z("Qianhai", "前海")}},
	{"Beijing", "北京市", []Unit{z("Haidian District", "海淀区"), z("Chaoyang District", "朝阳区"), z("Zhongguancun", "中关村"), z("Yizhuang", "亦庄")}},
	{"Tianjin", "天津市", []Unit{z("Binhai New Area", "滨海新区"), z("Nankai District", "南开区"), z("Xiqing District", "西青区")}},
	{"Hebei", "河北省", []Unit{c("Shijiazhuang", "石家庄"), c("Baoding", "保定"), c("Tangshan", "唐山"), c("Langfang", "廊坊")}},
	{"Shanxi", "山西省", []Unit{c("Taiyuan", "太原"), c("Datong", "大同"), c("Changzhi", "长治")}},
	{"Inner Mongolia", "内蒙古自治区", []Unit{c("Hohhot", "呼和浩特"), c("Baotou", "包头"), c("Ordos", "鄂尔多斯")}},
	{"Liaoning", "辽宁省", []Unit{c("Shenyang", "沈阳"), c("Dalian", "大连"), c("Anshan", "鞍山")}},
	{"Jilin", "吉林省", []Unit{c("Changchun", "长春"), c("Jilin City", "吉林市"), z("Yanbian Prefecture", "延边州")}},
	{"Heilongjiang", "黑龙江省", []Unit{c("Harbin", "哈尔滨"), c("Daqing", "大庆"), c("Qiqihar", "齐齐哈尔")}},
	{"Shanghai", "上海市", []Unit{z("Pudong New Area", "浦东新区"), z("Zhangjiang", "张江"), z("Minhang District", "闵行区"), z("Jiading District", "嘉定区")}},
	{"Jiangsu", "江苏省", []Unit{c("Nanjing", "南京"), c("Suzhou", "苏州"), c("Wuxi", "无锡"), c("Changzhou", "常州"), c("Nantong", "南通"), c("Xuzhou", "徐州")}},
	{"Zhejiang", "浙江省", []Unit{c("Hangzhou", "杭州"), c("Ningbo", "宁波"), c("Wenzhou", "温州"), c("Jiaxing", "嘉兴"), c("Shaoxing", "绍兴")}},
	{"Anhui", "安徽省", []Unit{c("Hefei", "合肥"), c("Wuhu", "芜湖"), c("Bengbu", "蚌埠")}},
	{"Fujian", "福建省", []Unit{c("Fuzhou", "福州"), c("Xiamen", "厦门"), c("Quanzhou", "泉州")}},
	{"Jiangxi", "江西省", []Unit{c("Nanchang", "南昌"), c("Ganzhou", "赣州"), c("Jiujiang", "九江")}},
	{"Shandong", "山东省", []Unit{c("Jinan", "济南"), c("Qingdao", "青岛"), c("Yantai", "烟台"), c("Weifang", "潍坊"), c("Zibo", "淄博")}},
	{"Henan", "河南省", []Unit{c("Zhengzhou", "郑州"), c("Luoyang", "洛阳"), c("Xinxiang", "新乡")}},
	{"Hubei", "湖北省", []Unit{c("Wuhan", "武汉"), c("Xiangyang", "襄阳"), c("Yichang", "宜昌")}},
	{"Hunan", "湖南省", []Unit{c("Changsha", "长沙"), c("Zhuzhou", "株洲"), c("Xiangtan", "湘潭")}},
	{"Guangxi", "广西壮族自治区", []Unit{c("Nanning", "南宁"), c("Liuzhou", "柳州"), c("Guilin", "桂林")}},
	{"Hainan", "海南省", []Unit{c("Haikou", "海口"), c("Sanya", "三亚")}},
	{"Chongqing", "重庆市", []Unit{z("Liangjiang New Area", "两江新区"), z("Yubei District", "渝北区"), z("Shapingba District", "沙坪坝区")}},
	{"Sichuan", "四川省", []Unit{c("Chengdu", "成都"), c("Mianyang", "绵阳"), c("Deyang", "德阳"), c("Yibin", "宜宾")}},
	{"Guizhou", "贵州省", []Unit{c("Guiyang", "贵阳"), c("Zunyi", "遵义")}},
	{"Yunnan", "云南省", []Unit{c("Kunming", "昆明"), c("Qujing", "曲靖"), c("Yuxi", "玉溪")}},
	{"Tibet", "西藏自治区", []Unit{c("Lhasa", "拉萨"), c("Shigatse", "日喀则")}},
	{"Shaanxi", "陕西省", []Unit{c("Xi'an", "西安"), c("Baoji", "宝鸡"), c("Xianyang", "咸阳")}},
	{"Gansu", "甘肃省", []Unit{c("Lanzhou", "兰州"), c("Tianshui", "天水")}},
	{"Qinghai", "青海省", []Unit{c("Xining", "西宁"), z("Haixi Prefecture", "海西州")}},
	{"Ningxia", "宁夏回族自治区", []Unit{c("Yinchuan", "银川"), c("Shizuishan", "石嘴山")}},
	{"Xinjiang", "新疆维吾尔自治区", []Unit{c("Urumqi", "乌鲁木齐"), c("Karamay", "克拉玛依"), c("Kashgar", "喀什")}},
	{"Xinjiang Production and Construction Corps", "新疆生产建设兵团", []Unit{c("Shihezi", "石河子"), c("Alar", "阿拉尔")}},
	{"Hong Kong", "香港特别行政区", []Unit{z("Hong Kong Science Park", "香港科学园"), z("Cyberport", "数码港"), z("Hong Kong universities", "香港高校")}},
	{"Macao", "澳门特别行政区", []Unit{z("Macao universities", "澳门高校"), z("Macao Trade and Investment", "澳门贸易投资")}},
}

// Country is a country of residence or nationality.
type Country struct {
	EN, ZH   string
	Weight   float64 // share of overseas talents residing there, in percent
	Style    nameStyle
	Language string // main language besides English and Chinese
	CIS      bool
}

// countries: the seed names the USA, Canada, the UK, Australia and the CIS
// countries; the rest are "others".
var countries = []Country{
	{"USA", "美国", 34, styleWestern, "", false},
	{"UK", "英国", 12, styleWestern, "", false},
	{"Canada", "加拿大", 10, styleWestern, "French", false},
	{"Australia", "澳大利亚", 9, styleWestern, "", false},
	{"Russia", "俄罗斯", 5, styleCIS, "Russian", true},
	{"Kazakhstan", "哈萨克斯坦", 2, styleCIS, "Kazakh", true},
	{"Belarus", "白俄罗斯", 1.5, styleCIS, "Russian", true},
	{"Ukraine", "乌克兰", 1.5, styleCIS, "Russian", true},
	{"Uzbekistan", "乌兹别克斯坦", 1, styleCIS, "Uzbek", true},
	{"Kyrgyzstan", "吉尔吉斯斯坦", 0.5, styleCIS, "Russian", true},
	{"Germany", "德国", 5, styleWestern, "German", false},
	{"Japan", "日本", 5, styleChinese, "Japanese", false},
	{"Singapore", "新加坡", 4, styleChinese, "", false},
	{"France", "法国", 3, styleWestern, "French", false},
	{"Netherlands", "荷兰", 2, styleWestern, "German", false},
	{"South Korea", "韩国", 1.5, styleChinese, "Korean", false},
	{"Sweden", "瑞典", 1, styleWestern, "", false},
	{"New Zealand", "新西兰", 1, styleWestern, "", false},
	{"Switzerland", "瑞士", 1, styleWestern, "German", false},
	{"Italy", "意大利", 1, styleWestern, "Italian", false},
}

// Cities posts are offered in and talents prefer, as English and Chinese
// labels the matching engine recognizes; Guangzhou and Shenzhen, the host
// province's, come first and weigh most.
var cities = []Label{{"Guangzhou", "广州"}, {"Shenzhen", "深圳"}, {"Shanghai", "上海"}, {"Beijing", "北京"}, {"Hangzhou", "杭州"},
	{"Suzhou", "苏州"}, {"Nanjing", "南京"}, {"Wuhan", "武汉"}, {"Chengdu", "成都"}, {"Xi'an", "西安"}, {"Dalian", "大连"},
	{"Tianjin", "天津"}, {"Chongqing", "重庆"}, {"Hefei", "合肥"}, {"Qingdao", "青岛"}, {"Changsha", "长沙"}, {"Xiamen", "厦门"},
	{"Ningbo", "宁波"}, {"Zhengzhou", "郑州"}, {"Jinan", "济南"}}

var cityW = []float64{24, 16, 9, 8, 6, 5, 4, 4, 4, 3, 2, 3, 2, 2, 2, 2, 1, 1, 1, 1}
