package integrations

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
	"github.com/convene/convene/internal/webhook"
)

// endpointIn is a new endpoint: its URL and the events it hears.
type endpointIn struct {
	URL    string   `json:"url"`
	Events []string `json:"events"`
}

func (a *Area) validateEndpoint(in *endpointIn) error {
	p := model.Problems{}
	in.URL = strings.TrimSpace(in.URL)
	switch err := a.Policy.CheckURL(in.URL); {
	case in.URL == "":
		p.Add("url", "err.required")
	case len(in.URL) > 2000:
		p.Add("url", "err.webhooks.url")
	case errors.Is(err, webhook.ErrScheme):
		p.Add("url", "err.webhooks.https")
	case errors.Is(err, webhook.ErrPrivate):
		p.Add("url", "err.webhooks.private")
	case err != nil:
		p.Add("url", "err.webhooks.url")
	}
	if len(in.Events) == 0 {
		p.Add("events", "err.webhooks.no_event")
	}
	for _, e := range in.Events {
		if !slices.Contains(Events, e) {
			p.Add("events", "err.choice")
		}
	}
	return p.Err()
}

func (a *Area) createEndpoint(r *http.Request) (store.WebhookEndpoint, error) {
	var in endpointIn
	var e store.WebhookEndpoint
	if err := request.DecodeThen(r, &in, func() error { return a.validateEndpoint(&in) }); err != nil && request.IsAPI(r) {
		return e, err
	}
	if !request.IsAPI(r) {
		in.Events = r.PostForm["events"]
		if err := a.validateEndpoint(&in); err != nil {
			return e, err
		}
	}
	u := request.User(r)
	e = store.WebhookEndpoint{OrgID: request.OrgID(r), URL: in.URL, Events: slices.Compact(slices.Sorted(slices.Values(in.Events))), Secret: webhook.NewSecret(), CreatedBy: u.ID}
	return e, a.DB.CreateWebhookEndpoint(r.Context(), &e)
}

type webhooksView struct {
	Endpoints []store.WebhookEndpoint
	Events    []string
}

func (a *Area) webhooksView(r *http.Request) (webhooksView, error) {
	es, err := a.DB.WebhookEndpoints(r.Context(), request.OrgID(r))
	return webhooksView{Endpoints: es, Events: Events}, err
}

func (a *Area) webhooksPage(w http.ResponseWriter, r *http.Request) {
	v, err := a.webhooksView(r)
	a.Render.Show(w, r, "int_webhooks", a.Render.T(request.Locale(r), "webhooks.title"), v, err)
}

func (a *Area) webhookCreatePost(w http.ResponseWriter, r *http.Request) {
	e, err := a.createEndpoint(r)
	if err != nil {
		v, verr := a.webhooksView(r)
		if verr != nil {
			a.Render.Fail(w, r, verr)
			return
		}
		a.Render.FormError(w, r, "int_webhooks", a.Render.T(request.Locale(r), "webhooks.title"), err, v)
		return
	}
	render.SetFlash(w, "flash.webhooks.created")
	http.Redirect(w, r, "/integrations/webhooks/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
}

type webhookView struct {
	E          store.WebhookEndpoint
	Deliveries []store.Delivery
	Rotating   bool
}

func (a *Area) endpoint(r *http.Request) (store.WebhookEndpoint, error) {
	id, err := request.PathID(r)
	if err != nil {
		return store.WebhookEndpoint{}, err
	}
	return a.DB.WebhookEndpoint(r.Context(), request.OrgID(r), id)
}

func (a *Area) webhookPage(w http.ResponseWriter, r *http.Request) {
	e, err := a.endpoint(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	ds, err := a.DB.WebhookDeliveries(r.Context(), e.OrgID, e.ID, 50)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := webhookView{E: e, Deliveries: ds, Rotating: len(e.Secrets(a.now())) > 1}
	a.Render.Page(w, r, http.StatusOK, "int_webhook", a.Render.View(r, a.Render.T(request.Locale(r), "webhooks.endpoint"), v))
}

// testPayload is a test delivery's data.
func testPayload(at time.Time) string {
	b, _ := json.Marshal(map[string]any{"test": true, "sent_at": at.UTC()})
	return string(b)
}

func (a *Area) testDelivery(r *http.Request) (int64, error) {
	e, err := a.endpoint(r)
	if err != nil {
		return 0, err
	}
	return a.DB.EnqueueWebhook(r.Context(), e.OrgID, e.ID, "webhook.test", testPayload(a.now()))
}

func (a *Area) back(w http.ResponseWriter, r *http.Request, flash string) {
	render.SetFlash(w, flash)
	http.Redirect(w, r, "/integrations/webhooks/"+r.PathValue("id"), http.StatusSeeOther)
}

func (a *Area) webhookTestPost(w http.ResponseWriter, r *http.Request) {
	if _, err := a.testDelivery(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.back(w, r, "flash.webhooks.test_queued")
}

func (a *Area) webhookRotatePost(w http.ResponseWriter, r *http.Request) {
	e, err := a.endpoint(r)
	if err == nil {
		err = a.DB.RotateWebhookSecret(r.Context(), e.OrgID, e.ID, webhook.NewSecret(), rotationOverlap)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.back(w, r, "flash.webhooks.rotated")
}

func (a *Area) setActive(w http.ResponseWriter, r *http.Request, on bool) {
	e, err := a.endpoint(r)
	if err == nil {
		err = a.DB.SetWebhookActive(r.Context(), e.OrgID, e.ID, on)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.back(w, r, "flash.webhooks.saved")
}

func (a *Area) webhookEnablePost(w http.ResponseWriter, r *http.Request)  { a.setActive(w, r, true) }
func (a *Area) webhookDisablePost(w http.ResponseWriter, r *http.Request) { a.setActive(w, r, false) }

func (a *Area) webhookDeletePost(w http.ResponseWriter, r *http.Request) {
	e, err := a.endpoint(r)
	if err == nil {
		err = a.DB.DeleteWebhookEndpoint(r.Context(), e.OrgID, e.ID)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "flash.webhooks.deleted")
	http.Redirect(w, r, "/integrations/webhooks", http.StatusSeeOther)
}

type deliveryView struct {
	D        store.Delivery
	Attempts []store.Attempt
	MsgID    string
}

func (a *Area) deliveryPage(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d, err := a.DB.WebhookDelivery(r.Context(), request.OrgID(r), id)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	as, err := a.DB.WebhookAttempts(r.Context(), d.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "int_delivery", a.Render.View(r, a.Render.T(request.Locale(r), "webhooks.delivery"), deliveryView{D: d, Attempts: as, MsgID: webhook.MessageID(d.ID)}))
}

func (a *Area) redeliver(r *http.Request) (store.Delivery, error) {
	id, err := request.PathID(r)
	if err != nil {
		return store.Delivery{}, err
	}
	if err := a.DB.RedeliverWebhook(r.Context(), request.OrgID(r), id); err != nil {
		return store.Delivery{}, err
	}
	return a.DB.WebhookDelivery(r.Context(), request.OrgID(r), id)
}

func (a *Area) redeliverPost(w http.ResponseWriter, r *http.Request) {
	d, err := a.redeliver(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "flash.webhooks.redelivering")
	http.Redirect(w, r, "/integrations/webhooks/"+strconv.FormatInt(d.EndpointID, 10), http.StatusSeeOther)
}

type endpointJ struct {
	ID             int64      `json:"id"`
	URL            string     `json:"url"`
	Events         []string   `json:"events"`
	Active         bool       `json:"active"`
	DisabledReason string     `json:"disabled_reason"`
	FailingSince   *time.Time `json:"failing_since"`
	CreatedAt      time.Time  `json:"created_at"`
}

func endpointJSON(e store.WebhookEndpoint) endpointJ {
	ev := e.Events
	if ev == nil {
		ev = []string{}
	}
	return endpointJ{ID: e.ID, URL: e.URL, Events: ev, Active: e.Active, DisabledReason: e.DisabledReason, FailingSince: e.FailingSince, CreatedAt: e.CreatedAt}
}

func (a *Area) apiWebhooks(w http.ResponseWriter, r *http.Request) {
	es, err := a.DB.WebhookEndpoints(r.Context(), request.OrgID(r))
	render.Answer(a.Render, w, r, http.StatusOK, es, err, func(es []store.WebhookEndpoint) map[string][]endpointJ {
		out := []endpointJ{}
		for _, e := range es {
			out = append(out, endpointJSON(e))
		}
		return map[string][]endpointJ{"endpoints": out}
	})
}

type newEndpointJ struct {
	endpointJ
	Secret string `json:"secret"`
}

func (a *Area) apiWebhookCreate(w http.ResponseWriter, r *http.Request) {
	e, err := a.createEndpoint(r)
	render.Answer(a.Render, w, r, http.StatusCreated, e, err, func(e store.WebhookEndpoint) newEndpointJ {
		return newEndpointJ{endpointJ: endpointJSON(e), Secret: e.Secret}
	})
}

func (a *Area) apiWebhookTest(w http.ResponseWriter, r *http.Request) {
	id, err := a.testDelivery(r)
	render.Answer(a.Render, w, r, http.StatusAccepted, id, err, func(id int64) map[string]any {
		return map[string]any{"delivery_id": id, "webhook_id": webhook.MessageID(id)}
	})
}

func (a *Area) apiRedeliver(w http.ResponseWriter, r *http.Request) {
	if _, err := a.redeliver(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
