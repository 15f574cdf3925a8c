package matching

import (
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/recview"
)

// The API's clients read lists, never null, and see only matches with a
// card (the others left since the index saw them).
func TestMatchesJSON(t *testing.T) {
	a := &Area{Deps: &area.Deps{}}
	r := httptest.NewRequest("GET", "/api/v1/me/recommendations", nil)
	ms := []match.Match{{PostID: 1, TalentID: 7, Score: 80}, {PostID: 2, TalentID: 7, Score: 70}}
	views := []recview.Rec{{PostID: 2, TalentID: 7, Title: "Analyst"}}
	b, err := json.Marshal(a.matchesJSON(r, ms, views))
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"post_id":2,"talent_id":7,"title":"Analyst","score":70,"max_score":` + itoa(match.MaxScore) +
		`,"mutual":false,"matched_skills":[],"missing_skills":[],"reasons":[]}]`
	if got := string(b); got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
	if b, _ := json.Marshal(a.matchesJSON(r, nil, nil)); string(b) != "[]" {
		t.Fatalf("no matches: got %s, want []", b)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
