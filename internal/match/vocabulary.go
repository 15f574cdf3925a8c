package match

// Field is one of the fields of the convention. Industries map to a field,
// skills belong to one.
type Field string

// Fields of the model convention.
const (
	FieldBiomedicine   Field = "biomedicine"
	FieldManufacturing Field = "intelligent_manufacturing"
	FieldElectronics   Field = "electronic_information"
	FieldMaterials     Field = "new_materials"
	FieldEnergy        Field = "new_energy"
	FieldEnvironment   Field = "environmental_protection"
	FieldManagement    Field = "management"
	FieldFinance       Field = "finance"
	fieldCount               = 8
)

// FieldInfo labels a field in English and Chinese.
type FieldInfo struct {
	Field   Field
	EN, ZH  string
	Aliases []string // extra spellings recognized as this field's industry
}

var fieldTable = [fieldCount]FieldInfo{
	{FieldBiomedicine, "Biomedicine", "生物医药", []string{"biomedical", "biotech", "biotechnology", "pharmaceuticals", "pharma", "医药", "生物技术", "生物医药产业", "医疗健康", "healthcare"}},
	{FieldManufacturing, "Intelligent manufacturing", "智能制造", []string{"manufacturing", "advanced manufacturing", "smart manufacturing", "高端装备制造", "装备制造", "制造业"}},
	{FieldElectronics, "Electronic information", "电子信息", []string{"electronics", "information technology", "it", "internet", "software", "semiconductors", "新一代信息技术", "信息技术", "互联网", "软件", "集成电路"}},
	{FieldMaterials, "New materials", "新材料", []string{"materials", "advanced materials", "材料", "新材料产业"}},
	{FieldEnergy, "New energy", "新能源", []string{"energy", "renewable energy", "clean energy", "能源", "清洁能源", "新能源汽车产业"}},
	{FieldEnvironment, "Environmental protection", "环境保护", []string{"environment", "environmental", "energy saving and environmental protection", "节能环保", "环保", "生态环境"}},
	{FieldManagement, "Management", "管理", []string{"business", "consulting", "business services", "企业管理", "管理咨询", "商务服务"}},
	{FieldFinance, "Finance", "金融", []string{"financial services", "banking", "investment", "金融服务", "银行", "投资"}},
}

// Fields lists the fields in a fixed order.
func Fields() []FieldInfo {
	out := make([]FieldInfo, len(fieldTable))
	copy(out, fieldTable[:])
	return out
}

func fieldIndex(f Field) int {
	for i, fi := range fieldTable {
		if fi.Field == f {
			return i
		}
	}
	return -1
}

// Skill is one canonical skill of the vocabulary. Key is the stable
// identifier carried in explanations; EN and ZH are display labels; Aliases
// are further spellings (abbreviations, synonyms) that normalize to Key.
type Skill struct {
	Key     string
	EN, ZH  string
	Field   Field
	Aliases []string
}

// Vocabulary returns a copy of the skill vocabulary, grouped by field in the
// order of Fields. A data generator can draw skills (and their spellings) from it.
func Vocabulary() []Skill {
	out := make([]Skill, len(vocabulary))
	for i, s := range vocabulary {
		s.Aliases = append([]string(nil), s.Aliases...)
		out[i] = s
	}
	return out
}

func sk(f Field, key, en, zh string, aliases ...string) Skill {
	return Skill{Key: key, EN: en, ZH: zh, Field: f, Aliases: aliases}
}

// vocabulary is the skill vocabulary. Its order fixes the skill symbol ids,
// so append rather than reorder.
var vocabulary = []Skill{
	sk(FieldBiomedicine, "molecular_biology", "Molecular biology", "分子生物学"),
	sk(FieldBiomedicine, "cell_culture", "Cell culture", "细胞培养"),
	sk(FieldBiomedicine, "pharmacology", "Pharmacology", "药理学"),
	sk(FieldBiomedicine, "clinical_trials", "Clinical trials", "临床试验", "clinical research", "临床研究"),
	sk(FieldBiomedicine, "drug_discovery", "Drug discovery", "药物研发", "drug development", "新药研发", "新药开发"),
	sk(FieldBiomedicine, "bioinformatics", "Bioinformatics", "生物信息学", "生物信息"),
	sk(FieldBiomedicine, "genomics", "Genomics", "基因组学"),
	sk(FieldBiomedicine, "immunology", "Immunology", "免疫学"),
	sk(FieldBiomedicine, "medical_devices", "Medical devices", "医疗器械"),
	sk(FieldBiomedicine, "gmp", "GMP compliance", "GMP合规", "gmp", "good manufacturing practice", "药品生产质量管理规范"),
	sk(FieldBiomedicine, "biostatistics", "Biostatistics", "生物统计", "生物统计学"),
	sk(FieldBiomedicine, "protein_engineering", "Protein engineering", "蛋白质工程"),
	sk(FieldBiomedicine, "pcr", "PCR", "PCR技术", "polymerase chain reaction", "聚合酶链式反应"),
	sk(FieldBiomedicine, "gene_editing", "Gene editing", "基因编辑", "crispr", "crispr cas9", "crispr/cas9"),

	sk(FieldManufacturing, "industrial_robotics", "Industrial robotics", "工业机器人", "robotics", "机器人", "机器人技术"),
	sk(FieldManufacturing, "plc", "PLC programming", "PLC编程", "plc", "programmable logic controller"),
	sk(FieldManufacturing, "cad", "CAD", "计算机辅助设计", "computer aided design", "autocad"),
	sk(FieldManufacturing, "cnc", "CNC machining", "数控加工", "cnc", "数控"),
	sk(FieldManufacturing, "mechatronics", "Mechatronics", "机电一体化"),
	sk(FieldManufacturing, "industrial_iot", "Industrial IoT", "工业互联网", "iiot", "industrial internet", "工业物联网"),
	sk(FieldManufacturing, "lean_manufacturing", "Lean manufacturing", "精益生产", "lean", "精益制造"),
	sk(FieldManufacturing, "machine_vision", "Machine vision", "机器视觉"),
	sk(FieldManufacturing, "motion_control", "Motion control", "运动控制"),
	sk(FieldManufacturing, "digital_twin", "Digital twin", "数字孪生"),
	sk(FieldManufacturing, "mes", "Manufacturing execution systems", "制造执行系统", "mes"),
	sk(FieldManufacturing, "additive_manufacturing", "Additive manufacturing", "增材制造", "3d printing", "3d打印"),
	sk(FieldManufacturing, "quality_control", "Quality control", "质量控制", "qc", "质量管理", "质检"),

	sk(FieldElectronics, "go", "Go", "Go语言", "golang"),
	sk(FieldElectronics, "python", "Python", "Python编程", "python3"),
	sk(FieldElectronics, "java", "Java", "Java开发"),
	sk(FieldElectronics, "cpp", "C++", "C++编程", "cpp", "c plus plus"),
	sk(FieldElectronics, "machine_learning", "Machine learning", "机器学习", "ml"),
	sk(FieldElectronics, "deep_learning", "Deep learning", "深度学习", "dl", "neural networks", "神经网络"),
	sk(FieldElectronics, "computer_vision", "Computer vision", "计算机视觉", "图像识别", "image recognition"),
	sk(FieldElectronics, "nlp", "Natural language processing", "自然语言处理", "nlp"),
	sk(FieldElectronics, "artificial_intelligence", "Artificial intelligence", "人工智能", "ai"),
	sk(FieldElectronics, "embedded_systems", "Embedded systems", "嵌入式系统", "embedded", "嵌入式", "嵌入式开发"),
	sk(FieldElectronics, "ic_design", "IC design", "集成电路设计", "chip design", "芯片设计", "vlsi", "asic"),
	sk(FieldElectronics, "fpga", "FPGA", "FPGA开发", "fpga"),
	sk(FieldElectronics, "signal_processing", "Signal processing", "信号处理", "dsp", "数字信号处理"),
	sk(FieldElectronics, "cloud_computing", "Cloud computing", "云计算", "cloud"),
	sk(FieldElectronics, "cybersecurity", "Cybersecurity", "网络安全", "information security", "信息安全", "cyber security"),
	sk(FieldElectronics, "databases", "Databases", "数据库", "sql", "database"),
	sk(FieldElectronics, "wireless_5g", "5G communications", "5G通信", "5g", "wireless communications", "无线通信", "移动通信"),

	sk(FieldMaterials, "materials_characterization", "Materials characterization", "材料表征"),
	sk(FieldMaterials, "polymers", "Polymer materials", "高分子材料", "polymer science", "polymers", "高分子"),
	sk(FieldMaterials, "nanomaterials", "Nanomaterials", "纳米材料", "nanotechnology", "纳米技术"),
	sk(FieldMaterials, "composites", "Composite materials", "复合材料", "composites"),
	sk(FieldMaterials, "metallurgy", "Metallurgy", "冶金", "冶金工程", "metallic materials", "金属材料"),
	sk(FieldMaterials, "ceramics", "Advanced ceramics", "先进陶瓷", "ceramics", "陶瓷材料"),
	sk(FieldMaterials, "thin_films", "Thin films", "薄膜技术", "thin film deposition", "薄膜"),
	sk(FieldMaterials, "semiconductor_materials", "Semiconductor materials", "半导体材料"),
	sk(FieldMaterials, "xrd", "X-ray diffraction", "X射线衍射", "xrd"),
	sk(FieldMaterials, "electron_microscopy", "Electron microscopy", "电子显微镜", "sem", "tem", "电镜"),
	sk(FieldMaterials, "graphene", "Graphene", "石墨烯"),
	sk(FieldMaterials, "materials_simulation", "Materials simulation", "材料模拟", "dft", "density functional theory", "第一性原理计算", "材料计算"),

	sk(FieldEnergy, "batteries", "Battery technology", "电池技术", "lithium ion batteries", "lithium batteries", "锂电池", "锂离子电池"),
	sk(FieldEnergy, "photovoltaics", "Photovoltaics", "光伏", "solar pv", "solar energy", "太阳能光伏", "太阳能"),
	sk(FieldEnergy, "wind_power", "Wind power", "风电", "wind energy", "风能", "风力发电"),
	sk(FieldEnergy, "hydrogen", "Hydrogen energy", "氢能", "hydrogen", "氢能源"),
	sk(FieldEnergy, "fuel_cells", "Fuel cells", "燃料电池"),
	sk(FieldEnergy, "power_electronics", "Power electronics", "电力电子"),
	sk(FieldEnergy, "energy_storage", "Energy storage", "储能", "储能技术"),
	sk(FieldEnergy, "smart_grid", "Smart grid", "智能电网"),
	sk(FieldEnergy, "electric_vehicles", "Electric vehicles", "新能源汽车", "ev", "电动汽车"),
	sk(FieldEnergy, "battery_management", "Battery management systems", "电池管理系统", "bms"),
	sk(FieldEnergy, "electrochemistry", "Electrochemistry", "电化学"),

	sk(FieldEnvironment, "water_treatment", "Water treatment", "水处理", "wastewater treatment", "污水处理"),
	sk(FieldEnvironment, "air_pollution_control", "Air pollution control", "大气污染防治", "大气污染控制"),
	sk(FieldEnvironment, "solid_waste", "Solid waste management", "固体废物处理", "固废处理", "waste management"),
	sk(FieldEnvironment, "environmental_monitoring", "Environmental monitoring", "环境监测"),
	sk(FieldEnvironment, "eia", "Environmental impact assessment", "环境影响评价", "eia", "环评"),
	sk(FieldEnvironment, "carbon_accounting", "Carbon accounting", "碳核算", "carbon footprint", "碳排放核算", "碳足迹"),
	sk(FieldEnvironment, "ecological_restoration", "Ecological restoration", "生态修复"),
	sk(FieldEnvironment, "soil_remediation", "Soil remediation", "土壤修复"),
	sk(FieldEnvironment, "gis", "GIS", "地理信息系统", "gis", "geographic information systems"),
	sk(FieldEnvironment, "environmental_chemistry", "Environmental chemistry", "环境化学"),
	sk(FieldEnvironment, "circular_economy", "Circular economy", "循环经济", "recycling", "资源回收"),

	sk(FieldManagement, "project_management", "Project management", "项目管理", "pmp"),
	sk(FieldManagement, "human_resources", "Human resources", "人力资源", "hr", "人力资源管理"),
	sk(FieldManagement, "marketing", "Marketing", "市场营销", "营销"),
	sk(FieldManagement, "supply_chain", "Supply chain management", "供应链管理", "supply chain", "供应链", "scm"),
	sk(FieldManagement, "strategy", "Business strategy", "战略管理", "strategy", "战略规划"),
	sk(FieldManagement, "operations_management", "Operations management", "运营管理", "operations"),
	sk(FieldManagement, "international_trade", "International trade", "国际贸易", "外贸"),
	sk(FieldManagement, "business_development", "Business development", "商务拓展", "bd", "业务拓展"),
	sk(FieldManagement, "technology_transfer", "Technology transfer", "技术转移", "科技成果转化", "tech transfer"),
	sk(FieldManagement, "team_leadership", "Team leadership", "团队管理", "leadership", "领导力"),
	sk(FieldManagement, "intellectual_property", "Intellectual property", "知识产权", "ip", "patents", "专利"),

	sk(FieldFinance, "financial_analysis", "Financial analysis", "财务分析"),
	sk(FieldFinance, "accounting", "Accounting", "会计", "cpa", "注册会计师"),
	sk(FieldFinance, "risk_management", "Risk management", "风险管理", "风控"),
	sk(FieldFinance, "investment", "Investment management", "投资管理", "asset management", "资产管理"),
	sk(FieldFinance, "venture_capital", "Venture capital", "风险投资", "vc", "创投", "private equity", "股权投资"),
	sk(FieldFinance, "quantitative_finance", "Quantitative finance", "量化金融", "quant", "量化", "量化投资"),
	sk(FieldFinance, "fintech", "Fintech", "金融科技", "financial technology"),
	sk(FieldFinance, "auditing", "Auditing", "审计"),
	sk(FieldFinance, "corporate_finance", "Corporate finance", "公司金融", "公司理财"),
	sk(FieldFinance, "financial_modeling", "Financial modeling", "财务建模", "financial modelling"),
	sk(FieldFinance, "compliance", "Compliance", "合规", "regulatory compliance"),
	sk(FieldFinance, "econometrics", "Econometrics", "计量经济学"),
}
