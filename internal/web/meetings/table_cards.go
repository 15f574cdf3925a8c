package meetings

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type cardsData struct {
	Edition model.Edition
	Cards   []store.TableCard
}

// tableCards prints one card per table, for all venues or ?venue_id=.
func (a *Area) tableCards(w http.ResponseWriter, r *http.Request) {
	e, err := a.Edition(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	cards, err := a.DB.TableCards(r.Context(), e.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var keep []store.TableCard
	venue := int64(request.QueryInt(r, "venue_id"))
	for _, c := range cards {
		if venue == 0 || (c.VenueID != nil && *c.VenueID == venue) {
			keep = append(keep, c)
		}
	}
	a.Render.Page(w, r, http.StatusOK, "table_cards", a.Render.View(r, "meetings.cards_title", cardsData{e, keep}))
}
