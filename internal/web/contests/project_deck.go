package contests

import (
	"errors"
	"mime"
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// deckBody is the limit of a deck upload: the PDF (model.MaxCVSize, the
// CVs' limit) and the form around it.
const deckBody = model.MaxCVSize + 1<<20

// deckUpload stores or replaces the project's pitch deck from its edit
// page (the file field "file"), checked as CVs are (model.CheckDeck runs
// model.CheckPDF); a refused file re-shows the edit page with the problem.
func (a *Area) deckUpload(w http.ResponseWriter, r *http.Request) {
	p, err := a.ownProject(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	b, err := request.Upload(r)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		err = model.Errorf(model.Invalid, "err.invalid", "deck", "err.deck_too_large")
	case model.FieldsOf(err)["file"] != "":
		err = model.Errorf(model.Invalid, "err.invalid", "deck", "err.deck_required")
	case err == nil:
		name := "deck.pdf"
		if fh := r.MultipartForm.File["file"]; len(fh) > 0 {
			name = model.SafeFileName(fh[0].Filename, ".pdf", name)
		}
		err = a.DB.SaveDeck(r.Context(), &model.Deck{ProjectID: p.ID, Name: name, Content: b}, request.User(r).ID)
	}
	if me := model.AsError(err); me != nil && (me.Code == model.Invalid || me.Code == model.Conflict) {
		v := a.Render.View(r, "project.edit", editData(p))
		request.EncodeForm(v.Form, editInputOf(p))
		v.Errors, v.Flash = me.Fields, a.Render.T(v.L, me.Key)
		a.Render.Page(w, r, render.Status(err), "project_edit", v)
		return
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	back(w, r, "/projects/"+itoa(p.ID)+"/edit", "flash.project.deck_saved")
}

// deckDownload serves the project's deck to whoever may see the project,
// as an attachment (a PDF from outside is not rendered in our origin).
func (a *Area) deckDownload(w http.ResponseWriter, r *http.Request) {
	p, err := a.visibleProject(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d, err := a.DB.Deck(r.Context(), p.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Length", strconv.FormatInt(d.Size, 10))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{
		"filename": model.SafeFileName(d.Name, ".pdf", "deck-"+itoa(p.ID)+".pdf")}))
	h.Set("Cache-Control", "private, no-store")
	h.Set("ETag", `"`+d.SHA256+`"`)
	w.Write(d.Content)
}
