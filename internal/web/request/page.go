package request

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
)

// API lists serve ?limit= rows (DefaultLimit when absent, at most MaxLimit)
// from ?offset= (0 when absent).
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Page reads an API list's ?limit= and ?offset=. A limit outside
// 1..MaxLimit or a negative offset (or either not a number) is refused with
// a 422 naming the field, rather than quietly served as another page: a
// client asking for 500 rows and given 50 would take them for the end.
func Page(r *http.Request) (limit, offset int, err error) {
	q := r.URL.Query()
	limit, offset = DefaultLimit, 0
	var fields []string
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		switch {
		case err != nil:
			fields = append(fields, "limit", "err.number")
		case n < 1 || n > MaxLimit:
			fields = append(fields, "limit", "err.range")
		default:
			limit = n
		}
	}
	if s := q.Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		switch {
		case err != nil:
			fields = append(fields, "offset", "err.number")
		case n < 0:
			fields = append(fields, "offset", "err.range")
		default:
			offset = n
		}
	}
	if fields != nil {
		return 0, 0, model.Errorf(model.Invalid, "err.invalid", fields...)
	}
	return limit, offset, nil
}
