package match

// Affinity is how well a discipline prepares for work in a field.
type Affinity int8

// Affinity levels. AffinityUnknown means the discipline or the industry was
// not recognized, so the engine cannot judge and scores it like a low fit.
const (
	AffinityNone Affinity = iota
	AffinityLow
	AffinityMedium
	AffinityHigh
	AffinityUnknown Affinity = -1
)

var affinityNames = map[Affinity]string{
	AffinityNone: "none", AffinityLow: "low", AffinityMedium: "medium", AffinityHigh: "high", AffinityUnknown: "unknown",
}

// String returns the stable code of a.
func (a Affinity) String() string {
	if n, ok := affinityNames[a]; ok {
		return n
	}
	return "unknown"
}

// Discipline is one recognized academic discipline with its affinity to each
// field (indexed like Fields).
type Discipline struct {
	Key      string
	EN, ZH   string
	Aliases  []string
	Affinity [fieldCount]Affinity
}

// Disciplines returns a copy of the recognized disciplines.
func Disciplines() []Discipline {
	out := make([]Discipline, len(disciplines))
	for i, d := range disciplines {
		d.Aliases = append([]string(nil), d.Aliases...)
		out[i] = d
	}
	return out
}

// aff builds an affinity row from field → level pairs; unlisted fields are none.
func aff(levels map[Field]Affinity) [fieldCount]Affinity {
	var row [fieldCount]Affinity
	for f, l := range levels {
		row[fieldIndex(f)] = l
	}
	return row
}

const (
	hi  = AffinityHigh
	med = AffinityMedium
	lo  = AffinityLow
)

var disciplines = []Discipline{
	{"computer_science", "Computer science", "计算机科学与技术", []string{"computer science", "cs", "software engineering", "软件工程", "计算机", "计算机科学", "artificial intelligence major", "人工智能专业"},
		aff(map[Field]Affinity{FieldElectronics: hi, FieldManufacturing: med, FieldFinance: lo, FieldManagement: lo, FieldEnergy: lo})},
	{"electrical_engineering", "Electrical and electronic engineering", "电子电气工程", []string{"electrical engineering", "electronic engineering", "electronics engineering", "电气工程", "电子工程", "电子信息工程", "通信工程", "telecommunications", "microelectronics", "微电子"},
		aff(map[Field]Affinity{FieldElectronics: hi, FieldEnergy: hi, FieldManufacturing: med, FieldMaterials: lo})},
	{"mechanical_engineering", "Mechanical engineering", "机械工程", []string{"mechanical engineering", "机械", "机械设计制造及其自动化", "industrial engineering", "工业工程"},
		aff(map[Field]Affinity{FieldManufacturing: hi, FieldEnergy: med, FieldMaterials: lo, FieldElectronics: lo})},
	{"automation", "Automation and control", "自动化", []string{"automation", "control engineering", "控制工程", "控制科学与工程"},
		aff(map[Field]Affinity{FieldManufacturing: hi, FieldElectronics: med, FieldEnergy: med})},
	{"materials_science", "Materials science", "材料科学与工程", []string{"materials science", "materials engineering", "材料科学", "材料工程", "材料"},
		aff(map[Field]Affinity{FieldMaterials: hi, FieldEnergy: med, FieldManufacturing: med, FieldElectronics: lo, FieldBiomedicine: lo, FieldEnvironment: lo})},
	{"chemistry", "Chemistry", "化学", []string{"chemistry", "applied chemistry", "应用化学"},
		aff(map[Field]Affinity{FieldMaterials: hi, FieldBiomedicine: med, FieldEnergy: med, FieldEnvironment: med})},
	{"chemical_engineering", "Chemical engineering", "化学工程", []string{"chemical engineering", "化学工程与工艺", "化工"},
		aff(map[Field]Affinity{FieldMaterials: hi, FieldEnergy: med, FieldEnvironment: med, FieldBiomedicine: lo, FieldManufacturing: lo})},
	{"biology", "Biology", "生物学", []string{"biology", "life sciences", "生命科学", "生物科学", "biotechnology major", "生物技术专业", "biochemistry", "生物化学"},
		aff(map[Field]Affinity{FieldBiomedicine: hi, FieldEnvironment: med})},
	{"medicine", "Medicine", "医学", []string{"medicine", "clinical medicine", "临床医学", "public health", "公共卫生"},
		aff(map[Field]Affinity{FieldBiomedicine: hi})},
	{"pharmacy", "Pharmacy", "药学", []string{"pharmacy", "pharmaceutical sciences", "药物科学", "中药学"},
		aff(map[Field]Affinity{FieldBiomedicine: hi, FieldMaterials: lo})},
	{"environmental_science", "Environmental science and engineering", "环境科学与工程", []string{"environmental science", "environmental engineering", "环境科学", "环境工程", "ecology", "生态学"},
		aff(map[Field]Affinity{FieldEnvironment: hi, FieldEnergy: med, FieldMaterials: lo, FieldBiomedicine: lo})},
	{"physics", "Physics", "物理学", []string{"physics", "applied physics", "应用物理", "物理"},
		aff(map[Field]Affinity{FieldMaterials: med, FieldElectronics: med, FieldEnergy: med, FieldManufacturing: lo})},
	{"mathematics", "Mathematics", "数学", []string{"mathematics", "math", "applied mathematics", "应用数学"},
		aff(map[Field]Affinity{FieldFinance: med, FieldElectronics: med, FieldManagement: lo})},
	{"statistics", "Statistics", "统计学", []string{"statistics", "data science", "数据科学", "统计"},
		aff(map[Field]Affinity{FieldFinance: med, FieldElectronics: med, FieldBiomedicine: lo, FieldManagement: lo})},
	{"economics", "Economics", "经济学", []string{"economics", "经济", "international economics", "国际经济与贸易"},
		aff(map[Field]Affinity{FieldFinance: hi, FieldManagement: med})},
	{"finance", "Finance", "金融学", []string{"finance", "金融", "accounting major", "会计学", "财务管理"},
		aff(map[Field]Affinity{FieldFinance: hi, FieldManagement: med})},
	{"business_administration", "Business administration", "工商管理", []string{"business administration", "mba", "management science", "管理学", "管理科学与工程", "business"},
		aff(map[Field]Affinity{FieldManagement: hi, FieldFinance: med})},
	{"energy_engineering", "Energy and power engineering", "能源与动力工程", []string{"energy engineering", "power engineering", "能源工程", "动力工程", "new energy science", "新能源科学与工程"},
		aff(map[Field]Affinity{FieldEnergy: hi, FieldManufacturing: med, FieldEnvironment: lo})},
}

// DisciplineAffinity returns how well discipline prepares for industry. Both
// are free text; unrecognized input yields AffinityUnknown.
func DisciplineAffinity(discipline, industry string) Affinity {
	d, f := disciplineIndex(discipline), industryField(industry)
	return affinityOf(d, f)
}

func affinityOf(d, f int) Affinity {
	if d < 0 || f < 0 {
		return AffinityUnknown
	}
	return disciplines[d].Affinity[f]
}

// IndustryField maps a free-text industry to its field.
func IndustryField(industry string) (Field, bool) {
	f := industryField(industry)
	if f < 0 {
		return "", false
	}
	return fieldTable[f].Field, true
}
