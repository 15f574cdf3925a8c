// Package boothrun is the allocation service: it reads an edition's plan,
// requests, quotas and locked drafts from the store, runs the booth engine
// and writes the drafts and every request's outcome in one transaction.
package boothrun

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/convene/convene/internal/booth"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// Instance builds the engine's input for an edition, with the maps back to
// the store's ids.
func Instance(ctx context.Context, db *store.DB, editionID int64) (booth.Instance, map[string]store.PlanBooth, map[string]store.BoothRequest, error) {
	ex, err := db.BoothExhibition(ctx, editionID)
	if err != nil {
		return booth.Instance{}, nil, nil, err
	}
	plan, err := db.PlanBooths(ctx, editionID, time.Now())
	if err != nil {
		return booth.Instance{}, nil, nil, err
	}
	reqs, err := db.BoothRequests(ctx, editionID, 0)
	if err != nil {
		return booth.Instance{}, nil, nil, err
	}
	quotas, err := db.BoothQuotas(ctx, editionID)
	if err != nil {
		return booth.Instance{}, nil, nil, err
	}
	inst := booth.Instance{Seed: uint64(ex.Seed)}
	bm := map[string]store.PlanBooth{}
	for _, b := range plan {
		w, d := b.Size()
		kind := booth.Kind(b.Kind)
		inst.Booths = append(inst.Booths, booth.Booth{Code: b.Code, M2: b.M2, Kind: kind, Area: areaKey(b.AreaID), Hall: "h" + strconv.FormatInt(b.HallID, 10),
			X: float64(b.X), Y: float64(b.Y), W: w, D: d, Corner: b.Corner, Entrance: b.Entrance, Blocked: b.Blocked})
		bm[b.Code] = b
		if b.Status == "draft" && b.Locked && b.RequestID > 0 {
			inst.Locks = append(inst.Locks, booth.Lock{Request: reqKey(b.RequestID), Booth: b.Code})
		}
	}
	booth.AdjacentByGeometry(inst.Booths)
	rm := map[string]store.BoothRequest{}
	for _, r := range reqs {
		q := booth.Request{ID: reqKey(r.ID), Org: OrgKey(r.OrgID), Group: r.Group,
			Area: areaKey(r.AreaID), Count: r.Count, M2: r.M2, Kind: booth.Kind(r.Kind), Priority: r.Priority, Entrance: r.Entrance, Corner: r.Corner}
		for _, o := range r.Avoid {
			q.Avoid = append(q.Avoid, OrgKey(o.ID))
		}
		inst.Requests = append(inst.Requests, q)
		rm[reqKey(r.ID)] = r
	}
	for _, q := range quotas {
		inst.Quotas = append(inst.Quotas, booth.Quota{Group: q.Group, Area: areaKey(q.AreaID), Percent: q.Percent})
	}
	return inst, bm, rm, nil
}

// OrgKey is an organization's name in the engine (Request.Org, Avoid and
// Outcome.Beside).
func OrgKey(id int64) string { return strconv.FormatInt(id, 10) }

func areaKey(id int64) string { return "a" + strconv.FormatInt(id, 10) }
func reqKey(id int64) string  { return "r" + strconv.FormatInt(id, 10) }

// Run allocates an edition's booths and saves the drafts and outcomes. An
// instance the engine refuses comes back as a model error carrying the
// engine's first message.
func Run(ctx context.Context, db *store.DB, editionID, by int64) (booth.Result, error) {
	inst, bm, rm, err := Instance(ctx, db, editionID)
	if err != nil {
		return booth.Result{}, err
	}
	res, err := booth.Allocate(inst)
	if err != nil {
		return res, model.Errorf(model.Invalid, "booths.err_instance", "detail", err.Error())
	}
	var drafts []store.BoothDraft
	for _, a := range res.Assignments {
		r := rm[a.Request]
		drafts = append(drafts, store.BoothDraft{BoothID: bm[a.Booth].ID, OrgID: r.OrgID, RequestID: r.ID, Locked: a.Locked})
	}
	var outs []store.BoothOutcome
	for _, o := range res.Outcomes {
		js, _ := json.Marshal(o)
		outs = append(outs, store.BoothOutcome{RequestID: rm[o.Request].ID, Status: string(o.Status), Waitlist: o.Waitlist, Outcome: string(js)})
	}
	return res, db.SaveBoothRun(ctx, editionID, drafts, outs, by)
}
