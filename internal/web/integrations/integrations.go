// Package integrations is the integrations area: personal API tokens
// (named, scoped, expiring, revocable, shown once and kept hashed) and an
// organization's signed webhooks (endpoints, their deliveries and attempts,
// test delivery, redelivery, secret rotation). The bearer middleware and
// the scopes every API route needs live here too (bearer.go, scopes.go).
package integrations

import (
	"embed"
	"os"
	"time"

	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/webhook"
)

//go:embed templates/*.html catalog openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("integrations", files)

// Area answers the integrations routes.
type Area struct {
	*area.Deps
	// Policy is what receivers the operator allows (webhook.PolicyFromEnv).
	Policy webhook.Policy
	now    func() time.Time
}

// New keeps the shared parts and reads the operator's webhook policy.
func New(d *area.Deps) *Area {
	p, err := webhook.PolicyFromEnv(os.Getenv)
	if err != nil && d.Log != nil {
		d.Log.Error("webhook policy", "err", err)
	}
	return &Area{Deps: d, Policy: p, now: time.Now}
}

// Events are the event types an endpoint may subscribe to; the outbox
// triggers of migrations 0011 and 0015 write them.
var Events = []string{"application.received", "application.moved", "docking.stage_changed",
	"booth.assigned", "contest.result_published", "meeting.scheduled", "checkin.admitted"}

// rotationOverlap is how long the old secret keeps signing after a
// rotation: a day to deploy the new one at the receiver.
const rotationOverlap = 24 * time.Hour
