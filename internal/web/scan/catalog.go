package scan

import (
	"embed"
	"io/fs"
)

//go:embed catalog
var catalogFS embed.FS

// Catalog is the area's messages (zh.json, en.json), merged at start.
var Catalog, _ = fs.Sub(catalogFS, "catalog")
