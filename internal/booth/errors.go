package booth

import (
	"fmt"
	"strings"
)

// ErrorCode classifies an input error.
type ErrorCode string

// Error codes.
const (
	CodeInvalid  ErrorCode = "invalid"   // a value is malformed
	CodeNotFound ErrorCode = "not_found" // an id names nothing in the instance
	CodeConflict ErrorCode = "conflict"  // values contradict each other
)

// Error reports one problem with the input. Message repeats only ids and
// field names from the input, so it is safe to show the organizer.
type Error struct {
	Code    ErrorCode `json:"code"`
	Field   string    `json:"field"` // path into the Instance, e.g. "booths[3].adjacent[1]"
	Message string    `json:"message"`
}

func (e *Error) Error() string { return fmt.Sprintf("booth: %s: %s: %s", e.Code, e.Field, e.Message) }

// Errors is every problem found in one instance; nothing is allocated.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

func errorf(code ErrorCode, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}
