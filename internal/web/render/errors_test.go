package render

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/convene/convene/internal/i18n"
)

// TestFailAbandoned: a query cut short because the client left is logged
// as abandoned (499), not as an internal error; the same error on a request
// whose client is still there stays a 500 in the error log.
func TestFailAbandoned(t *testing.T) {
	var log bytes.Buffer
	rd := &Renderer{cat: i18n.Catalog{"en": {"err.internal": "sorry %s"}}, log: slog.New(slog.NewTextHandler(&log, nil))}
	err := fmt.Errorf("store: list: %w", context.Canceled)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	rd.Fail(w, httptest.NewRequest(http.MethodPost, "/x", nil).WithContext(ctx), err)
	if w.Code != StatusClientClosed || strings.Contains(log.String(), "internal error") || !strings.Contains(log.String(), "request abandoned") {
		t.Fatalf("abandoned: code %d, log %q", w.Code, log.String())
	}

	log.Reset()
	w = httptest.NewRecorder()
	rd.Fail(w, httptest.NewRequest(http.MethodPost, "/api/v1/x", nil), err)
	if w.Code != http.StatusInternalServerError || !strings.Contains(log.String(), "level=ERROR msg=\"internal error\"") {
		t.Fatalf("live client: code %d, log %q", w.Code, log.String())
	}
}
