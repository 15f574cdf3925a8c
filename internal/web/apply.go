package web

import (
	"net/http"

	"github.com/convene/convene/internal/model"
)

type applyInput struct {
	Channel string `json:"channel"` // pc, mobile or scan
}

type applyJ struct {
	Application applicationJ `json:"application"`
	Created     bool         `json:"created"` // false: the talent had applied already
}

// apiApply records the signed-in talent's application to a post. Applying
// twice answers 200 with the first application; a new one answers 201.
func (s *Server) apiApply(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in applyInput
	if err := readJSON(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := s.store.TalentByUser(r.Context(), currentUser(r).ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, created, err := s.apply(r.Context(), t.ID, id, model.Channel(in.Channel))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	code := http.StatusOK
	if created {
		code = http.StatusCreated
	}
	writeJSON(w, code, applyJ{applicationJSON(a), created})
}
