package events

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/postio"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/request"
)

// importColumns are an events file's columns, named as the API's fields;
// times are local to the edition ("2017-12-17 14:00").
var importColumns = []string{"kind", "title", "title_zh", "abstract", "abstract_zh", "topics", "speakers", "room",
	"starts_at", "ends_at", "capacity", "audience", "hold_minutes"}

var importAliases = map[string]string{
	"类型": "kind", "名称": "title", "英文名称": "title", "中文名称": "title_zh", "简介": "abstract", "中文简介": "abstract_zh",
	"主题": "topics", "嘉宾": "speakers", "演讲嘉宾": "speakers", "地点": "room", "会场": "room", "开始时间": "starts_at",
	"结束时间": "ends_at", "容量": "capacity", "人数": "capacity", "对象": "audience", "保留分钟": "hold_minutes",
}

// parseEvents checks a whole file: every row is an event as the form would
// make it (apply), or every problem comes back by row and column.
func parseEvents(data []byte, ed model.Edition) ([]store.EventInfo, error) {
	rows, errs := postio.ReadTable(data, importColumns, importAliases, "title")
	if errs != nil {
		return nil, errs.Invalid()
	}
	var out []store.EventInfo
	for _, row := range rows {
		c := row.Cell
		in := eventInput{eventText: eventText{Kind: c("kind"), Title: c("title"), TitleZH: c("title_zh"), Abstract: c("abstract"),
			AbstractZH: c("abstract_zh"), Topics: model.SplitList(c("topics")), Speakers: model.SplitList(c("speakers")), Room: c("room")},
			StartsAt: strings.Replace(c("starts_at"), " ", "T", 1), EndsAt: strings.Replace(c("ends_at"), " ", "T", 1), Audience: c("audience")}
		pr := model.Problems{}
		for name, dst := range map[string]*int{"capacity": &in.Capacity, "hold_minutes": &in.HoldMinutes} {
			if s := c(name); s != "" {
				n, err := strconv.Atoi(s)
				if err != nil {
					pr.Add(name, "err.number")
				}
				*dst = n
			}
		}
		var e store.EventInfo
		pr.Merge(in.apply(&e, ed))
		errs = row.Problems(errs, pr, importColumns)
		out = append(out, e)
	}
	if errs != nil {
		return nil, errs.Invalid()
	}
	return out, nil
}

type importData struct {
	Rows []string // problems, said in the user's language
}

func (a *Area) importForm(w http.ResponseWriter, r *http.Request) {
	a.Render.Page(w, r, http.StatusOK, "ev_import", a.Render.View(r, "events.import", importData{}))
}

// importEvents imports all of a file's events or none; a refused file
// re-shows the form with every problem.
func (a *Area) importEvents(w http.ResponseWriter, r *http.Request) {
	n, err := a.doImport(r)
	imp := area.Import{Page: "ev_import", Title: "events.import", Flash: "flash.events.imported", Next: "/admin/events?imported=" + strconv.Itoa(n)}
	a.Imported(w, r, imp, err, func(rows []string) (any, error) {
		return importData{Rows: rows}, nil
	})
}

func (a *Area) doImport(r *http.Request) (int, error) {
	ed, err := a.Edition(r)
	if err != nil {
		return 0, err
	}
	data, err := request.Upload(r)
	if err != nil {
		return 0, err
	}
	evs, err := parseEvents(data, ed)
	if err != nil {
		return 0, err
	}
	return len(evs), a.DB.ImportEvents(r.Context(), evs, request.User(r).ID)
}

// importTemplate is the events file template with one example row.
func (a *Area) importTemplate(w http.ResponseWriter, r *http.Request) {
	s := postio.Sheet{Name: "events", Header: importColumns, Rows: [][]any{{"forum", "Overseas talent and the Greater Bay Area", "海外人才与大湾区",
		"Policies and careers", "政策与职业发展", "policy, careers", "Li Wei, Anna Schmidt", "Room 201", "2017-12-17 14:00", "2017-12-17 16:00", 300, "all", 60}}}
	a.SendXLSX(w, r, "events-template.xlsx", s)
}
