package schedule_test

import (
	"slices"
	"testing"

	"github.com/convene/convene/internal/schedule"
)

func TestAgenda(t *testing.T) {
	inst := schedule.Instance{Slots: slots(3), Resources: []schedule.Resource{table("t1", "north"), table("t2", "north")},
		Participants: people("a", "b", "c", "d"),
		Requests:     []schedule.Request{req("r1", 1, "a", "b"), req("r2", 2, "c", "a", "d"), req("r3", 1, "b", "c")}}
	as := []schedule.Assignment{at3("r2", "s2", "t1"), at3("r1", "s0", "t2"), at3("r3", "s2", "t2"), at3("rX", "s1", "t1")}
	got := schedule.Agenda(inst, as, "a")
	if len(got) != 2 {
		t.Fatalf("got %d items, want 2: %+v", len(got), got)
	}
	cases := []struct {
		i        int
		request  string
		resource string
		with     []string
	}{
		{0, "r1", "t2", []string{"b"}},
		{1, "r2", "t1", []string{"c", "d"}},
	}
	for _, tc := range cases {
		it := got[tc.i]
		if it.Request != tc.request || it.Resource != tc.resource || !slices.Equal(it.With, tc.with) {
			t.Fatalf("item %d = %+v, want %s on %s with %v", tc.i, it, tc.request, tc.resource, tc.with)
		}
		if it.End.Sub(it.Start) != 30*60e9 || it.Venue != "north" || it.Kind != schedule.KindTable {
			t.Fatalf("item %d = %+v: wrong slot or resource details", tc.i, it)
		}
	}
	if n := len(schedule.Agenda(inst, as, "nobody")); n != 0 {
		t.Fatalf("agenda of an unknown participant has %d items", n)
	}
}
