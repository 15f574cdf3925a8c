package scan

import (
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/route"
)

// cvBody is the limit of requests that carry a CV: the PDF and a form.
const cvBody = model.MaxCVSize + 1<<20

// Routes: QR codes, the scan landing with one-tap apply and quick
// registration, CVs, applying.
func (a *Area) Routes() []route.Route {
	talent := route.Only(route.Talent)
	owners := route.Only(route.Enterprise, route.Organizer)
	return []route.Route{
		{Pattern: "GET /s/{token}", Access: route.Anyone, Handle: a.landingPage},
		{Pattern: "POST /s/{token}/apply", Access: talent, Handle: a.scanApply},
		{Pattern: "POST /s/{token}/register", Access: route.Anyone, Handle: a.register, MaxBody: cvBody},
		{Pattern: "POST /posts/{id}/apply", Access: talent, Handle: a.postApply},

		{Pattern: "GET /org/qr", Access: route.Only(route.Enterprise), Handle: a.myQR},
		{Pattern: "GET /qr/orgs/{id}", Access: owners, Handle: a.qrPage},
		{Pattern: "GET /qr/orgs/{id}/{file}", Access: owners, Handle: a.qrOrg},
		{Pattern: "GET /qr/posts/{id}/{file}", Access: owners, Handle: a.qrPost},

		{Pattern: "GET /cv/{id}", Access: route.SignedIn, Handle: a.cvDownload},
		{Pattern: "POST /me/cv", Access: talent, Handle: a.cvUpload, MaxBody: cvBody},

		{Pattern: "POST /api/v1/posts/{id}/apply", Access: talent, Handle: a.apiApply},
	}
}
