package gen

// Field is one of the seed's eight fields. Talents and posts each belong to
// one; a talent's skills are drawn from the same list as the posts of their
// field, so matching has real overlap to find.
//
// The skill labels are the English and Chinese display labels of the
// vocabulary in internal/match (match.Vocabulary), which normalizes both
// spellings to one key. They are copied rather than imported so that gen
// does not depend on the engine's package while it is being built; a test
// in match can check they stay recognized.
type Field struct {
	Key    string // as match.Field: "biomedicine", "intelligent_manufacturing", ...
	EN, ZH string
	Skills []Label
	// Disciplines prepare well for the field (English and Chinese names the
	// matching engine recognizes).
	Disciplines []Label
	// Titles of professional posts (overseas and video fairs) and of
	// skilled-worker posts (the high-skilled fair).
	Titles, SkilledTitles []Label
	// Topics name projects of the field.
	Topics []Label
}

// Label is a text in English and Chinese.
type Label struct{ EN, ZH string }

// Fields lists the eight fields in a fixed order.
func Fields() []Field { return fields }

var fields = []Field{
	{Key: "biomedicine", EN: "Biomedicine", ZH: "生物医药",
		Skills: []Label{{"Molecular biology", "分子生物学"}, {"Cell culture", "细胞培养"}, {"Pharmacology", "药理学"}, {"Clinical trials", "临床试验"},
			{"Drug discovery", "药物研发"}, {"Bioinformatics", "生物信息学"}, {"Genomics", "基因组学"}, {"Immunology", "免疫学"},
			{"Medical devices", "医疗器械"}, {"GMP compliance", "GMP合规"}, {"Biostatistics", "生物统计"}, {"Protein engineering", "蛋白质工程"},
			{"PCR", "PCR技术"}, {"Gene editing", "基因编辑"}},
		Disciplines: []Label{{"Biology", "生物学"}, {"Medicine", "医学"}, {"Pharmacy", "药学"}, {"Chemistry", "化学"}},
		Titles: []Label{{"Research Scientist", "研究科学家"}, {"Drug Discovery Scientist", "药物研发科学家"}, {"Clinical Research Manager", "临床研究经理"},
			{"Bioinformatics Engineer", "生物信息工程师"}, {"Medical Device R&D Engineer", "医疗器械研发工程师"}, {"Principal Investigator", "课题组长"}},
		SkilledTitles: []Label{{"GMP Production Technician", "GMP生产技术员"}, {"Laboratory Technician", "实验室技术员"}, {"Quality Inspector (Pharma)", "药品质检员"},
			{"Medical Equipment Maintenance Technician", "医疗设备维修技师"}},
		Topics: []Label{{"antibody drug", "抗体药物"}, {"gene therapy", "基因治疗"}, {"cancer early screening", "肿瘤早筛"}, {"medical imaging device", "医学影像设备"},
			{"vaccine platform", "疫苗平台"}, {"traditional Chinese medicine modernization", "中药现代化"}, {"precision medicine", "精准医疗"}},
	},
	{Key: "intelligent_manufacturing", EN: "Intelligent manufacturing", ZH: "智能制造",
		Skills: []Label{{"Industrial robotics", "工业机器人"}, {"PLC programming", "PLC编程"}, {"CAD", "计算机辅助设计"}, {"CNC machining", "数控加工"},
			{"Mechatronics", "机电一体化"}, {"Industrial IoT", "工业互联网"}, {"Lean manufacturing", "精益生产"}, {"Machine vision", "机器视觉"},
			{"Motion control", "运动控制"}, {"Digital twin", "数字孪生"}, {"Manufacturing execution systems", "制造执行系统"},
			{"Additive manufacturing", "增材制造"}, {"Quality control", "质量控制"}},
		Disciplines: []Label{{"Mechanical engineering", "机械工程"}, {"Automation and control", "自动化"}, {"Electrical and electronic engineering", "电子电气工程"}},
		Titles: []Label{{"Robotics Engineer", "机器人工程师"}, {"Automation Engineer", "自动化工程师"}, {"Smart Factory Architect", "智能工厂架构师"},
			{"Machine Vision Engineer", "机器视觉工程师"}, {"Manufacturing Process Engineer", "制造工艺工程师"}, {"R&D Director (Equipment)", "装备研发总监"}},
		SkilledTitles: []Label{{"CNC Machinist", "数控技师"}, {"Industrial Robot Operator", "工业机器人操作员"}, {"Senior Electrician", "高级电工"},
			{"Welding Technician", "焊接技师"}, {"Mold Fitter", "模具钳工"}, {"Equipment Maintenance Technician", "设备维修技师"}},
		Topics: []Label{{"collaborative robot", "协作机器人"}, {"smart factory system", "智能工厂系统"}, {"high-precision CNC", "高精度数控"},
			{"industrial machine vision", "工业视觉检测"}, {"3D printing of metal parts", "金属3D打印"}, {"intelligent logistics equipment", "智能物流装备"}},
	},
	{Key: "electronic_information", EN: "Electronic information", ZH: "电子信息",
		Skills: []Label{{"Go", "Go语言"}, {"Python", "Python编程"}, {"Java", "Java开发"}, {"C++", "C++编程"}, {"Machine learning", "机器学习"},
			{"Deep learning", "深度学习"}, {"Computer vision", "计算机视觉"}, {"Natural language processing", "自然语言处理"},
			{"Artificial intelligence", "人工智能"}, {"Embedded systems", "嵌入式系统"}, {"IC design", "集成电路设计"}, {"FPGA", "FPGA开发"},
			{"Signal processing", "信号处理"}, {"Cloud computing", "云计算"}, {"Cybersecurity", "网络安全"}, {"Databases", "数据库"},
			{"5G communications", "5G通信"}},
		Disciplines: []Label{{"Computer science", "计算机科学与技术"}, {"Electrical and electronic engineering", "电子电气工程"}, {"Mathematics", "数学"}, {"Physics", "物理学"}},
		Titles: []Label{{"Algorithm Engineer", "算法工程师"}, {"Chip Design Engineer", "芯片设计工程师"}, {"Software Architect", "软件架构师"},
			{"AI Research Scientist", "人工智能研究员"}, {"Embedded Software Engineer", "嵌入式软件工程师"}, {"Cloud Platform Engineer", "云平台工程师"},
			{"Communications Engineer", "通信工程师"}},
		SkilledTitles: []Label{{"Electronics Assembly Technician", "电子装配技师"}, {"Network Operations Technician", "网络运维技术员"},
			{"SMT Process Technician", "SMT工艺技术员"}, {"Software Test Technician", "软件测试员"}},
		Topics: []Label{{"AI chip", "人工智能芯片"}, {"intelligent speech", "智能语音"}, {"autonomous driving perception", "自动驾驶感知"},
			{"industrial big data platform", "工业大数据平台"}, {"5G small cell", "5G小基站"}, {"quantum-safe communication", "量子安全通信"}, {"medical AI", "医疗人工智能"}},
	},
	{Key: "new_materials", EN: "New materials", ZH: "新材料",
		Skills: []Label{{"Materials characterization", "材料表征"}, {"Polymer materials", "高分子材料"}, {"Nanomaterials", "纳米材料"},
			{"Composite materials", "复合材料"}, {"Metallurgy", "冶金"}, {"Advanced ceramics", "先进陶瓷"}, {"Thin films", "薄膜技术"},
			{"Semiconductor materials", "半导体材料"}, {"X-ray diffraction", "X射线衍射"}, {"Electron microscopy", "电子显微镜"},
			{"Graphene", "石墨烯"}, {"Materials simulation", "材料模拟"}},
		Disciplines: []Label{{"Materials science", "材料科学与工程"}, {"Chemistry", "化学"}, {"Chemical engineering", "化学工程"}, {"Physics", "物理学"}},
		Titles: []Label{{"Materials Scientist", "材料科学家"}, {"Polymer R&D Engineer", "高分子研发工程师"}, {"Composites Engineer", "复合材料工程师"},
			{"Thin Film Process Engineer", "薄膜工艺工程师"}, {"Materials Characterization Specialist", "材料表征专家"}},
		SkilledTitles: []Label{{"Heat Treatment Technician", "热处理技师"}, {"Materials Testing Technician", "材料检测技术员"},
			{"Coating Process Technician", "涂层工艺技师"}, {"Extrusion Operator", "挤出机操作工"}},
		Topics: []Label{{"graphene heat-spreading film", "石墨烯导热膜"}, {"carbon fibre composite", "碳纤维复合材料"}, {"biodegradable plastic", "可降解塑料"},
			{"high-temperature alloy", "高温合金"}, {"third-generation semiconductor substrate", "第三代半导体衬底"}, {"functional ceramic", "功能陶瓷"}},
	},
	{Key: "new_energy", EN: "New energy", ZH: "新能源",
		Skills: []Label{{"Battery technology", "电池技术"}, {"Photovoltaics", "光伏"}, {"Wind power", "风电"}, {"Hydrogen energy", "氢能"},
			{"Fuel cells", "燃料电池"}, {"Power electronics", "电力电子"}, {"Energy storage", "储能"}, {"Smart grid", "智能电网"},
			{"Electric vehicles", "新能源汽车"}, {"Battery management systems", "电池管理系统"}, {"Electrochemistry", "电化学"}},
		Disciplines: []Label{{"Energy and power engineering", "能源与动力工程"}, {"Electrical and electronic engineering", "电子电气工程"}, {"Chemistry", "化学"}},
		Titles: []Label{{"Battery R&D Engineer", "电池研发工程师"}, {"Power Electronics Engineer", "电力电子工程师"}, {"Fuel Cell Scientist", "燃料电池科学家"},
			{"Energy Storage System Engineer", "储能系统工程师"}, {"Photovoltaic Process Engineer", "光伏工艺工程师"}},
		SkilledTitles: []Label{{"Battery Assembly Technician", "电池装配技师"}, {"Wind Turbine Maintenance Technician", "风机运维技师"},
			{"PV Installation Technician", "光伏安装技师"}, {"EV Maintenance Technician", "新能源汽车维修技师"}},
		Topics: []Label{{"solid-state battery", "固态电池"}, {"hydrogen fuel cell stack", "氢燃料电池电堆"}, {"perovskite solar cell", "钙钛矿太阳能电池"},
			{"grid-scale energy storage", "电网级储能"}, {"EV fast charging", "电动汽车快充"}, {"offshore wind control", "海上风电控制"}},
	},
	{Key: "environmental_protection", EN: "Environmental protection", ZH: "环境保护",
		Skills: []Label{{"Water treatment", "水处理"}, {"Air pollution control", "大气污染防治"}, {"Solid waste management", "固体废物处理"},
			{"Environmental monitoring", "环境监测"}, {"Environmental impact assessment", "环境影响评价"}, {"Carbon accounting", "碳核算"},
			{"Ecological restoration", "生态修复"}, {"Soil remediation", "土壤修复"}, {"GIS", "地理信息系统"},
			{"Environmental chemistry", "环境化学"}, {"Circular economy", "循环经济"}},
		Disciplines: []Label{{"Environmental science and engineering", "环境科学与工程"}, {"Chemical engineering", "化学工程"}, {"Biology", "生物学"}},
		Titles: []Label{{"Environmental Engineer", "环境工程师"}, {"Water Treatment Process Engineer", "水处理工艺工程师"}, {"Carbon Management Consultant", "碳管理顾问"},
			{"Environmental Monitoring Specialist", "环境监测专家"}, {"Remediation Project Manager", "修复项目经理"}},
		SkilledTitles: []Label{{"Wastewater Plant Operator", "污水处理运行工"}, {"Environmental Sampling Technician", "环境采样技术员"},
			{"Waste Sorting Line Technician", "垃圾分选线技师"}},
		Topics: []Label{{"membrane water treatment", "膜法水处理"}, {"VOC abatement", "VOCs治理"}, {"soil heavy-metal remediation", "土壤重金属修复"},
			{"kitchen waste recycling", "餐厨垃圾资源化"}, {"carbon emission monitoring", "碳排放监测"}, {"river ecological restoration", "河道生态修复"}},
	},
	{Key: "management", EN: "Management", ZH: "管理",
		Skills: []Label{{"Project management", "项目管理"}, {"Human resources", "人力资源"}, {"Marketing", "市场营销"}, {"Supply chain management", "供应链管理"},
			{"Business strategy", "战略管理"}, {"Operations management", "运营管理"}, {"International trade", "国际贸易"},
			{"Business development", "商务拓展"}, {"Technology transfer", "技术转移"}, {"Team leadership", "团队管理"}, {"Intellectual property", "知识产权"}},
		Disciplines: []Label{{"Business administration", "工商管理"}, {"Economics", "经济学"}},
		Titles: []Label{{"International Business Development Manager", "国际业务拓展经理"}, {"Technology Transfer Manager", "技术转移经理"},
			{"Supply Chain Director", "供应链总监"}, {"HR Director", "人力资源总监"}, {"Strategy Manager", "战略经理"}, {"Overseas Marketing Manager", "海外市场经理"}},
		SkilledTitles: []Label{{"Warehouse Supervisor", "仓储主管"}, {"Production Planning Clerk", "生产计划员"}, {"Customer Service Supervisor", "客服主管"}},
		Topics: []Label{{"technology transfer platform", "技术转移平台"}, {"cross-border e-commerce service", "跨境电商服务"}, {"talent service platform", "人才服务平台"},
			{"IP operation service", "知识产权运营"}, {"incubator management", "孵化器运营"}},
	},
	{Key: "finance", EN: "Finance", ZH: "金融",
		Skills: []Label{{"Financial analysis", "财务分析"}, {"Accounting", "会计"}, {"Risk management", "风险管理"}, {"Investment management", "投资管理"},
			{"Venture capital", "风险投资"}, {"Quantitative finance", "量化金融"}, {"Fintech", "金融科技"}, {"Auditing", "审计"},
			{"Corporate finance", "公司金融"}, {"Financial modeling", "财务建模"}, {"Compliance", "合规"}, {"Econometrics", "计量经济学"}},
		Disciplines: []Label{{"Finance", "金融学"}, {"Economics", "经济学"}, {"Mathematics", "数学"}, {"Statistics", "统计学"}},
		Titles: []Label{{"Quantitative Analyst", "量化分析师"}, {"Investment Manager", "投资经理"}, {"Risk Control Director", "风控总监"},
			{"Fintech Product Manager", "金融科技产品经理"}, {"CFO", "首席财务官"}, {"Venture Partner", "投资合伙人"}},
		SkilledTitles: []Label{{"Accountant", "会计"}, {"Bank Teller Supervisor", "银行柜员主管"}, {"Audit Assistant", "审计助理"}},
		Topics: []Label{{"supply-chain finance platform", "供应链金融平台"}, {"credit risk AI", "智能风控"}, {"blockchain settlement", "区块链结算"},
			{"green finance rating", "绿色金融评级"}, {"wealth management robo-advisor", "智能投顾"}},
	},
}

// Field weights per population, in the order of fields: overseas scholars
// lean to research fields, skilled workers to manufacturing.
var (
	overseasFieldW    = []float64{20, 12, 22, 12, 10, 8, 8, 8}
	highSkilledFieldW = []float64{7, 35, 20, 10, 12, 8, 4, 4}
	studentFieldW     = []float64{12, 10, 20, 7, 7, 6, 20, 18}
	enterpriseFieldW  = []float64{15, 20, 22, 10, 11, 7, 6, 9}
)
