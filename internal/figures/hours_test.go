package figures_test

import (
	"regexp"
	"testing"

	"github.com/convene/convene/internal/figures"
	"github.com/convene/convene/internal/store/storetest"
)

// TestApplicationsByHour: the applications of the edition's days fall in
// hour buckets of the edition's time zone, one per hour with any, adding
// up to the generator's; on SQLite every one once fell in a bucket "" (its
// stored times are not in a form strftime reads).
func TestApplicationsByHour(t *testing.T) {
	hour := regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:00$`)
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			c, s := loadGen(t, b.Open(t), 2017, 0.05)
			start, close := figures.Window(s.Edition)
			want := map[string]int{}
			for _, a := range c.Applications {
				if !a.CreatedAt.Before(start) && a.CreatedAt.Before(close) {
					want[a.CreatedAt.In(start.Location()).Format("2006-01-02 15:00")]++
				}
			}
			rows := s.Get("applications.by_hour").Rows
			if len(rows) != len(want) || len(rows) < 2 {
				t.Fatalf("%d hours, want %d: %v", len(rows), len(want), rows)
			}
			for _, r := range rows {
				if !hour.MatchString(r.Key) || int(r.Value) != want[r.Key] {
					t.Errorf("hour %q: %v, want %d", r.Key, r.Value, want[r.Key])
				}
			}
		})
	}
}
