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

// Errorf builds an Error with a message key.
func Errorf(code Code, key string) *Error { return &Error{Code: code, Key: key} }

// ErrNotFound is returned (wrapped) when a thing does not exist; never nil, nil.
func ErrNotFound(what string) *Error { return &Error{Code: NotFound, Key: "err.not_found." + what} }

// ErrorCode returns the Code of the first *Error in err's chain, or "" for
// internal errors that must not be shown.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
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
	return &Error{Code: Invalid, Key: "err.invalid", Fields: map[string]string(p)}
}
