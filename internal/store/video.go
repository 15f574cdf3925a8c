package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"time"

	"github.com/convene/convene/internal/model"
)

// VideoRoom is a published meeting held in a video room: its slot, its two
// sides and, when an organizer set one, the external meeting system's URL.
type VideoRoom struct {
	RequestID   int64
	EditionID   int64
	Kind        model.MeetingKind
	StartsAt    time.Time
	EndsAt      time.Time
	TableID     int64
	TableCode   string
	ExternalURL string // "" for the built-in room
	EditionZone string
	RoomZone    string // the remote session's zone or the room's own, else ""
	Location    string // the remote session's location
	Subject     string
	Sides       [2]VideoSide // the requester, then the other side
}

// VideoSide is one side of a video meeting.
type VideoSide struct {
	UserID int64
	Name   string
	Org    string
}

// Side is the index of userID among the room's sides, or -1.
func (r VideoRoom) Side(userID int64) int {
	for i, s := range r.Sides {
		if s.UserID == userID {
			return i
		}
	}
	return -1
}

const videoRoomSQL = `SELECT r.id, r.edition_id, r.kind, s.starts_at, s.ends_at, t.id, t.code, COALESCE(l.url, ''),
	e.time_zone, COALESCE(rs.time_zone, t.time_zone), COALESCE(rs.location, ''), COALESCE(p.title, pr.title, ''),
	fu.id, fu.name, COALESCE(fog.name, ''), tu.id, tu.name, COALESCE(tog.name, '')
` + meetingFrom + `LEFT JOIN video_links l ON l.table_id = t.id
WHERE m.request_id = $1 AND m.published AND t.video AND r.cancelled_at IS NULL`

// VideoRoomOf reads the video room of a meeting (by its request id); a
// meeting that is not published, not in a video room or cancelled is not
// found.
func (db *DB) VideoRoomOf(ctx context.Context, requestID int64) (VideoRoom, error) {
	var v VideoRoom
	err := db.r.QueryRowContext(ctx, videoRoomSQL, requestID).Scan(&v.RequestID, &v.EditionID, &v.Kind, &v.StartsAt, &v.EndsAt,
		&v.TableID, &v.TableCode, &v.ExternalURL, &v.EditionZone, &v.RoomZone, &v.Location, &v.Subject,
		&v.Sides[0].UserID, &v.Sides[0].Name, &v.Sides[0].Org, &v.Sides[1].UserID, &v.Sides[1].Name, &v.Sides[1].Org)
	v.StartsAt, v.EndsAt = v.StartsAt.UTC(), v.EndsAt.UTC()
	return v, one(err, "room")
}

// SetVideoLink points a video room (a meeting table with video) at an
// external meeting system; an empty url goes back to the built-in room.
func (db *DB) SetVideoLink(ctx context.Context, tableID int64, url string) error {
	return db.tx(ctx, func(tx txq) error {
		var video bool
		err := tx.QueryRowContext(ctx, `SELECT video FROM meeting_tables WHERE id = $1`, tableID).Scan(&video)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !video) {
			return notFound("room")
		}
		if err != nil {
			return err
		}
		if url == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM video_links WHERE table_id = $1`, tableID)
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO video_links (table_id, url, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (table_id) DO UPDATE SET url = excluded.url, updated_at = excluded.updated_at`, tableID, url, db.clock())
		return db.mapErr(err)
	})
}

// VideoSignal is one signaling message in a room, from one side to the
// other (offer, answer, ICE candidate, hello, bye).
type VideoSignal struct {
	ID         int64
	RequestID  int64
	FromUserID int64
	Kind       string
	Body       string
	CreatedAt  time.Time
}

// AddVideoSignal keeps a signaling message and sets its ID.
func (db *DB) AddVideoSignal(ctx context.Context, s *VideoSignal) error {
	s.CreatedAt = db.clock()
	var err error
	s.ID, err = db.insertID(ctx, db.w, `INSERT INTO video_signals (request_id, from_user_id, kind, body, created_at) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
		s.RequestID, s.FromUserID, s.Kind, s.Body, s.CreatedAt)
	return err
}

// VideoSignalsAfter lists a room's signaling messages after the cursor
// that userID did not send, oldest first (at most limit).
func (db *DB) VideoSignalsAfter(ctx context.Context, requestID, userID, after int64, limit int) ([]VideoSignal, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (VideoSignal, error) {
		var s VideoSignal
		err := row.Scan(&s.ID, &s.RequestID, &s.FromUserID, &s.Kind, &s.Body, &s.CreatedAt)
		return s, err
	}, `SELECT id, request_id, from_user_id, kind, body, created_at FROM video_signals
		WHERE request_id = $1 AND from_user_id <> $2 AND id > $3 ORDER BY id LIMIT `+itoa(limit), requestID, userID, after)
}

// LastVideoSignal is the highest signaling message id of a room (0 for
// none): a stream opened now starts after it.
func (db *DB) LastVideoSignal(ctx context.Context, requestID int64) (int64, error) {
	var id sql.NullInt64
	err := db.r.QueryRowContext(ctx, `SELECT max(id) FROM video_signals WHERE request_id = $1`, requestID).Scan(&id)
	return id.Int64, err
}

// PruneVideoSignals deletes signaling messages older than before (they
// only matter while a call is being set up).
func (db *DB) PruneVideoSignals(ctx context.Context, before time.Time) (int64, error) {
	res, err := db.w.ExecContext(ctx, `DELETE FROM video_signals WHERE created_at < $1`, before.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// VideoChat is a chat line of a meeting, kept with it for both sides.
type VideoChat struct {
	ID        int64
	RequestID int64
	UserID    int64
	Name      string
	Body      string
	CreatedAt time.Time
}

// AddVideoChat keeps a chat line and sets its ID and time.
func (db *DB) AddVideoChat(ctx context.Context, c *VideoChat) error {
	c.CreatedAt = db.clock()
	var err error
	c.ID, err = db.insertID(ctx, db.w, `INSERT INTO video_chat (request_id, user_id, body, created_at) VALUES ($1,$2,$3,$4) RETURNING id`,
		c.RequestID, c.UserID, c.Body, c.CreatedAt)
	return err
}

// VideoChatAfter lists a meeting's chat after the cursor, oldest first.
func (db *DB) VideoChatAfter(ctx context.Context, requestID, after int64, limit int) ([]VideoChat, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (VideoChat, error) {
		var c VideoChat
		err := row.Scan(&c.ID, &c.RequestID, &c.UserID, &c.Name, &c.Body, &c.CreatedAt)
		c.CreatedAt = c.CreatedAt.UTC()
		return c, err
	}, `SELECT c.id, c.request_id, c.user_id, u.name, c.body, c.created_at FROM video_chat c JOIN users u ON u.id = c.user_id
		WHERE c.request_id = $1 AND c.id > $2 ORDER BY c.id LIMIT `+itoa(limit), requestID, after)
}

// VideoPresence is when a person was last in a room, and their zone.
type VideoPresence struct {
	UserID    int64
	FirstSeen time.Time
	LastSeen  time.Time
	TimeZone  string
}

// TouchVideoPresence records that userID is in the room now, with the
// zone their browser reports (kept when zone is "").
func (db *DB) TouchVideoPresence(ctx context.Context, requestID, userID int64, zone string) error {
	now := db.clock()
	_, err := db.w.ExecContext(ctx, `INSERT INTO video_presence (request_id, user_id, first_seen, last_seen, time_zone) VALUES ($1,$2,$3,$3,$4)
		ON CONFLICT (request_id, user_id) DO UPDATE SET last_seen = excluded.last_seen,
		time_zone = CASE WHEN excluded.time_zone = '' THEN video_presence.time_zone ELSE excluded.time_zone END`, requestID, userID, now, zone)
	return db.mapErr(err)
}

// VideoPresenceOf lists who has been in the room.
func (db *DB) VideoPresenceOf(ctx context.Context, requestID int64) ([]VideoPresence, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (VideoPresence, error) {
		var p VideoPresence
		err := row.Scan(&p.UserID, &p.FirstSeen, &p.LastSeen, &p.TimeZone)
		p.FirstSeen, p.LastSeen = p.FirstSeen.UTC(), p.LastSeen.UTC()
		return p, err
	}, `SELECT user_id, first_seen, last_seen, time_zone FROM video_presence WHERE request_id = $1 ORDER BY user_id`, requestID)
}

// VideoActivityAfter lists the rooms with signaling messages or chat
// after the two cursors, and the cursors to poll from next: one query an
// instance runs to wake its streams for rows other instances wrote.
func (db *DB) VideoActivityAfter(ctx context.Context, signalAfter, chatAfter int64) (rooms []int64, signalLast, chatLast int64, err error) {
	signalLast, chatLast = signalAfter, chatAfter
	type act struct{ room, last int64 }
	scan := func(row interface{ Scan(...any) error }) (act, error) {
		var a act
		return a, row.Scan(&a.room, &a.last)
	}
	sigs, err := queryAll(ctx, db.r, scan, `SELECT request_id, max(id) FROM video_signals WHERE id > $1 GROUP BY request_id`, signalAfter)
	if err != nil {
		return nil, 0, 0, err
	}
	chats, err := queryAll(ctx, db.r, scan, `SELECT request_id, max(id) FROM video_chat WHERE id > $1 GROUP BY request_id`, chatAfter)
	if err != nil {
		return nil, 0, 0, err
	}
	for _, a := range sigs {
		rooms, signalLast = append(rooms, a.room), max(signalLast, a.last)
	}
	for _, a := range chats {
		rooms, chatLast = append(rooms, a.room), max(chatLast, a.last)
	}
	return rooms, signalLast, chatLast, nil
}

// VideoCursors are the highest signaling and chat ids now (a poller starts
// after them).
func (db *DB) VideoCursors(ctx context.Context) (signal, chat int64, err error) {
	var s, c sql.NullInt64
	err = db.r.QueryRowContext(ctx, `SELECT (SELECT max(id) FROM video_signals), (SELECT max(id) FROM video_chat)`).Scan(&s, &c)
	return s.Int64, c.Int64, err
}

// VideoLinks maps the edition's video rooms (table ids) to their external
// URLs.
func (db *DB) VideoLinks(ctx context.Context, editionID int64) (map[int64]string, error) {
	type link struct {
		id  int64
		url string
	}
	l, err := queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (link, error) {
		var x link
		return x, row.Scan(&x.id, &x.url)
	}, `SELECT l.table_id, l.url FROM video_links l JOIN meeting_tables t ON t.id = l.table_id WHERE t.edition_id = $1`, editionID)
	out := map[int64]string{}
	for _, x := range l {
		out[x.id] = x.url
	}
	return out, err
}

// VideoFigure is one group of an edition's video meetings (by session, or
// room zone outside sessions, and the talent's country of residence).
type VideoFigure struct {
	Session  string
	Country  string
	Meetings int     // published video meetings on the built-in call
	Held     int     // both sides were in the room
	Minutes  float64 // both in the room together (first arrival to last heartbeat)
	NoShows  int     // closed rooms that a side never entered
	Upcoming int     // not closed yet at now
}

// VideoFigures counts an edition's video meetings held, their minutes and
// no-shows, by session and the talent's country, from the rooms' presence.
// Rooms pointed at an external meeting system are left out (their
// presence is not seen); a room counts as closed closeAfter past its slot.
func (db *DB) VideoFigures(ctx context.Context, editionID int64, now time.Time, closeAfter time.Duration) ([]VideoFigure, error) {
	type row struct {
		session, country string
		end              time.Time
		f, t             [2]sql.NullTime
	}
	rows, err := queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (row, error) {
		var x row
		err := r.Scan(&x.session, &x.country, &x.end, &x.f[0], &x.f[1], &x.t[0], &x.t[1])
		return x, err
	}, `SELECT COALESCE(rs.location, t.time_zone), COALESCE(ta.residence, tb.residence, ''), s.ends_at,
		pf.first_seen, pf.last_seen, pt.first_seen, pt.last_seen
		FROM meetings m JOIN meeting_requests r ON r.id = m.request_id JOIN slots s ON s.id = m.slot_id
		JOIN meeting_tables t ON t.id = m.table_id
		LEFT JOIN remote_sessions rs ON rs.id = t.session_id
		LEFT JOIN video_links l ON l.table_id = t.id
		LEFT JOIN talents ta ON ta.user_id = r.to_user_id LEFT JOIN talents tb ON tb.user_id = r.from_user_id
		LEFT JOIN video_presence pf ON pf.request_id = r.id AND pf.user_id = r.from_user_id
		LEFT JOIN video_presence pt ON pt.request_id = r.id AND pt.user_id = r.to_user_id
		WHERE r.edition_id = $1 AND m.published AND t.video AND r.cancelled_at IS NULL AND l.table_id IS NULL`, editionID)
	if err != nil {
		return nil, err
	}
	by := map[[2]string]*VideoFigure{}
	var keys [][2]string
	for _, x := range rows {
		k := [2]string{x.session, x.country}
		g := by[k]
		if g == nil {
			g = &VideoFigure{Session: x.session, Country: x.country}
			by[k] = g
			keys = append(keys, k)
		}
		g.Meetings++
		both := x.f[0].Valid && x.t[0].Valid
		switch {
		case both:
			g.Held++
			from, to := maxTime(x.f[0].Time, x.t[0].Time), minTime(x.f[1].Time, x.t[1].Time)
			if to.After(from) {
				g.Minutes += to.Sub(from).Minutes()
			}
		case now.After(x.end.Add(closeAfter)):
			g.NoShows++
		default:
			g.Upcoming++
		}
	}
	out := make([]VideoFigure, 0, len(keys))
	for _, k := range keys {
		out = append(out, *by[k])
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Session != out[j].Session {
			return out[i].Session < out[j].Session
		}
		return out[i].Country < out[j].Country
	})
	return out, nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
