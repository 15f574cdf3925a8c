package checkin

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/convene/convene/internal/badge"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type scanInput struct {
	Nonce        string    `json:"nonce"`
	Token        string    `json:"token"`
	ScannedAt    time.Time `json:"scanned_at"`
	DeviceResult string    `json:"device_result"`
	Offline      bool      `json:"offline"`
}

type batchInput struct {
	Device string      `json:"device"`
	Queue  int         `json:"queue"`
	Scans  []scanInput `json:"scans"`
}

// MaxBatch bounds one sync: an hour offline at a busy gate is some
// thousands of scans.
const MaxBatch = 10000

type scanResultJ struct {
	store.ScanOut
	Name string `json:"name,omitempty"`
	Role string `json:"role,omitempty"`
}

// judge verifies each scan's token and the gate's rules, ready for the
// store, which checks revocation, registration and earlier entries in its
// transaction.
func judge(in []scanInput, g store.Gate, edition int64, pub ed25519.PublicKey, loc *time.Location, now time.Time) []store.ScanIn {
	out := make([]store.ScanIn, len(in))
	// A large batch (a gate back online) is verified on every core.
	workers := min(runtime.GOMAXPROCS(0), len(in)/256+1)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(in)/workers, (w+1)*len(in)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			judgeRange(in[lo:hi], out[lo:hi], g, edition, pub, loc, now)
		}()
	}
	wg.Wait()
	return out
}

func judgeRange(in []scanInput, out []store.ScanIn, g store.Gate, edition int64, pub ed25519.PublicKey, loc *time.Location, now time.Time) {
	for i, s := range in {
		at := s.ScannedAt.UTC()
		if at.IsZero() || at.After(now.Add(time.Minute)) {
			at = now // a device clock ahead of ours does not move scans into the future
		}
		h := sha256.Sum256([]byte(strconv.FormatInt(g.ID, 10) + "|" + s.Token + "|" + strconv.FormatInt(s.ScannedAt.UnixMilli(), 10)))
		x := store.ScanIn{Nonce: s.Nonce, Hash: hex.EncodeToString(h[:16]), ScannedAt: at, Day: at.In(loc).Format("2006-01-02"),
			DeviceResult: s.DeviceResult, Offline: s.Offline}
		c, err := badge.Verify(s.Token, pub)
		if err == nil {
			err = c.Check(uint32(edition), at)
		}
		switch {
		case err != nil:
			x.Refused = badge.Reason(err)
		case len(g.Roles) > 0 && !slices.Contains(g.Roles, c.Role.String()):
			x.Refused = "role"
		case len(g.Days) > 0 && !slices.Contains(g.Days, x.Day):
			x.Refused = "day"
		}
		if err == nil {
			x.BadgeID, x.UserID = int64(c.Badge), int64(c.Person)
		}
		out[i] = x
	}
}

// syncing admits one batch at a time to verification and the store.
var syncing = make(chan struct{}, 1)

func (a *Area) record(r *http.Request) ([]scanResultJ, error) {
	ctx := r.Context()
	id, err := request.PathID(r)
	if err != nil {
		return nil, err
	}
	var in batchInput
	if err := request.ReadJSON(r, &in); err != nil {
		return nil, err
	}
	if len(in.Scans) > MaxBatch || len(in.Device) > 64 {
		return nil, model.Errorf(model.Invalid, "err.gate.batch")
	}
	for _, s := range in.Scans {
		if len(s.Nonce) < 8 || len(s.Nonce) > 64 || len(s.Token) > 256 || len(s.DeviceResult) > 16 {
			return nil, model.Errorf(model.Invalid, "err.gate.scan")
		}
	}
	g, err := a.DB.GateByID(ctx, id)
	if err != nil {
		return nil, err
	}
	ed, err := a.Edition(r)
	if err != nil {
		return nil, err
	}
	priv, err := a.key(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.resolveShort(ctx, ed.ID, in.Scans); err != nil {
		return nil, err
	}
	if len(in.Scans) > 1 {
		// A syncing gate's batch is verified one at a time: signatures cost
		// 70–400 µs each, and eight gates' batches at once left a live scan
		// (one scan, someone waiting at the gate) queued for the CPU behind
		// them (p99 263 ms with the store's queue alone).
		select {
		case syncing <- struct{}{}:
			defer func() { <-syncing }()
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	scans := judge(in.Scans, g, ed.ID, priv.Public().(ed25519.PublicKey), model.Zone(ed.TimeZone), a.now())
	outs, err := a.DB.RecordScans(ctx, g.ID, in.Device, in.Queue, scans)
	if err != nil {
		return nil, err
	}
	res := make([]scanResultJ, len(outs))
	for i, o := range outs {
		res[i] = scanResultJ{ScanOut: o}
	}
	// A live scan (one at a time) shows who it is.
	if len(outs) == 1 && scans[0].BadgeID != 0 {
		if b, err := a.DB.BadgeByID(ctx, scans[0].BadgeID); err == nil {
			res[0].Name, res[0].Role = b.Name, b.Role
		}
	}
	return res, nil
}

type resultsJ struct {
	Results []scanResultJ `json:"results"`
}

func (a *Area) apiScans(w http.ResponseWriter, r *http.Request) {
	res, err := a.record(r)
	render.Answer(a.Render, w, r, http.StatusOK, res, err, func(l []scanResultJ) resultsJ {
		if l == nil {
			l = []scanResultJ{}
		}
		return resultsJ{l}
	})
}
