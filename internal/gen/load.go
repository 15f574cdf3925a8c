package gen

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// ErrNotEmpty is returned by Load when the database already holds data and
// Force is not set.
var ErrNotEmpty = errors.New("gen: the database is not empty (use force to load anyway)")

// LoadOptions tunes Load.
type LoadOptions struct {
	// PasswordHash is stored for every generated account: the caller hashes
	// DemoPassword once (argon2id takes tens of milliseconds a hash, so one
	// per account would take minutes at scale 1).
	PasswordHash string
	// Force loads into a database that already has data. Generated emails
	// and the edition slug must still be free, or the load fails whole.
	Force bool
	// Progress, when set, is called after each batch with rows written so far.
	Progress func(done, total int)
	// Previous also writes the convention's previous edition (c.Previous,
	// previous.go) in the same transaction, after this one: the current
	// edition stays current and its database ids stay its local ids.
	Previous bool
}

// Summary is what Load wrote.
type Summary struct {
	Rows       store.TableCounts // what the database holds after the load
	Scenes     store.TableCounts // of Rows, what the live scenes added after the bulk load (the video interview's application)
	VisitCount int               // sum of the visit counts
	EditionID  int64             // the loaded edition's database id
	// PreviousEditionID is the previous edition's database id (0 when
	// LoadOptions.Previous was not set).
	PreviousEditionID int64
	Elapsed           time.Duration
}

// chunk is how many rows go to the store per call: progress moves in steps
// of this size, and the copy with database ids stays small.
const chunk = 5000

// Load writes a convention into the store in one transaction. Database ids
// are the convention's local ids plus the table's highest id at the start,
// so on an empty database they are equal.
func Load(ctx context.Context, db *store.DB, c *Convention, opt LoadOptions) (Summary, error) {
	start := time.Now()
	var sum Summary
	if opt.PasswordHash == "" {
		return sum, errors.New("gen: load needs a password hash for the demo accounts")
	}
	if !opt.Force {
		empty, err := db.IsEmpty(ctx)
		if err != nil {
			return sum, err
		}
		if !empty {
			return sum, ErrNotEmpty
		}
	}
	t := c.Totals()
	prev := opt.Previous && c.Previous != nil
	total := rowsTotal(t.Rows)
	if prev {
		total = rowsTotal(t.WithPrevious())
	}
	done := 0
	step := func(n int) {
		done += n
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
	}
	err := db.BulkLoad(ctx, func(b *store.Bulk) error {
		base, err := b.MaxIDs()
		if err != nil {
			return err
		}
		l := &loader{b: b, base: base, step: step, rows: &sum.Rows, hash: opt.PasswordHash}
		for _, u := range c.Users {
			if u.Role == model.RoleOrganizer {
				l.organizer = ptr(u.ID + base.Users)
				break
			}
		}
		sum.EditionID = base.Editions + c.Edition.ID
		if err := l.load(c); err != nil || !prev {
			return err
		}
		sum.PreviousEditionID = base.Editions + c.Previous.Edition.ID
		return l.load(c.Previous)
	})
	if err == nil {
		err = settleDockings(ctx, db) // docking.go
	}
	if err == nil {
		err = loadCheckin(ctx, db, c, sum.EditionID) // checkin.go
	}
	if err == nil && len(c.Logins) > 0 {
		err = loadSpeakers(ctx, db, sum.EditionID) // speakers.go
	}
	if err == nil {
		err = loadExhibition(ctx, db, c, sum.EditionID) // exhibition.go
	}
	if err == nil {
		err = loadCVs(ctx, db, c) // cvs.go
	}
	if err == nil {
		var applied bool
		applied, err = loadVideo(ctx, db, c, sum.EditionID) // video.go
		if applied {
			sum.Rows.Applications++
			sum.Scenes.Applications++
		}
	}
	if err != nil {
		return Summary{}, fmt.Errorf("gen: load: %w", err)
	}
	sum.VisitCount = t.VisitCount
	sum.Elapsed = time.Since(start)
	return sum, nil
}

type loader struct {
	b    *store.Bulk
	base store.IDs
	step func(int)
	rows *store.TableCounts
	hash string
	// organizer is the first organizer's database id, who decides the
	// contests (nil when the convention has none)
	organizer *int64
}

func rowsTotal(r store.TableCounts) int {
	return r.Editions + r.Venues + r.Halls + r.Areas + r.Booths + r.Fairs + r.RemoteSessions + r.Events +
		r.Organizations + r.Users + r.Talents + r.Posts + r.Applications + r.Visits + r.Projects +
		r.Contests + r.ContestJudges + r.Entries + r.Scores + r.Dockings + r.Exhibits
}

func add(p *int64, off int64) *int64 {
	if p == nil {
		return nil
	}
	v := *p + off
	return &v
}

// write sends xs to the store in chunks, each copied and moved to database
// ids by fix, and counts the rows in *n.
func write[T any](l *loader, xs []T, n *int, fix func(*T), ins func([]T) error) error {
	buf := make([]T, 0, min(chunk, len(xs)))
	for s := 0; s < len(xs); s += chunk {
		buf = append(buf[:0], xs[s:min(s+chunk, len(xs))]...)
		for i := range buf {
			fix(&buf[i])
		}
		if err := ins(buf); err != nil {
			return err
		}
		*n += len(buf)
		l.step(len(buf))
	}
	return nil
}

func (l *loader) load(c *Convention) error {
	b, o, r := l.b, l.base, l.rows
	ed := o.Editions + c.Edition.ID
	steps := []func() error{
		func() error {
			return write(l, []model.Edition{c.Edition}, &r.Editions, func(e *model.Edition) { e.ID += o.Editions }, b.Editions)
		},
		func() error {
			return write(l, c.Venues, &r.Venues, func(v *model.Venue) { v.ID += o.Venues; v.EditionID = ed }, b.Venues)
		},
		func() error {
			return write(l, c.Halls, &r.Halls, func(h *model.Hall) { h.ID += o.Halls; h.VenueID += o.Venues }, b.Halls)
		},
		func() error {
			return write(l, c.Areas, &r.Areas, func(a *model.Area) { a.ID += o.Areas; a.HallID += o.Halls }, b.Areas)
		},
		func() error {
			return write(l, c.Booths, &r.Booths, func(x *model.Booth) { x.ID += o.Booths; x.AreaID += o.Areas }, b.Booths)
		},
		func() error {
			return write(l, c.Fairs, &r.Fairs, func(f *model.Fair) { f.ID += o.Fairs; f.EditionID = ed; f.VenueID = add(f.VenueID, o.Venues) }, b.Fairs)
		},
		func() error {
			return write(l, c.Sessions, &r.RemoteSessions, func(s *model.RemoteSession) { s.ID += o.RemoteSessions; s.FairID += o.Fairs }, b.RemoteSessions)
		},
		func() error {
			return write(l, c.Events, &r.Events, func(e *model.Event) { e.ID += o.Events; e.EditionID = ed }, b.Events)
		},
		func() error {
			return write(l, c.Orgs, &r.Organizations, func(x *model.Organization) { x.ID += o.Organizations }, b.Organizations)
		},
		func() error {
			return write(l, c.Users, &r.Users, func(u *model.User) { u.ID += o.Users; u.OrgID = add(u.OrgID, o.Organizations) },
				func(us []model.User) error { return b.Users(us, l.hash) })
		},
		func() error {
			return write(l, c.Talents, &r.Talents, func(t *model.Talent) { t.ID += o.Talents; t.UserID += o.Users }, b.Talents)
		},
		func() error {
			return write(l, c.Posts, &r.Posts, func(p *model.Post) {
				p.ID += o.Posts
				p.OrgID += o.Organizations
				p.FairID += o.Fairs
				p.SessionID = add(p.SessionID, o.RemoteSessions)
			}, b.Posts)
		},
		func() error {
			return write(l, c.Applications, &r.Applications, func(a *model.Application) {
				a.ID += o.Applications
				a.TalentID += o.Talents
				a.PostID += o.Posts
			}, b.Applications)
		},
		func() error {
			vs := make([]store.VisitCount, len(c.Visits))
			for i, v := range c.Visits {
				vs[i] = store.VisitCount{TargetKind: v.TargetKind, TargetID: v.TargetID, Day: v.Day, Channel: v.Channel, Count: v.Count}
			}
			return write(l, vs, &r.Visits, func(v *store.VisitCount) {
				if v.TargetKind == model.VisitEnterprise {
					v.TargetID += o.Organizations
				} else {
					v.TargetID += o.Posts
				}
			}, b.Visits)
		},
		func() error {
			return write(l, c.Projects, &r.Projects, func(p *model.Project) {
				p.ID += o.Projects
				p.EditionID = ed
				p.OwnerUserID = add(p.OwnerUserID, o.Users)
				p.OrgID = add(p.OrgID, o.Organizations)
			}, b.Projects)
		},
		func() error {
			return write(l, []model.Contest{c.Contest}, &r.Contests, func(x *model.Contest) { x.ID += o.Contests; x.EditionID = ed }, b.Contests)
		},
		func() error {
			return write(l, c.Judges, &r.ContestJudges, func(u *int64) { *u += o.Users },
				func(us []int64) error { return b.ContestJudges(c.Contest.ID+o.Contests, us) })
		},
		func() error {
			return write(l, c.Entries, &r.Entries, func(e *model.Entry) {
				e.ID += o.Entries
				e.ContestID += o.Contests
				e.ProjectID += o.Projects
			}, b.Entries)
		},
		func() error {
			return write(l, c.Scores, &r.Scores, func(s *model.Score) { s.EntryID += o.Entries; s.JudgeID += o.Users }, b.Scores)
		},
		func() error {
			return write(l, c.Dockings, &r.Dockings, func(d *model.Docking) {
				d.ID += o.Dockings
				d.ProjectID += o.Projects
				d.OrgID += o.Organizations
			}, b.Dockings)
		},
		func() error {
			return write(l, c.Exhibits, &r.Exhibits, func(e *model.Exhibit) {
				e.ID += o.Exhibits
				e.BoothID += o.Booths
				e.OrgID += o.Organizations
			}, b.Exhibits)
		},
		func() error { return l.contestRun(c, ed) }, // contests.go
		func() error {
			return b.Audit(0, "gen.load", "edition", ed, fmt.Sprintf("seed=%d scale=%g", c.Seed, c.Scale))
		},
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	return nil
}
