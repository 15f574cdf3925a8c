package store

import (
	"context"

	"github.com/convene/convene/internal/model"
)

// CreateEvent adds a summit, forum or activity.
func (db *DB) CreateEvent(ctx context.Context, e *model.Event) error {
	id, err := db.insertID(ctx, db.w, `INSERT INTO events (edition_id, kind, title, title_zh, topics, speakers, room, starts_at, ends_at, capacity)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
		e.EditionID, e.Kind, e.Title, e.TitleZH, list(e.Topics).String(), list(e.Speakers).String(), e.Room, e.StartsAt.UTC(), e.EndsAt.UTC(), e.Capacity)
	e.ID = id
	return err
}

func scanEvent(row interface{ Scan(...any) error }) (model.Event, error) {
	var e model.Event
	err := row.Scan(&e.ID, &e.EditionID, &e.Kind, &e.Title, &e.TitleZH, scanList(&e.Topics), scanList(&e.Speakers), &e.Room, &e.StartsAt, &e.EndsAt, &e.Capacity)
	e.StartsAt, e.EndsAt = e.StartsAt.UTC(), e.EndsAt.UTC()
	return e, err
}

// ListEvents lists an edition's events in time order.
func (db *DB) ListEvents(ctx context.Context, editionID int64) ([]model.Event, error) {
	return queryAll(ctx, db.r, scanEvent, `SELECT id, edition_id, kind, title, title_zh, topics, speakers, room, starts_at, ends_at, capacity
		FROM events WHERE edition_id = $1 ORDER BY starts_at, id`, editionID)
}
