package video

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// linkIn is an external meeting system's URL for a video room ("" for the
// built-in room).
type linkIn struct {
	URL string `json:"url"`
}

// checkLink accepts an http(s) URL with a host, or "".
func checkLink(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(s) > 500 || request.BadText(s) {
		return "", model.Errorf(model.Invalid, "err.invalid", "url", "err.video.url")
	}
	return u.String(), nil
}

// setLink is the one operation behind the admin form and the API.
func (a *Area) setLink(r *http.Request, raw string) error {
	id, err := request.PathID(r)
	if err != nil {
		return err
	}
	link, err := checkLink(raw)
	if err != nil {
		return err
	}
	return a.DB.SetVideoLink(r.Context(), id, link)
}

type adminData struct {
	Rooms   []adminRoom
	Figures []store.VideoFigure
	Total   store.VideoFigure
}

type adminRoom struct {
	store.TableView
	URL string
}

// adminPage lists the edition's video rooms with their external links.
func (a *Area) adminPage(w http.ResponseWriter, r *http.Request) {
	e, err := a.Edition(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	tables, err := a.DB.ListMeetingTables(r.Context(), e.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	links, err := a.DB.VideoLinks(r.Context(), e.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var d adminData
	if d.Figures, err = a.DB.VideoFigures(r.Context(), e.ID, a.now(), closeAfter); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	for _, f := range d.Figures {
		d.Total.Meetings += f.Meetings
		d.Total.Held += f.Held
		d.Total.Minutes += f.Minutes
		d.Total.NoShows += f.NoShows
		d.Total.Upcoming += f.Upcoming
	}
	for _, t := range tables {
		if t.Video {
			d.Rooms = append(d.Rooms, adminRoom{TableView: t, URL: links[t.ID]})
		}
	}
	v := a.Render.View(r, "video.admin", d)
	a.Render.Page(w, r, http.StatusOK, "video_admin", v)
}

func (a *Area) adminLink(w http.ResponseWriter, r *http.Request) {
	if err := request.Form(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if err := a.setLink(r, r.PostFormValue("url")); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "video.link_saved")
	http.Redirect(w, r, "/admin/video", http.StatusSeeOther)
}

func (a *Area) apiLink(w http.ResponseWriter, r *http.Request) {
	var in linkIn
	if err := request.ReadJSON(r, &in); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	err := a.setLink(r, in.URL)
	render.Answer(a.Render, w, r, http.StatusOK, in, err, func(in linkIn) linkIn { return linkIn{URL: strings.TrimSpace(in.URL)} })
}
