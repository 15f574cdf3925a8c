// Package model holds Convene's domain types, their validation and the one
// error type every layer speaks. It imports no database and no net/http.
package model

import (
	"errors"
	"fmt"
	"sort"
)

// Code classifies an Error; the web layer maps each code to one HTTP status.
type Code string

const (
	Invalid      Code = "invalid"
	NotFound     Code = "not_found"
	Conflict     Code = "conflict"
	Forbidden    Code = "forbidden"
	Unauthorized Code = "unauthorized"
	TooMany      Code = "too_many"
)

// Error is safe to show a user. Key names a message in the catalogs
// (so it can be said in Chinese or English); Fields holds field-level
// message keys for forms and JSON bodies.
type Error struct {
	Code   Code
	Key    string
	Fields map[string]string
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Key)
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := fmt.Sprintf("%s: %s", e.Code, e.Key)
	for _, k := range keys {
		s += fmt.Sprintf(" %s=%s", k, e.Fields[k])
	}
	return s
}

// Errorf is the one constructor of Error: a code, a message key and,
// optionally, field problems as pairs of field and message key
// (Errorf(Invalid, "err.invalid", "venue_id", "err.choice")).
func Errorf(code Code, key string, fieldKeys ...string) *Error {
	e := &Error{Code: code, Key: key}
	if len(fieldKeys) > 0 {
		e.Fields = make(map[string]string, len(fieldKeys)/2)
		for i := 0; i+1 < len(fieldKeys); i += 2 {
			e.Fields[fieldKeys[i]] = fieldKeys[i+1]
		}
	}
	return e
}

// ErrNotFound is returned (wrapped) when a thing does not exist; never nil, nil.
func ErrNotFound(what string) *Error { return Errorf(NotFound, "err.not_found."+what) }

// AsError is the one accessor: the first *Error in err's chain, or nil for
// internal errors (and nil err). Never assert err.(*Error): errors are wrapped.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// ErrorCode returns the Code of the first *Error in err's chain, or "" for
// internal errors that must not be shown.
func ErrorCode(err error) Code {
	if e := AsError(err); e != nil {
		return e.Code
	}
	return ""
}

// FieldsOf are the field problems of err's Error, or nil.
func FieldsOf(err error) map[string]string {
	if e := AsError(err); e != nil {
		return e.Fields
	}
	return nil
}

// Merge adds err's field problems to p (first problem per field wins) and
// reports whether err carried any; the one copy of the loop that forms and
// JSON inputs need when two validations meet.
func (p Problems) Merge(err error) bool {
	f := FieldsOf(err)
	for k, v := range f {
		p.Add(k, v)
	}
	return len(f) > 0
}

// IsNotFound reports whether err is a not-found Error.
func IsNotFound(err error) bool { return ErrorCode(err) == NotFound }

// Problems collects field-level validation messages.
type Problems map[string]string

// Add records the first problem of a field; later ones for the same field are
// dropped so a form shows one message per field.
func (p Problems) Add(field, key string) {
	if _, ok := p[field]; !ok {
		p[field] = key
	}
}

// Err returns nil when there are no problems, else an Invalid Error.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Key: "err.invalid", Fields: map[string]string(p)} // the constructor's pairs would copy the map
}
