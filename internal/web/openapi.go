package web

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
)

// mergeOpenAPI joins openapi/core.json (the document's frame) with each
// area's fragment (openapi/<area>.json holding "paths" and
// "components.schemas"), so areas document their routes beside their code.
func mergeOpenAPI() ([]byte, error) {
	var doc map[string]any
	core, err := openapiFS.ReadFile("openapi/core.json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(core, &doc); err != nil {
		return nil, fmt.Errorf("openapi/core.json: %w", err)
	}
	paths := doc["paths"].(map[string]any)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	files, _ := fs.Glob(openapiFS, "openapi/*.json")
	sort.Strings(files)
	for _, f := range files {
		if f == "openapi/core.json" {
			continue
		}
		var part struct {
			Paths      map[string]map[string]any `json:"paths"`
			Components struct {
				Schemas map[string]any `json:"schemas"`
			} `json:"components"`
		}
		b, _ := openapiFS.ReadFile(f)
		if err := json.Unmarshal(b, &part); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for p, ops := range part.Paths {
			have, _ := paths[p].(map[string]any)
			if have == nil {
				have = map[string]any{}
			}
			for m, op := range ops {
				if _, dup := have[m]; dup {
					return nil, fmt.Errorf("%s: %s %s documented twice", f, m, p)
				}
				have[m] = op
			}
			paths[p] = have
		}
		for k, v := range part.Components.Schemas {
			if _, dup := schemas[k]; dup {
				return nil, fmt.Errorf("%s: schema %s defined twice", f, k)
			}
			schemas[k] = v
		}
	}
	return json.MarshalIndent(doc, "", " ")
}
