package request

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
)

// Inputs are read once per operation, from a JSON body (the API) or a form
// (the pages), into the same struct, so both paths validate alike.

// ReadJSON decodes a body strictly: unknown fields, trailing data and
// oversized bodies are refused with a clear message.
func ReadJSON(r *http.Request, dst any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) && ute.Field != "" {
			// Inputs are flat, but an embedded struct's Go name leads the
			// path ("EditionFields.slug"): the form field is the last part.
			f := ute.Field[strings.LastIndexByte(ute.Field, '.')+1:]
			return model.Errorf(model.Invalid, "err.json", f, "err.type")
		}
		if strings.HasPrefix(err.Error(), "json: unknown field ") {
			f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return model.Errorf(model.Invalid, "err.json", f, "err.unknown_field")
		}
		return model.Errorf(model.Invalid, "err.json")
	}
	if dec.More() {
		return model.Errorf(model.Invalid, "err.json")
	}
	// NUL and other control characters arrive as \u0000 escapes.
	return checkStrings(dst)
}

// DecodeForm fills dst's fields from form values named by their json tags
// (the fields of embedded structs too, as encoding/json reads them).
func DecodeForm(vals url.Values, dst any) error {
	v := reflect.ValueOf(dst).Elem()
	p := model.Problems{}
	p.Merge(CheckValues(vals))
	for _, sf := range reflect.VisibleFields(v.Type()) {
		name := strings.Split(sf.Tag.Get("json"), ",")[0]
		if name == "" || name == "-" || !sf.IsExported() {
			continue
		}
		raw, present := vals[name]
		s := ""
		if present {
			s = strings.TrimSpace(raw[0])
		}
		f := v.FieldByIndex(sf.Index)
		switch f.Kind() {
		case reflect.String:
			f.SetString(s)
		case reflect.Bool:
			f.SetBool(s == "on" || s == "true" || s == "1")
		case reflect.Int, reflect.Int64:
			if s == "" {
				continue
			}
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				p.Add(name, "err.number")
				continue
			}
			f.SetInt(n)
		case reflect.Slice:
			if f.Type().Elem().Kind() != reflect.Int64 {
				f.Set(reflect.ValueOf(model.SplitList(s)))
				continue
			}
			// A list of ids: one value per ticked box (name repeated).
			var ids []int64
			for _, x := range raw {
				if x = strings.TrimSpace(x); x == "" {
					continue
				}
				n, err := strconv.ParseInt(x, 10, 64)
				if err != nil {
					p.Add(name, "err.number")
					break
				}
				ids = append(ids, n)
			}
			f.Set(reflect.ValueOf(ids))
		}
	}
	return p.Err()
}

// Read decodes a request into dst: JSON for the API, a form otherwise.
func Read(r *http.Request, dst any) error {
	if IsAPI(r) {
		return ReadJSON(r, dst)
	}
	if err := r.ParseForm(); err != nil {
		return model.Errorf(model.Invalid, "err.form")
	}
	return DecodeForm(r.PostForm, dst)
}

// DecodeThen decodes a request into in and then validates with apply, so a
// form shows its type problems and validation problems at once.
func DecodeThen(r *http.Request, in any, apply func() error) error {
	derr := Read(r, in)
	if derr != nil && (len(model.FieldsOf(derr)) == 0 || IsAPI(r)) {
		return derr
	}
	verr := apply()
	if derr == nil {
		return verr
	}
	p := model.Problems{}
	p.Merge(derr)
	p.Merge(verr)
	return p.Err()
}

// ParseDate reads "2006-01-02", recording a problem for field.
func ParseDate(p model.Problems, field, s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		if s == "" {
			p.Add(field, "err.required")
		} else {
			p.Add(field, "err.date")
		}
	}
	return t
}

// ParseLocalTime reads "2006-01-02T15:04" (an HTML datetime-local value, or
// RFC 3339) in the given zone.
func ParseLocalTime(p model.Problems, field, s, tz string) time.Time {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC()
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", s, loc)
	if err != nil {
		if s == "" {
			p.Add(field, "err.required")
		} else {
			p.Add(field, "err.date")
		}
	}
	return t.UTC()
}

// Form parses the posted form; a body that is not one is the user's
// problem (err.form), not the server's.
func Form(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return model.Errorf(model.Invalid, "err.form")
	}
	return nil
}

// EncodeForm sets vals from src's fields, named by their json tags, as
// DecodeForm reads them back (lists joined with ", "): a form shows a
// stored record with the API's own field names.
func EncodeForm(vals url.Values, src any) {
	v := reflect.ValueOf(src)
	for _, sf := range reflect.VisibleFields(v.Type()) {
		name := strings.Split(sf.Tag.Get("json"), ",")[0]
		if name == "" || name == "-" || !sf.IsExported() {
			continue
		}
		switch f := v.FieldByIndex(sf.Index); f.Kind() {
		case reflect.String:
			vals.Set(name, f.String())
		case reflect.Bool:
			vals.Set(name, strconv.FormatBool(f.Bool()))
		case reflect.Int, reflect.Int64:
			vals.Set(name, strconv.FormatInt(f.Int(), 10))
		case reflect.Slice:
			switch l := f.Interface().(type) {
			case []string:
				vals.Set(name, strings.Join(l, ", "))
			case []int64:
				for _, n := range l {
					vals.Add(name, strconv.FormatInt(n, 10))
				}
			}
		}
	}
}

// Upload reads a posted multipart form (within the route's body limit,
// whose error passes through) and its file field "file": a body that is
// not such a form is err.form, a missing or empty file a problem of the
// file field. The form's other values are then in r.FormValue.
func Upload(r *http.Request) ([]byte, error) {
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, err
		}
		return nil, model.Errorf(model.Invalid, "err.form")
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return nil, model.Errorf(model.Invalid, "err.invalid", "file", "err.required")
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err == nil && len(data) == 0 {
		err = model.Errorf(model.Invalid, "err.invalid", "file", "err.required")
	}
	return data, err
}
