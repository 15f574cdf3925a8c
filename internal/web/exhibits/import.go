package exhibits

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/postio"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/request"
)

type importData struct {
	Orgs []model.Organization // who may show exhibits: approved organizations, parks first
	Rows []string             // problems, said in the user's language
}

// importData is the form's data; rows are a refused file's problems.
func (a *Area) importData(r *http.Request, rows []string) (importData, error) {
	orgs, err := a.DB.ListOrganizations(r.Context(), store.OrgFilter{Status: model.OrgApproved, Limit: 1000})
	parksFirst := func(o model.Organization) int {
		if o.Kind == model.OrgPark {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(orgs, func(x, y model.Organization) int { return parksFirst(x) - parksFirst(y) })
	return importData{Orgs: orgs, Rows: rows}, err
}

// importForm: organizers import exhibits from XLSX or CSV, shown by an
// organization (a park, a research institute's delegation, …).
func (a *Area) importForm(w http.ResponseWriter, r *http.Request) {
	d, err := a.importData(r, nil)
	a.Render.Show(w, r, "exhibits_import", "exhibits.import", d, err)
}

// importExhibits checks the whole file, then its owners and booths, and
// imports all of its exhibits or none; a refused file re-shows the form
// with every problem.
func (a *Area) importExhibits(w http.ResponseWriter, r *http.Request) {
	n, err := a.doImport(r)
	imp := area.Import{Page: "exhibits_import", Title: "exhibits.import", Flash: "flash.exhibits.imported", Next: "/exhibits?imported=" + strconv.Itoa(n)}
	a.Imported(w, r, imp, err, func(rows []string) (any, error) { return a.importData(r, rows) })
}

func (a *Area) doImport(r *http.Request) (int, error) {
	ed, err := a.Edition(r)
	if err != nil {
		return 0, err
	}
	data, orgID, err := a.ImportUpload(r, "")
	if err != nil {
		return 0, err
	}
	xs, errs := postio.ParseExhibits(data)
	if errs != nil {
		return 0, errs.Invalid()
	}
	return len(xs), a.DB.ImportExhibits(r.Context(), ed.ID, orgID, xs, request.User(r).ID)
}

// importTemplate is the exhibit file template.
func (a *Area) importTemplate(w http.ResponseWriter, r *http.Request) {
	a.SendXLSX(w, r, "exhibits-template.xlsx", postio.ExhibitTemplate())
}
