package web

import (
	"context"
	"net/http"

	"github.com/convene/convene/internal/model"
)

type ctxKey int

const reqKey ctxKey = 0

// reqInfo is what middleware learns about a request once.
type reqInfo struct {
	id     string
	user   *model.User
	token  string // session token hash, when signed in
	locale string
}

func info(r *http.Request) *reqInfo {
	if ri, ok := r.Context().Value(reqKey).(*reqInfo); ok {
		return ri
	}
	return &reqInfo{locale: "zh"}
}

func withInfo(r *http.Request, ri *reqInfo) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), reqKey, ri))
}

// currentUser is the signed-in user, or nil.
func currentUser(r *http.Request) *model.User { return info(r).user }
