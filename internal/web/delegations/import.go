package delegations

import (
	"net/http"
	"sync"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/password"
	"github.com/convene/convene/internal/postio"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/request"
)

type importData struct {
	Delegations []model.Organization
	Rows        []string // problems, said in the user's language
	// Imported are the members just added with their first passwords,
	// shown once to the organizer to pass on.
	Imported []importedMember
}

type importedMember struct {
	Name, Email, Password string
	Lead                  bool
}

func (a *Area) importData(r *http.Request) (importData, error) {
	l, err := a.DB.ListOrganizations(r.Context(), store.OrgFilter{Kind: model.OrgDelegation, Status: model.OrgApproved, Limit: 1000})
	// Provinces in the reader's language, for display only. A province the
	// vocabulary does not know (a foreign delegation's country) is left
	// out: an <option> cannot mark its language, and the name says it.
	lang := request.Locale(r)
	for i := range l {
		if vocab.Province.Unknown(l[i].Province) {
			l[i].Province = ""
		}
		l[i].Province = vocab.Province.Label(lang, l[i].Province)
	}
	return importData{Delegations: l}, err
}

// importForm: organizers import a delegation's members from XLSX or CSV
// (?org_id= chooses the delegation).
func (a *Area) importForm(w http.ResponseWriter, r *http.Request) {
	d, err := a.importData(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "delegations.import", d)
	v.Form = r.URL.Query()
	a.Render.Page(w, r, http.StatusOK, "delegations_import", v)
}

// importMembers checks the whole file, then its addresses, and adds all
// of its members or none; a refused file re-shows the form with every
// problem. Added members' first passwords are shown on the answer, once,
// as a lead's invitation shows one.
func (a *Area) importMembers(w http.ResponseWriter, r *http.Request) {
	added, err := a.doImport(r)
	me := model.AsError(err)
	if err != nil && (me == nil || me.Code != model.Invalid) {
		a.Render.Fail(w, r, err)
		return
	}
	d, derr := a.importData(r)
	if derr != nil {
		a.Render.Fail(w, r, derr)
		return
	}
	if err != nil {
		a.ImportRefused(w, r, "delegations_import", "delegations.import", err, func(rows []string) (any, error) {
			d.Rows = rows
			return d, nil
		})
		return
	}
	d.Imported = added
	v := a.Render.View(r, "delegations.import", d)
	v.Flash, v.Form = v.T("flash.delegations.imported"), r.PostForm
	w.Header().Set("Cache-Control", "no-store") // first passwords
	a.Render.Page(w, r, http.StatusCreated, "delegations_import", v)
}

func (a *Area) doImport(r *http.Request) ([]importedMember, error) {
	data, orgID, err := a.ImportUpload(r, model.OrgDelegation)
	if err != nil {
		return nil, err
	}
	ms, errs := postio.ParseMembers(data)
	if errs != nil {
		return nil, errs.Invalid()
	}
	out := make([]importedMember, len(ms))
	hashes, herrs := make([]string, len(ms)), make([]error, len(ms))
	var wg sync.WaitGroup // password bounds how many hash at once
	for i, m := range ms {
		out[i] = importedMember{Name: m.Name, Email: m.Email, Password: firstPassword(), Lead: m.Lead}
		wg.Go(func() { hashes[i], herrs[i] = password.Hash(out[i].Password) })
	}
	wg.Wait()
	for _, err := range herrs {
		if err != nil {
			return nil, err
		}
	}
	if _, err := a.DB.ImportMembers(r.Context(), orgID, ms, hashes, request.User(r).ID); err != nil {
		return nil, err
	}
	return out, nil
}

// importTemplate is the member file template.
func (a *Area) importTemplate(w http.ResponseWriter, r *http.Request) {
	a.SendXLSX(w, r, "members-template.xlsx", postio.MemberTemplate())
}
