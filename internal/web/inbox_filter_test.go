package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/convene/convene/internal/model"
)

// TestInboxBadFilterShowsForm (issue 12): a filter the inbox cannot read
// (a 13th month, an unknown status) answers 422 with the inbox's own form
// and the problem beside its field, not an error page the filter cannot be
// corrected from; the same filters read well answer 200.
func TestInboxBadFilterShowsForm(t *testing.T) {
	t.Parallel()
	onEachStore(t, func(t *testing.T, f *fixture) {
		for _, role := range []model.Role{enterprise, organizer} {
			c := f.client(role)
			f.setLocale(c, "en")
			resp, body := f.do(c, "GET", "/inbox?from=2017-13-45&status=lost", "", "")
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<form method="get" action="/inbox"`) ||
				!strings.Contains(body, `id="err-from"`) || !strings.Contains(body, "Status: Choose one of the offered values.") {
				t.Fatalf("%s: bad filters answer %d:\n%s", role, resp.StatusCode, body)
			}
			if resp, body := f.do(c, "GET", "/inbox?from=2017-12-01&status=applied", "", ""); resp.StatusCode != 200 || strings.Contains(body, `class="err"`) {
				t.Fatalf("%s: good filters answer %d:\n%s", role, resp.StatusCode, body)
			}
		}
	})
}
