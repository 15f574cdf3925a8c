package schedule

import "fmt"

// ErrorCode classifies an input error.
type ErrorCode string

const (
	// CodeInvalid: a value is malformed (empty id, inverted window, bad kind).
	CodeInvalid ErrorCode = "invalid"
	// CodeNotFound: an id refers to nothing in the instance.
	CodeNotFound ErrorCode = "not_found"
	// CodeConflict: values contradict each other (duplicate ids, overlapping
	// windows, locked assignments that break a constraint).
	CodeConflict ErrorCode = "conflict"
)

// Error reports a problem with the input. Message only repeats ids and
// field names from the input, so it is safe to show the organizer.
type Error struct {
	Code    ErrorCode `json:"code"`
	Field   string    `json:"field"` // path into the Instance, e.g. "requests[3].participants[1]"
	Message string    `json:"message"`
}

func (e *Error) Error() string {
	return fmt.Sprintf("schedule: %s: %s: %s", e.Code, e.Field, e.Message)
}

func errorf(code ErrorCode, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}
