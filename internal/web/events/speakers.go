package events

import (
	"bytes"
	"errors"
	"image"
	_ "image/jpeg" // photos are JPEG or PNG
	_ "image/png"
	"io"
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type speakersData struct {
	Speakers []store.Speaker
	Edit     store.Speaker // the form's values: ?id= fills it, a refused save keeps them
}

// speakersPage: organizers keep speakers' profiles (affiliation, bio in
// each language, photo); an event naming a speaker shows the profile.
func (a *Area) speakersPage(w http.ResponseWriter, r *http.Request) {
	d, err := a.speakers(r)
	a.Render.Show(w, r, "ev_speakers", "events.speakers_title", d, err)
}

func (a *Area) speakers(r *http.Request) (speakersData, error) {
	ed, err := a.Edition(r)
	if err != nil {
		return speakersData{}, err
	}
	l, err := a.DB.Speakers(r.Context(), ed.ID)
	d := speakersData{Speakers: l}
	if id, _ := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64); id > 0 {
		for _, s := range l {
			if s.ID == id {
				d.Edit = s
			}
		}
	}
	return d, err
}

// speakerSave adds a profile, or changes the one whose id the form names;
// a photo that is not a JPEG or PNG image of sensible size is refused
// with the form, nothing saved.
func (a *Area) speakerSave(w http.ResponseWriter, r *http.Request) {
	ed, err := a.Edition(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if err := r.ParseMultipartForm(store.MaxPhoto); err != nil {
		var mbe *http.MaxBytesError
		if !errors.As(err, &mbe) {
			err = model.Errorf(model.Invalid, "err.form")
		}
		a.Render.Fail(w, r, err)
		return
	}
	s := store.Speaker{EditionID: ed.ID, Name: r.FormValue("name"), NameZH: r.FormValue("name_zh"), Affiliation: r.FormValue("affiliation"),
		Bio: r.FormValue("bio"), BioZH: r.FormValue("bio_zh")}
	if v := r.FormValue("id"); v != "" {
		if s.ID, err = strconv.ParseInt(v, 10, 64); err != nil || s.ID <= 0 {
			a.Render.Fail(w, r, model.Errorf(model.Invalid, "err.invalid", "id", "err.invalid"))
			return
		}
	}
	photo, typ, err := readPhoto(r)
	if err == nil {
		err = a.DB.SaveSpeaker(r.Context(), &s, photo, typ)
	}
	if err != nil {
		d, derr := a.speakers(r)
		if derr != nil {
			a.Render.Fail(w, r, derr)
			return
		}
		d.Edit = s // what was typed comes back with the problems
		a.Render.FormError(w, r, "ev_speakers", "events.speakers_title", err, d)
		return
	}
	render.SetFlash(w, "flash.speaker.saved")
	http.Redirect(w, r, "/admin/speakers", http.StatusSeeOther)
}

// readPhoto is the form's optional photo: a JPEG or PNG (by its content,
// not its name) that decodes, at most 4096 pixels a side and MaxPhoto.
func readPhoto(r *http.Request) ([]byte, string, error) {
	f, _, err := r.FormFile("photo")
	if errors.Is(err, http.ErrMissingFile) {
		return nil, "", nil
	}
	bad := model.Errorf(model.Invalid, "err.invalid", "photo", "events.err_photo")
	if err != nil {
		return nil, "", bad
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, store.MaxPhoto+1))
	if err != nil || len(b) == 0 || len(b) > store.MaxPhoto {
		return nil, "", bad
	}
	typ := http.DetectContentType(b)
	if typ != "image/jpeg" && typ != "image/png" {
		return nil, "", bad
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width < 1 || cfg.Height < 1 || cfg.Width > 4096 || cfg.Height > 4096 {
		return nil, "", bad
	}
	return b, typ, nil
}

// speakerPhoto serves a profile's photo, as stored (a checked JPEG or PNG).
func (a *Area) speakerPhoto(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	b, typ, err := a.DB.SpeakerPhoto(r.Context(), id)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", typ)
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(b)
}

// speakerView is an event's speaker: their profile when one has the name.
type speakerView struct {
	Name    string
	Profile *store.Speaker
}

// profiles pairs an event's speakers with the edition's profiles, by
// either language's name.
func profiles(names []string, l []store.Speaker) []speakerView {
	by := map[string]*store.Speaker{}
	for i := range l {
		by[l[i].Name] = &l[i]
		if l[i].NameZH != "" {
			by[l[i].NameZH] = &l[i]
		}
	}
	out := make([]speakerView, len(names))
	for i, n := range names {
		out[i] = speakerView{Name: n, Profile: by[n]}
	}
	return out
}
