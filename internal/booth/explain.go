package booth

import (
	"fmt"
	"strings"
)

// Explain renders an outcome in English, for logs, tests and the CLI (the
// web layer renders the same codes from its catalogs):
// "assigned B-204: quota 12 m² (9 used), priority 3rd" or
// "not assigned: area full, waitlisted 4th".
func Explain(o Outcome) string {
	var b strings.Builder
	switch o.Status {
	case Assigned:
		fmt.Fprintf(&b, "assigned %s", strings.Join(o.Booths, ", "))
	case Partial:
		fmt.Fprintf(&b, "partly assigned %s (%.4g of %.4g)", strings.Join(o.Booths, ", "), o.Got, o.Wanted)
	default:
		b.WriteString("not assigned")
	}
	sep := ": "
	for _, r := range o.Reasons {
		var s string
		switch r {
		case ReasonLocked:
			s = "kept from before"
		case ReasonPriority:
			s = "priority " + Ordinal(o.Rank)
		case ReasonQuota:
			s = fmt.Sprintf("quota %.4g m² (%.4g used)", o.QuotaM2, o.QuotaUse)
		case ReasonAreaFull:
			s = "area full"
		case ReasonQuotaReached:
			s = fmt.Sprintf("quota of %.4g m² used up", o.QuotaM2)
		case ReasonKindUnavailable:
			s = "no free booth of that kind"
		case ReasonNoFit:
			s = "free booths larger than the m² still wanted"
		case ReasonWaitlisted:
			s = "waitlisted " + Ordinal(o.Waitlist)
		case ReasonApart:
			s = "not beside the organizations named"
		case ReasonBesideAvoided:
			s = "beside " + strings.Join(o.Beside, ", ") + " (named, no better plan found)"

		default:
			s = string(r)
		}
		b.WriteString(sep + s)
		sep = ", "
	}
	return b.String()
}

// Ordinal writes 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, 21st.
func Ordinal(n int) string {
	suf := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suf = "st"
		case 2:
			suf = "nd"
		case 3:
			suf = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suf)
}
