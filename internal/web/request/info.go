// Package request holds what handlers read from a request: who is asking
// and in which language (set once by the server's middleware), ids from
// the path, paging, and bodies decoded strictly from JSON or forms into
// the same input structs.
package request

import (
	"context"
	"net/http"
	"strings"

	"github.com/convene/convene/internal/model"
)

type ctxKey int

const infoKey ctxKey = 0

// Info is what middleware learns about a request once.
type Info struct {
	ID     string
	User   *model.User
	Token  string // session token hash, when signed in
	Locale string
	Client string // the client's address (request.Proxies.Client)
}

// From is the request's Info (an empty one in Chinese for a request the
// middleware did not see, as in unit tests).
func From(r *http.Request) *Info {
	if ri, ok := r.Context().Value(infoKey).(*Info); ok {
		return ri
	}
	return &Info{Locale: "zh"}
}

// With returns r carrying ri.
func With(r *http.Request, ri *Info) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), infoKey, ri))
}

// User is the signed-in user, or nil.
func User(r *http.Request) *model.User { return From(r).User }

// Locale is the request's language.
func Locale(r *http.Request) string { return From(r).Locale }

// OrgID is the signed-in user's organization, or 0.
func OrgID(r *http.Request) int64 {
	if u := User(r); u != nil && u.OrgID != nil {
		return *u.OrgID
	}
	return 0
}

// IsAPI tells JSON callers from browsers.
func IsAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }
