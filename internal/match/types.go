package match

// Degree is a highest academic degree. The order of the constants is the
// order of the degrees, so "below the minimum" is a plain comparison.
type Degree int8

// Degrees, lowest first.
const (
	DegreeNone Degree = iota
	DegreeBachelor
	DegreeMaster
	DegreePhD
)

var degreeNames = [...]string{"none", "bachelor", "master", "phd"}

// String returns the stable code of d ("none", "bachelor", "master", "phd").
func (d Degree) String() string {
	if d < DegreeNone || d > DegreePhD {
		return "unknown"
	}
	return degreeNames[d]
}

// ParseDegree reads a degree code as returned by String.
func ParseDegree(s string) (Degree, bool) {
	for i, n := range degreeNames {
		if n == s {
			return Degree(i), true
		}
	}
	return DegreeNone, false
}

// Intent is whether a talent intends to work in China. The zero value is
// undecided, the honest default for a profile that did not say.
type Intent int8

// Intents.
const (
	IntentUndecided Intent = iota
	IntentYes
	IntentNo
)

var intentNames = [...]string{"undecided", "yes", "no"}

// String returns the stable code of i.
func (i Intent) String() string {
	if i < IntentUndecided || i > IntentNo {
		return "unknown"
	}
	return intentNames[i]
}

// ParseIntent reads an intent code as returned by String.
func ParseIntent(s string) (Intent, bool) {
	for i, n := range intentNames {
		if n == s {
			return Intent(i), true
		}
	}
	return IntentUndecided, false
}

// Category is the kind of talent. It does not change a score; it is carried
// so callers can filter or report by category.
type Category int8

// Categories.
const (
	CategoryOverseas Category = iota
	CategoryHighSkilled
	CategoryStudent
)

var categoryNames = [...]string{"overseas", "high_skilled", "student"}

// String returns the stable code of c.
func (c Category) String() string {
	if c < CategoryOverseas || c > CategoryStudent {
		return "unknown"
	}
	return categoryNames[c]
}

// ParseCategory reads a category code as returned by String.
func ParseCategory(s string) (Category, bool) {
	for i, n := range categoryNames {
		if n == s {
			return Category(i), true
		}
	}
	return CategoryOverseas, false
}

// Talent is the matching view of a talent profile. Strings are free text in
// Chinese or English; the engine normalizes them.
type Talent struct {
	ID              int64
	Degree          Degree
	Discipline      string
	Skills          []string
	Languages       []string
	YearsExperience int
	IntentChina     Intent
	PreferredCities []string // empty: any city
	Category        Category
}

// Post is the matching view of a job post. Only open posts are recommended.
type Post struct {
	ID            int64
	Industry      string
	Skills        []string // required skills
	MinDegree     Degree
	MinExperience int // years
	City          string
	Languages     []string // required languages, all of them
	Headcount     int      // seats to fill; used by fair re-ranking, <1 counts as 1
	Open          bool
}
