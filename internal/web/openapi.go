package web

import (
	"encoding/json"
	"fmt"
	"sort"
)

// mergeOpenAPI joins openapi/core.json (the document's frame and the
// schemas several areas share) with each area's fragment (its openapi.json
// holding "paths" and "components.schemas"), so areas document their
// routes beside their code.
func mergeOpenAPI(fragments map[string][]byte) ([]byte, error) {
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
	names := make([]string, 0, len(fragments))
	for n := range fragments {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, f := range names {
		var part struct {
			Paths      map[string]map[string]any `json:"paths"`
			Components struct {
				Schemas map[string]any `json:"schemas"`
			} `json:"components"`
		}
		if err := json.Unmarshal(fragments[f], &part); err != nil {
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
