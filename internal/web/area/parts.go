package area

import (
	"embed"
	"io/fs"
)

// Parts are what an area brings besides its routes: its pages, its
// messages and its part of the API document. The server gathers every
// area's parts; a part the area has none of is nil.
type Parts struct {
	Name      string
	Templates fs.FS  // templates/*.html
	Catalog   fs.FS  // catalog/zh.json, catalog/en.json
	OpenAPI   []byte // openapi.json: its paths and the schemas only it uses
}

// Embedded reads an area's folder as the area embedded it, for example
//
//	//go:embed templates/*.html catalog openapi.json
//
// (templates/*.html rather than templates: a bare directory leaves out
// partials whose names start with "_").
func Embedded(name string, files embed.FS) Parts {
	p := Parts{Name: name}
	if _, err := fs.Stat(files, "templates"); err == nil {
		p.Templates, _ = fs.Sub(files, "templates")
	}
	if _, err := fs.Stat(files, "catalog"); err == nil {
		p.Catalog, _ = fs.Sub(files, "catalog")
	}
	p.OpenAPI, _ = files.ReadFile("openapi.json")
	return p
}
