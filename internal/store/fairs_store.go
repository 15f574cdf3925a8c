package store

import (
	"context"

	"github.com/convene/convene/internal/model"
)

// FairStore holds the store's posts, imports, search, inbox and figures of the job fairs.
// Methods are added here as the area grows.
type FairStore interface {
	// Posts (posts_edit.go).
	UpdatePost(ctx context.Context, p *model.Post) error
	SetPostStatus(ctx context.Context, orgID, postID int64, s model.PostStatus) error
	ImportPosts(ctx context.Context, posts []model.Post) error
	RemoteSession(ctx context.Context, id int64) (model.RemoteSession, error)

	// Search (search.go).
	SearchPosts(ctx context.Context, f PostSearch) ([]model.Post, error)
	SearchFacets(ctx context.Context, editionID int64) (PostFacets, error)

	// Inbox, history, notifications, the talent's applications (inbox.go).
	Inbox(ctx context.Context, f InboxFilter) ([]InboxRow, error)
	MoveApplications(ctx context.Context, orgID int64, ids []int64, to model.AppStatus, by int64) error
	Application(ctx context.Context, id int64) (model.Application, error)
	ApplicationEvents(ctx context.Context, appID int64) ([]model.AppEvent, error)
	Notifications(ctx context.Context, userID int64, limit int) ([]Notification, error)
	TalentApplications(ctx context.Context, talentID int64) ([]TalentApp, error)

	// Figures (figures.go).
	FairFigures(ctx context.Context, editionID, fairID int64) (Figures, error)
	EditionFigures(ctx context.Context, editionID int64) ([]Figures, error)
}
