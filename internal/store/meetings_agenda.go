package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/convene/convene/internal/model"
)

// meetingFrom joins a meeting to its request, slot, table, edition, both
// people and their organizations, the remote session and what it is about
// (the post applied to, or the docking's project).
const meetingFrom = `FROM meetings m
JOIN meeting_requests r ON r.id = m.request_id
JOIN slots s ON s.id = m.slot_id
JOIN meeting_tables t ON t.id = m.table_id
JOIN editions e ON e.id = r.edition_id
JOIN users fu ON fu.id = r.from_user_id
JOIN users tu ON tu.id = r.to_user_id
LEFT JOIN organizations fog ON fog.id = fu.org_id
LEFT JOIN organizations tog ON tog.id = tu.org_id
LEFT JOIN remote_sessions rs ON rs.id = t.session_id
LEFT JOIN applications a ON a.id = r.application_id
LEFT JOIN posts p ON p.id = a.post_id
LEFT JOIN dockings d ON d.id = r.docking_id
LEFT JOIN projects pr ON pr.id = d.project_id
`

const agendaSQL = `SELECT r.id, r.kind, s.starts_at, s.ends_at, t.code, t.video, COALESCE(v.name, ''),
	CASE WHEN r.from_user_id = $1 THEN tu.name ELSE fu.name END,
	COALESCE(CASE WHEN r.from_user_id = $1 THEN tog.name ELSE fog.name END, ''),
	COALESCE(p.title, pr.title, ''), e.time_zone, COALESCE(rs.time_zone, t.time_zone), COALESCE(rs.location, ''), m.published
` + meetingFrom + `LEFT JOIN venues v ON v.id = t.venue_id
WHERE m.published AND r.cancelled_at IS NULL AND (r.from_user_id = $1 OR r.to_user_id = $1)
ORDER BY s.starts_at, r.id`

// AgendaOf lists the user's published meetings in time order.
func (db *DB) AgendaOf(ctx context.Context, userID int64) ([]AgendaRow, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (AgendaRow, error) {
		var a AgendaRow
		err := row.Scan(&a.RequestID, &a.Kind, &a.StartsAt, &a.EndsAt, &a.TableCode, &a.Video, &a.VenueName, &a.With, &a.WithOrg,
			&a.Subject, &a.EditionZone, &a.RoomZone, &a.Location, &a.Published)
		a.StartsAt, a.EndsAt = a.StartsAt.UTC(), a.EndsAt.UTC()
		if !a.Video {
			a.RoomZone = ""
		}
		return a, err
	}, agendaSQL, userID)
}

// TableCards lists every table of the edition with its meetings (drafts
// marked) slot by slot, for the cards printed for each table.
func (db *DB) TableCards(ctx context.Context, editionID int64) ([]TableCard, error) {
	tables, err := db.ListMeetingTables(ctx, editionID)
	if err != nil {
		return nil, err
	}
	type row struct {
		table int64
		TableCardRow
	}
	rows, err := queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (row, error) {
		var x row
		err := r.Scan(&x.table, &x.StartsAt, &x.EndsAt, &x.Kind, &x.From, &x.To, &x.Subject, &x.Published)
		x.StartsAt, x.EndsAt = x.StartsAt.UTC(), x.EndsAt.UTC()
		return x, err
	}, `SELECT m.table_id, s.starts_at, s.ends_at, r.kind, fu.name, tu.name, COALESCE(p.title, pr.title, ''), m.published
		FROM meetings m JOIN meeting_requests r ON r.id = m.request_id JOIN slots s ON s.id = m.slot_id
		JOIN users fu ON fu.id = r.from_user_id JOIN users tu ON tu.id = r.to_user_id
		LEFT JOIN applications a ON a.id = r.application_id LEFT JOIN posts p ON p.id = a.post_id
		LEFT JOIN dockings d ON d.id = r.docking_id LEFT JOIN projects pr ON pr.id = d.project_id
		WHERE s.edition_id = $1 AND r.cancelled_at IS NULL ORDER BY m.table_id, s.starts_at`, editionID)
	if err != nil {
		return nil, err
	}
	by := map[int64][]TableCardRow{}
	for _, r := range rows {
		by[r.table] = append(by[r.table], r.TableCardRow)
	}
	out := make([]TableCard, len(tables))
	for i, t := range tables {
		out[i] = TableCard{TableView: t, Rows: by[t.ID]}
	}
	return out, nil
}

// MeetingNotices lists the user's notifications about meetings, newest first.
func (db *DB) MeetingNotices(ctx context.Context, userID int64, limit int) ([]MeetingNotice, error) {
	limit, _ = page(limit, 0)
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (MeetingNotice, error) {
		var n MeetingNotice
		var args string
		err := row.Scan(&n.Key, &args, &n.CreatedAt)
		if err == nil {
			json.Unmarshal([]byte(args), &n.Args)
		}
		return n, err
	}, `SELECT key, args, created_at FROM notifications WHERE user_id = $1 AND key LIKE 'meetings.%' ORDER BY id DESC LIMIT `+itoa(limit), userID)
}

// AgendaRow is one published meeting of a person.
type AgendaRow struct {
	RequestID   int64
	Kind        model.MeetingKind
	StartsAt    time.Time
	EndsAt      time.Time
	TableCode   string
	Video       bool
	VenueName   string
	With        string // the other side's name
	WithOrg     string
	Subject     string
	EditionZone string
	RoomZone    string // a video room's zone (its remote session's), else ""
	Location    string // the remote session's location
	Published   bool
}

// TableCard is one table's meetings, slot by slot, for printing.
type TableCard struct {
	TableView
	Rows []TableCardRow
}

// TableCardRow is one slot of a table card.
type TableCardRow struct {
	StartsAt, EndsAt time.Time
	Kind             model.MeetingKind
	From, To         string
	Subject          string
	Published        bool
}

// MeetingNotice is a notification about meetings, as a key and arguments.
type MeetingNotice struct {
	Key       string
	Args      []string
	CreatedAt time.Time
}
