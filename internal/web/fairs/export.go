package fairs

import (
	"net/http"
	"strconv"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/postio"
	"github.com/convene/convene/internal/store"
)

// exportPage is how many rows each store read of an export takes.
const exportPage = 200

func (a *Area) importTemplate(w http.ResponseWriter, r *http.Request) {
	a.SendXLSX(w, r, "convene-posts-template.xlsx", postio.Template())
}

// exportPosts is the enterprise's posts, or every post for organizers.
func (a *Area) exportPosts(w http.ResponseWriter, r *http.Request) {
	var all []model.Post
	for off := 0; ; off += exportPage {
		l, err := a.DB.ListPosts(r.Context(), store.PostFilter{OrgID: scopeOrg(r), Limit: exportPage, Offset: off})
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		all = append(all, l...)
		if len(l) < exportPage {
			break
		}
	}
	a.SendXLSX(w, r, "convene-posts.xlsx", postio.PostSheet(all))
}

// exportApplications is the inbox with its filters, every page of it, with
// headers and values in the user's language.
func (a *Area) exportApplications(w http.ResponseWriter, r *http.Request) {
	f, err := inboxFilter(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "", nil)
	sheet := postio.Sheet{Name: "applications", Header: []string{"id", v.T("field.post"), "post_id", v.T("inbox.talent"), "talent_id",
		v.T("field.degree"), v.T("field.channel"), v.T("field.status"), v.T("field.date"), "cv"}}
	for off := 0; ; off += exportPage {
		f.Limit, f.Offset = exportPage, off
		rows, err := a.DB.Inbox(r.Context(), f)
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		for _, x := range rows {
			cv := ""
			if x.TalentHasCV {
				cv = "/cv/" + strconv.FormatInt(x.TalentID, 10)
			}
			sheet.Rows = append(sheet.Rows, []any{x.ID, x.PostTitle, x.PostID, x.TalentName, x.TalentID, v.T("degree." + string(x.TalentDegree)),
				v.T("channel." + string(x.Channel)), v.T("app." + string(x.Status)), x.CreatedAt.UTC().Format(time.DateTime), cv})
		}
		if len(rows) < exportPage {
			break
		}
	}
	a.SendXLSX(w, r, "convene-applications.xlsx", sheet)
}
