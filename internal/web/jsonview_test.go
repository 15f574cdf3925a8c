package web

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/convene/convene/internal/web/jsonview"
)

// TestJSONViewsMatchSchemas: every field a shared JSON view sends is a
// property of its OpenAPI schema, and every property the schema lists is
// sent, so the document and the handlers cannot drift apart unseen.
func TestJSONViewsMatchSchemas(t *testing.T) {
	t.Parallel()
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	readOpenAPI(t, &doc)
	views := map[string]any{
		"User": jsonview.User{}, "Talent": jsonview.Talent{}, "Organization": jsonview.Org{},
		"Edition": jsonview.Edition{}, "Venue": jsonview.Venue{}, "Fair": jsonview.Fair{},
		"RemoteSession": jsonview.Session{}, "Post": jsonview.Post{}, "Application": jsonview.Application{},
	}
	for name, v := range views {
		schema, ok := doc.Components.Schemas[name]
		if !ok {
			t.Errorf("schema %s is missing", name)
			continue
		}
		sent := map[string]bool{}
		for _, f := range reflect.VisibleFields(reflect.TypeOf(v)) {
			tag := strings.Split(f.Tag.Get("json"), ",")[0]
			if tag == "" || tag == "-" {
				continue
			}
			sent[tag] = true
			if _, ok := schema.Properties[tag]; !ok {
				t.Errorf("%s sends %q, which its schema does not list", name, tag)
			}
		}
		for p := range schema.Properties {
			if !sent[p] {
				t.Errorf("schema %s lists %q, which %T does not send", name, p, v)
			}
		}
	}
}
