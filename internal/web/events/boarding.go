package events

import (
	"net/http"

	"github.com/convene/convene/internal/seating"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type boardingData struct {
	Event   store.EventInfo
	Coaches []coachList
	Left    []store.Boarder // registered beyond the coaches' seats
}

type coachList struct {
	N      int // 1, 2, …
	People []store.Boarder
}

// boardingPage: a field study's boarding list per coach, for organizers to
// print: its registered people, each organization's members together on
// one coach where one has room for them all.
func (a *Area) boardingPage(w http.ResponseWriter, r *http.Request) {
	d, err := a.boarding(r)
	a.Render.Show(w, r, "ev_boarding", "events.boarding", d, err)
}

func (a *Area) boarding(r *http.Request) (boardingData, error) {
	id, err := request.PathID(r)
	if err != nil {
		return boardingData{}, err
	}
	d := boardingData{}
	if d.Event, err = a.DB.EventInfo(r.Context(), id); err != nil {
		return d, err
	}
	bs, err := a.DB.Boarders(r.Context(), id)
	if err != nil {
		return d, err
	}
	byID := map[int64]store.Boarder{}
	for _, b := range bs {
		byID[b.UserID] = b
	}
	groups := store.BoardingGroups(bs)
	coaches, left := seating.Coaches(groups, d.Event.Coaches, d.Event.CoachSeats)
	for i, c := range coaches {
		l := coachList{N: i + 1}
		for _, u := range c {
			l.People = append(l.People, byID[u])
		}
		d.Coaches = append(d.Coaches, l)
	}
	for _, u := range left {
		d.Left = append(d.Left, byID[u])
	}
	return d, nil
}
