package ics

import (
	"strings"
	"testing"
	"time"
)

func TestICSFolding(t *testing.T) {
	long := strings.Repeat("会议", 40)
	for _, in := range []string{"SUMMARY:short", "SUMMARY:" + strings.Repeat("x", 200), "SUMMARY:" + long} {
		out := fold(in)
		var joined string
		for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Fatalf("line of %d octets", len(l))
			}
			if i > 0 {
				l = strings.TrimPrefix(l, " ")
			}
			joined += l
		}
		if joined != in {
			t.Fatalf("unfolded %q, want %q", joined, in)
		}
	}
}

// TestCalendar: the calendar escapes TEXT values and writes times in UTC.
func TestCalendar(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	start := time.Date(2026, 12, 20, 9, 30, 0, 0, cst)
	out := string(Calendar("Test", start, []Event{{UID: "x-1@h", Start: start, End: start.Add(time.Hour),
		Summary: "Talk; a, b", Location: "Hall A\nB"}}))
	for _, want := range []string{"PRODID:-//Convene//Test//EN\r\n", "DTSTART:20261220T013000Z\r\n",
		"SUMMARY:Talk\\; a\\, b\r\n", "LOCATION:Hall A\\nB\r\n", "UID:x-1@h\r\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "DESCRIPTION") {
		t.Error("an empty description is written")
	}
}
