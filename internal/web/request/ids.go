package request

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/convene/convene/internal/model"
)

// PathID is the {id} of the route's pattern; anything but a positive
// number is a page that does not exist.
func PathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, model.ErrNotFound("page")
	}
	return id, nil
}

// QueryInt is a query parameter as a number, 0 when absent or not one.
func QueryInt(r *http.Request, name string) int {
	n, _ := strconv.Atoi(r.URL.Query().Get(name))
	return n
}

// PerPage is how many rows a paginated page shows.
const PerPage = 20

// Pager is a page of a list: which page, whether there is a next one, and
// the query that made it, so links keep the filters.
type Pager struct {
	Page  int
	Next  bool
	Base  string     // the list's path, e.g. "/inbox"
	Query url.Values // the filters; "page" is replaced
}

// NewPager reads ?page= (1 when absent) for the list at base.
func NewPager(r *http.Request, base string) Pager {
	return Pager{Page: max(QueryInt(r, "page"), 1), Base: base, Query: r.URL.Query()}
}

// Limit and Offset ask the store for one row more than a page, to know
// whether another page follows.
func (p Pager) Limit() int  { return PerPage + 1 }
func (p Pager) Offset() int { return (p.Page - 1) * PerPage }

// Trim cuts rows to a page and records whether more follow.
func Trim[T any](p *Pager, rows []T) []T {
	if len(rows) > PerPage {
		p.Next = true
		return rows[:PerPage]
	}
	return rows
}

// PageURL is this list, with its filters, on page n.
func (p Pager) PageURL(n int) string {
	v := url.Values{}
	for k, l := range p.Query {
		if k != "page" && len(l) > 0 && l[0] != "" {
			v.Set(k, l[0])
		}
	}
	v.Set("page", strconv.Itoa(n))
	return p.Base + "?" + v.Encode()
}

// Prev and NextPage are the neighbouring page numbers.
func (p Pager) Prev() int     { return p.Page - 1 }
func (p Pager) NextPage() int { return p.Page + 1 }
