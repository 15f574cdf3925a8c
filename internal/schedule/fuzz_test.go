package schedule_test

import (
	"encoding/json"
	"errors"
	"io"
	"testing"

	"github.com/convene/convene/internal/schedule"
	"github.com/convene/convene/internal/schedule/validate"
)

// FuzzValidate feeds instances decoded from JSON (the form the web layer
// receives) to Validate. Whatever the input, Validate must not panic and
// must return either nil or a *schedule.Error with a code, a field and a
// message; when it returns nil, the engine must produce a schedule the
// independent validator accepts. Seed corpus: testdata/fuzz/FuzzValidate.
func FuzzValidate(f *testing.F) {
	for _, inst := range []schedule.Instance{base(), generated(f, "negotiation", 1, 1)} {
		b, err := json.Marshal(inst)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var inst schedule.Instance
		if json.Unmarshal(data, &inst) != nil {
			return
		}
		err := schedule.Validate(inst)
		if err != nil {
			var e *schedule.Error
			if !errors.As(err, &e) || e.Code == "" || e.Field == "" || e.Message == "" {
				t.Fatalf("Validate returned %#v", err)
			}
			return
		}
		if err := schedule.WriteLP(io.Discard, inst); err != nil {
			t.Fatalf("WriteLP on a valid instance: %v", err)
		}
		if len(inst.Requests) > 40 || len(inst.Slots) > 40 || len(inst.Participants) > 80 {
			return // keep each run short; big inputs still went through Validate
		}
		res, err := schedule.Schedule(inst)
		if err != nil {
			t.Fatalf("Schedule on a valid instance: %v", err)
		}
		if v := validate.Result(inst, res); len(v) > 0 {
			t.Fatalf("invalid schedule: %v", v[0])
		}
	})
}
