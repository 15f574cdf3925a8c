package render

import (
	"bytes"
	"context"
	"errors"
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/request"
)

// Status is the one place an error becomes an HTTP status.
func Status(err error) int {
	switch model.ErrorCode(err) {
	case model.Invalid:
		return http.StatusUnprocessableEntity
	case model.NotFound:
		return http.StatusNotFound
	case model.Conflict:
		return http.StatusConflict
	case model.Forbidden:
		return http.StatusForbidden
	case model.Unauthorized:
		return http.StatusUnauthorized
	case model.TooMany:
		return http.StatusTooManyRequests
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// StatusClientClosed is the code logged for a request its client abandoned
// (nginx's 499): nobody reads the answer, and it is not the server's fault.
const StatusClientClosed = 499

// Fail answers with an error page or JSON error. Internal errors are logged
// in full and shown only as an apology with the request id.
func (rd *Renderer) Fail(w http.ResponseWriter, r *http.Request, err error) {
	ri := request.From(r)
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		// The client left (a navigation, a closed tab, a load run's end)
		// while its request was in a query: say so, not "internal error".
		rd.log.Info("request abandoned", "id", ri.ID, "method", r.Method, "path", r.URL.Path)
		w.WriteHeader(StatusClientClosed)
		return
	}
	code := Status(err)
	key := "err.internal"
	var fields map[string]string
	me := model.AsError(err)
	switch {
	case code == http.StatusRequestEntityTooLarge:
		key = "err.too_large"
	case code >= 500:
		rd.log.Error("internal error", "id", ri.ID, "method", r.Method, "path", r.URL.Path, "err", err)
	case me != nil:
		key, fields = me.Key, me.Fields
	}
	msg := rd.cat.T(ri.Locale, key)
	if code >= 500 {
		msg = rd.cat.T(ri.Locale, "err.internal", ri.ID)
	}
	if request.IsAPI(r) {
		tf := map[string]string{}
		for f, k := range fields {
			tf[f] = rd.cat.T(ri.Locale, k)
		}
		JSON(w, code, apiError{Error: apiErrorBody{Code: codeName(code), Message: msg, Fields: tf}, RequestID: ri.ID})
		return
	}
	v := rd.View(r, errorTitle(code), errorPage{Code: code, Message: msg, SignIn: code == http.StatusUnauthorized})
	v.Flash = msg
	v.Errors = fields
	t := rd.Template(v.L, "error")
	var buf bytes.Buffer
	if t == nil || t.ExecuteTemplate(&buf, "layout", v) != nil {
		http.Error(w, msg, code)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// errorPage is what the error page shows besides its heading: the message
// (also the flash, for pages that read it), and a way on.
type errorPage struct {
	Code    int
	Message string
	SignIn  bool
}

// errorTitle is the error page's heading by status: a refusal is not
// "something went wrong", and a missing page says so.
func errorTitle(code int) string {
	switch code {
	case http.StatusForbidden:
		return "err.title.forbidden"
	case http.StatusNotFound:
		return "err.title.not_found"
	case http.StatusUnauthorized:
		return "err.title.sign_in"
	case http.StatusUnprocessableEntity, http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		return "err.title.invalid"
	case http.StatusConflict:
		return "err.title.conflict"
	case http.StatusTooManyRequests:
		return "err.title.too_many"
	}
	return "err.title"
}

func codeName(code int) string {
	switch code {
	case 422:
		return "invalid"
	case 404:
		return "not_found"
	case 409:
		return "conflict"
	case 403:
		return "forbidden"
	case 401:
		return "unauthorized"
	case 429:
		return "too_many"
	case 413:
		return "too_large"
	case 400:
		return "bad_request"
	}
	return "internal"
}

type apiError struct {
	Error     apiErrorBody `json:"error"`
	RequestID string       `json:"request_id"`
}

type apiErrorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}
