package meetings

import _ "embed" // the area's part of the API document

// OpenAPI is the area's part of the API document: its paths and the
// schemas only it uses; the server merges it into /api/v1/openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte
