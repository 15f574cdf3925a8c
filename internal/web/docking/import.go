package docking

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/postio"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/request"
)

// importSources are where imported projects come from: each is brought by
// an organization (a talent's project has its talent, who creates it).
var importSources = []model.ProjectSource{model.SourceDelegation, model.SourceExpert, model.SourceContest}

type importData struct {
	Sources  []model.ProjectSource
	Orgs     []model.Organization
	Rows     []string // problems, said in the user's language
	Count    int
	Unmapped []string // after an import: fields kept as typed that the vocabulary does not know, by row
}

// importData is the form's data; rows are a refused file's problems.
func (a *Area) importData(r *http.Request, rows []string) (importData, error) {
	orgs, err := a.DB.ListOrganizations(r.Context(), store.OrgFilter{Status: model.OrgApproved, Limit: 1000})
	delegationsFirst := func(o model.Organization) int {
		if o.Kind == model.OrgDelegation {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(orgs, func(x, y model.Organization) int { return cmp.Compare(delegationsFirst(x), delegationsFirst(y)) })
	return importData{Sources: importSources, Orgs: orgs, Rows: rows}, err
}

// importForm: organizers import projects from XLSX or CSV for an
// organization (a delegation, or the one behind an expert program).
func (a *Area) importForm(w http.ResponseWriter, r *http.Request) {
	d, err := a.importData(r, nil)
	a.Render.Show(w, r, "docking_import", "docking.import", d, err)
}

// importProjects checks the whole file and imports all of its projects or
// none; a refused file re-shows the form with every problem. An imported
// file with fields the vocabulary does not know re-shows the form too,
// saying them by row, rather than lose them in a redirect.
func (a *Area) importProjects(w http.ResponseWriter, r *http.Request) {
	n, notices, err := a.doImport(r)
	if err == nil && len(notices) > 0 {
		d, err := a.importData(r, nil)
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		v := a.Render.View(r, "docking.import", nil)
		d.Count = n
		for _, nt := range notices {
			d.Unmapped = append(d.Unmapped, v.T("docking.import_unmapped_row", nt.Row, v.T("project."+nt.Column), nt.Value))
		}
		v.Data, v.Flash = d, v.T("flash.docking.imported")
		a.Render.Page(w, r, http.StatusOK, "docking_import", v)
		return
	}
	imp := area.Import{Page: "docking_import", Title: "docking.import", Flash: "flash.docking.imported", Next: "/dockings/funnel?imported=" + strconv.Itoa(n)}
	a.Imported(w, r, imp, err, func(rows []string) (any, error) { return a.importData(r, rows) })
}

// doImport imports a file's projects and lists the fields it kept as
// typed because the vocabulary does not know them.
func (a *Area) doImport(r *http.Request) (int, []postio.Notice, error) {
	ed, err := a.Edition(r)
	if err != nil {
		return 0, nil, err
	}
	data, orgID, err := a.ImportUpload(r, "")
	pr := model.Problems{}
	if !pr.Merge(err) && err != nil {
		return 0, nil, err
	}
	base := model.Project{EditionID: ed.ID, Source: model.ProjectSource(r.FormValue("source"))}
	if !slices.Contains(importSources, base.Source) {
		pr.Add("source", "err.choice")
	}
	base.OrgID = &orgID
	if err := pr.Err(); err != nil {
		return 0, nil, err
	}
	ps, notices, errs := postio.ParseProjectsNoticed(data, base)
	if errs != nil {
		return 0, nil, errs.Invalid()
	}
	if err := a.DB.ImportProjects(r.Context(), ps, request.User(r).ID); err != nil {
		return 0, nil, err
	}
	return len(ps), notices, nil
}

// importTemplate is the project file template.
func (a *Area) importTemplate(w http.ResponseWriter, r *http.Request) {
	a.SendXLSX(w, r, "projects-template.xlsx", postio.ProjectTemplate())
}
