package schedule_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/convene/convene/internal/schedule"
)

func TestWriteLP(t *testing.T) {
	inst := schedule.Instance{Slots: slots(3), Resources: []schedule.Resource{table("n", "north"), table("s", "south")},
		Participants: []schedule.Participant{person("a", win(0, 2)), {ID: "b", MaxMeetings: 1}, person("c")},
		Requests:     []schedule.Request{req("r1", 2, "a", "b"), req("r2", 3, "a", "c"), req("r3", 1, "b", "c")},
		Locked:       []schedule.Assignment{at3("r2", "s1", "s")},
		Options:      schedule.Options{BufferBetweenVenues: true}}
	var buf bytes.Buffer
	if err := schedule.WriteLP(&buf, inst); err != nil {
		t.Fatal(err)
	}
	lp := buf.String()
	for _, want := range []string{"Maximize", "Subject To", "Bounds", "Binary", "End", " = 1\n"} {
		if !strings.Contains(lp, want) {
			t.Fatalf("LP lacks %q:\n%s", want, lp)
		}
	}
	cases := []struct{ prefix, why string }{
		{" req", "one place per request"},
		{" person", "one meeting per person and slot"},
		{" limit", "b's limit of one"},
		{" travel", "no venue change without a free slot"},
	}
	for _, tc := range cases {
		if !strings.Contains(lp, tc.prefix) {
			t.Fatalf("no %s row (%s):\n%s", tc.prefix, tc.why, lp)
		}
	}
	// r1 has 2 slots x 2 tables, the locked r2 one variable, r3 3 x 2.
	binaries := strings.Fields(lp[strings.Index(lp, "Binary")+len("Binary") : strings.Index(lp, "End")])
	if len(binaries) != 4+1+6 {
		t.Fatalf("%d binaries, want 11: %v", len(binaries), binaries)
	}
	if err := schedule.WriteLP(&buf, schedule.Instance{Slots: []schedule.Slot{{}}}); err == nil {
		t.Fatal("WriteLP accepted an invalid instance")
	}
}
