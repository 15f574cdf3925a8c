package gen

import (
	"math/rand/v2"
	"strings"
)

// Chinese names are a surname (weighted roughly by frequency) and a one- or
// two-character given name.
var (
	surnames = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
		"罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余",
		"于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "卢", "姚", "沈", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖", "石", "金",
		"韦", "贾", "夏", "付", "方", "邹", "熊", "白", "孟", "秦", "邱", "侯", "江", "尹", "薛", "闫", "段", "雷", "龙", "黎", "史", "陶",
		"贺", "毛", "郝", "顾", "龚", "邵", "万", "覃", "武", "钱", "戴", "严", "欧阳", "司马", "上官"}
	givenChars = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀",
		"霞", "平", "刚", "桂", "华", "文", "辉", "鹏", "宇", "浩", "晨", "欣", "怡", "佳", "琳", "婷", "雪", "慧", "俊", "峰", "建",
		"国", "志", "海", "云", "飞", "博", "睿", "子", "涵", "思", "然", "晓", "嘉", "瑞", "凯", "泽", "宁", "远", "哲", "航", "彬",
		"璐", "薇", "颖", "昊", "铭", "新", "成", "立", "春", "玉", "英", "兰", "东", "晶", "亮", "阳", "林", "斌", "毅", "翔"}
	westernFirst = []string{"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
		"Susan", "Richard", "Jessica", "Thomas", "Sarah", "Daniel", "Karen", "Matthew", "Emily", "Andrew", "Laura", "Mark", "Anna",
		"Paul", "Rachel", "Peter", "Emma", "Oliver", "Sophie", "Lucas", "Hannah", "Henry", "Claire", "Samuel", "Julia", "Benjamin",
		"Olivia", "Jonas", "Chloe"}
	westernLast = []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
		"Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright",
		"Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans",
		"Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson",
		"Müller", "Schmidt", "Dubois", "Laurent", "Rossi", "Jansen", "Andersson"}
	cisFirst = []string{"Alexei", "Dmitry", "Sergei", "Andrei", "Ivan", "Mikhail", "Nikolai", "Pavel", "Yuri", "Oleg", "Vladimir",
		"Artem", "Maxim", "Timur", "Nursultan", "Askar", "Aibek", "Rustam", "Bekzod", "Anna", "Elena", "Olga", "Natalia", "Tatiana",
		"Irina", "Svetlana", "Maria", "Daria", "Aigerim", "Dilnoza", "Kseniya", "Yulia"}
	cisLast = []string{"Ivanov", "Smirnov", "Kuznetsov", "Popov", "Volkov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov",
		"Petrov", "Pavlov", "Orlov", "Fedorov", "Nikolaev", "Zaitsev", "Karimov", "Nazarbayev", "Akhmetov", "Suleimenov", "Tashkentov",
		"Yusupov", "Rakhimov", "Bondarenko", "Shevchenko", "Kovalenko", "Tkachenko", "Lukashenko", "Sidorov", "Kravchenko"}
)

// chineseName draws a Chinese personal name.
func chineseName(r *rand.Rand) string {
	// The first twenty surnames cover about half of the population.
	var s string
	if r.IntN(2) == 0 {
		s = surnames[r.IntN(20)]
	} else {
		s = pick(r, surnames)
	}
	g := pick(r, givenChars)
	if r.IntN(4) != 0 {
		g += pick(r, givenChars)
	}
	return s + g
}

// nameStyle chooses the name tables for a person.
type nameStyle int

const (
	styleChinese nameStyle = iota
	styleWestern
	styleCIS
)

func personName(r *rand.Rand, st nameStyle) string {
	switch st {
	case styleWestern:
		return pick(r, westernFirst) + " " + pick(r, westernLast)
	case styleCIS:
		first, last := pick(r, cisFirst), pick(r, cisLast)
		// Russian surnames take a feminine ending after a female first name.
		if strings.HasSuffix(first, "a") && (strings.HasSuffix(last, "ov") || strings.HasSuffix(last, "ev")) {
			last += "a"
		}
		return first + " " + last
	}
	return chineseName(r)
}

// Enterprise names: a brand (a Chinese word with its pinyin, or a foreign
// root with its transliteration) and a field-specific line of business.
var (
	brandsZH = []Label{{"Huaxin", "华信"}, {"Zhongke", "中科"}, {"Tianyuan", "天元"}, {"Hengtong", "恒通"}, {"Ruida", "瑞达"},
		{"Jinpeng", "金鹏"}, {"Haiyun", "海云"}, {"Xinyuan", "新元"}, {"Boan", "博安"}, {"Kanghui", "康辉"}, {"Lianchuang", "联创"},
		{"Yuanwang", "远望"}, {"Dingsheng", "鼎盛"}, {"Weilai", "蔚来"}, {"Zhihe", "智合"}, {"Mingda", "明达"}, {"Huarui", "华瑞"},
		{"Guoxin", "国芯"}, {"Shengshi", "盛世"}, {"Hongtu", "宏图"}, {"Taihe", "泰和"}, {"Yinghe", "英和"}, {"Chuangyu", "创宇"},
		{"Jiahe", "嘉禾"}, {"Longteng", "龙腾"}, {"Fengyuan", "丰源"}, {"Huaguang", "华光"}, {"Xingchen", "星辰"}, {"Beidou", "北斗"},
		{"Lingyun", "凌云"}, {"Qiming", "启明"}, {"Anke", "安科"}, {"Jingwei", "经纬"}, {"Kaiyuan", "开元"}, {"Ruixin", "锐芯"},
		{"Tongda", "通达"}, {"Yongxin", "永信"}, {"Zhuoyue", "卓越"}, {"Baoli", "宝利"}, {"Hengrui", "恒瑞"}, {"Shenghe", "晟和"},
		{"Yida", "亿达"}, {"Huitong", "汇通"}, {"Zhongtian", "中天"}, {"Yuncheng", "云程"}, {"Haina", "海纳"}, {"Juneng", "聚能"},
		{"Lvyuan", "绿源"}, {"Jiahua", "嘉华"}, {"Tianhe", "天河"}}
	brandsForeign = []Label{{"Hartmann", "哈特曼"}, {"Norwell", "诺威尔"}, {"Kessler", "凯斯勒"}, {"Bellmont", "贝尔蒙"}, {"Arcadia", "雅凯迪"},
		{"Lindqvist", "林德奎斯特"}, {"Vantage", "万泰琪"}, {"Meridian", "美瑞迪"}, {"Sterling", "斯特林"}, {"Rhein", "莱茵"},
		{"Aurora", "奥罗拉"}, {"Castell", "卡斯特"}, {"Everton", "埃弗顿"}, {"Halden", "哈尔登"}, {"Kyoto Seiki", "京都精机"},
		{"Novus", "诺沃斯"}, {"Orion", "奥瑞恩"}, {"Pemberton", "彭伯顿"}, {"Solvay-Lund", "索维隆德"}, {"Westbrook", "韦斯特布鲁克"}}
	// lines of business per field (index like fields).
	businessLines = [][]Label{
		{{"Biopharma", "生物医药"}, {"Pharmaceutical", "制药"}, {"Medical Technology", "医疗科技"}, {"Gene Technology", "基因科技"}},
		{{"Intelligent Equipment", "智能装备"}, {"Robotics", "机器人"}, {"Precision Machinery", "精密机械"}, {"Automation", "自动化"}},
		{{"Electronics", "电子"}, {"Information Technology", "信息技术"}, {"Semiconductor", "半导体"}, {"Software", "软件"}, {"Communications", "通信"}},
		{{"New Materials", "新材料"}, {"Advanced Materials", "先进材料"}, {"Polymer Technology", "高分子科技"}},
		{{"New Energy", "新能源"}, {"Power Technology", "电力科技"}, {"Battery", "电池"}, {"Solar", "光伏"}},
		{{"Environmental Technology", "环保科技"}, {"Water Technology", "水务科技"}, {"Ecological Engineering", "生态工程"}},
		{{"Management Consulting", "管理咨询"}, {"Business Services", "商务服务"}, {"Supply Chain", "供应链"}},
		{{"Capital", "资本"}, {"Financial Holdings", "金融控股"}, {"Securities", "证券"}, {"Fintech", "金融科技"}},
	}
)
