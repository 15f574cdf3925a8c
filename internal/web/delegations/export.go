package delegations

import (
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/store"
)

var exportHeader = []string{"delegation_id", "name", "name_zh", "province", "members", "projects", "dockings", "negotiations",
	"preliminary_agreements", "cooperative_intentions", "contract_intentions", "signed", "job_demands", "applications", "exhibits",
	"booth_requests", "booth_m2"}

func writeFigures(w http.ResponseWriter, name string, l []store.DelegationFigures) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write([]byte("\xef\xbb\xbf")) // a BOM, so spreadsheets read UTF-8
	cw := csv.NewWriter(w)
	cw.Write(exportHeader)
	n := strconv.Itoa
	for _, f := range l {
		cw.Write([]string{strconv.FormatInt(f.OrgID, 10), f.Name, f.NameZH, f.Province, n(f.Members), n(f.Projects), n(f.Dockings), n(f.Negotiations),
			n(f.Agreements), n(f.Cooperative), n(f.Contracts), n(f.Signed), n(f.Posts), n(f.Applications), n(f.Exhibits),
			n(f.BoothAsks), strconv.FormatFloat(f.BoothM2, 'f', -1, 64)})
	}
	cw.Flush()
}

// exportOwn: the delegation's own figures as CSV.
func (a *Area) exportOwn(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadOwn(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	writeFigures(w, "delegation-figures.csv", []store.DelegationFigures{d.Figures})
}

// exportAll: every delegation's figures as CSV (organizers).
func (a *Area) exportAll(w http.ResponseWriter, r *http.Request) {
	l, err := a.loadAll(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	writeFigures(w, "delegations-figures.csv", l)
}
