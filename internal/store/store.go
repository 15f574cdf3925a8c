package store

import (
	"context"
	"time"

	"github.com/convene/convene/internal/model"
)

// Store is everything Convene keeps. *DB implements it on SQLite and on
// PostgreSQL; the web layer depends on this interface only.
type Store interface {
	Ping(ctx context.Context) error
	Dialect() string
	Close() error

	// Accounts and sessions.
	Register(ctx context.Context, r *model.Registration, hash string) (model.User, error)
	CreateUser(ctx context.Context, u *model.User, hash string) error
	UserByEmail(ctx context.Context, email string) (model.User, string, error)
	User(ctx context.Context, id int64) (model.User, error)
	SetLocale(ctx context.Context, userID int64, locale string) error
	CreateSession(ctx context.Context, tokenHash string, userID int64, ttl time.Duration) error
	SessionUser(ctx context.Context, tokenHash string) (model.User, error)
	DeleteSession(ctx context.Context, tokenHash string) error
	PurgeSessions(ctx context.Context) (int64, error)
	LoginFailures(ctx context.Context, key string, window time.Duration) (int, error)
	RecordLoginFailure(ctx context.Context, key string, window time.Duration) error
	ClearLoginFailures(ctx context.Context, key string) error

	// Organizations.
	CreateOrganization(ctx context.Context, o *model.Organization) error
	UpdateOrganization(ctx context.Context, o *model.Organization) error
	Organization(ctx context.Context, id int64) (model.Organization, error)
	SetOrgStatus(ctx context.Context, id int64, s model.OrgStatus, by int64) error
	ListOrganizations(ctx context.Context, f OrgFilter) ([]model.Organization, error)

	// Editions, venues, exhibition plan, fairs.
	CreateEdition(ctx context.Context, e *model.Edition, by int64) error
	UpdateEdition(ctx context.Context, e *model.Edition, by int64) error
	Edition(ctx context.Context, id int64) (model.Edition, error)
	CurrentEdition(ctx context.Context) (model.Edition, error)
	ListEditions(ctx context.Context) ([]model.Edition, error)
	CreateVenue(ctx context.Context, v *model.Venue) error
	UpdateVenue(ctx context.Context, v *model.Venue) error
	Venue(ctx context.Context, id int64) (model.Venue, error)
	ListVenues(ctx context.Context, editionID int64) ([]model.Venue, error)
	CreateHall(ctx context.Context, h *model.Hall) error
	CreateArea(ctx context.Context, a *model.Area) error
	CreateBooth(ctx context.Context, b *model.Booth) error
	BoothSummaries(ctx context.Context, editionID int64) ([]BoothSummary, error)
	CreateFair(ctx context.Context, f *model.Fair) error
	UpdateFair(ctx context.Context, f *model.Fair) error
	Fair(ctx context.Context, id int64) (model.Fair, error)
	ListFairs(ctx context.Context, editionID int64) ([]model.Fair, error)
	CreateRemoteSession(ctx context.Context, s *model.RemoteSession) error
	ListRemoteSessions(ctx context.Context, fairID int64) ([]model.RemoteSession, error)

	// Talents, posts, applications.
	TalentByUser(ctx context.Context, userID int64) (model.Talent, error)
	Talent(ctx context.Context, id int64) (model.Talent, error)
	UpdateTalent(ctx context.Context, t *model.Talent) error
	ListTalents(ctx context.Context, f TalentFilter) ([]model.Talent, error)
	CreatePost(ctx context.Context, p *model.Post) error
	Post(ctx context.Context, id int64) (model.Post, error)
	PostDetail(ctx context.Context, id int64) (model.Post, model.Organization, model.Fair, error)
	ListPosts(ctx context.Context, f PostFilter) ([]model.Post, error)
	Apply(ctx context.Context, talentID, postID int64, ch model.Channel) (model.Application, bool, error)
	ApplicationsOfTalent(ctx context.Context, talentID int64) ([]model.Application, error)
	AppliedPosts(ctx context.Context, talentID int64) (map[int64]model.AppStatus, error)
	ApplicationsOfOrg(ctx context.Context, orgID int64, limit, offset int) ([]model.Application, error)

	// Areas keep their methods in interfaces of their own files.
	FairStore    // posts, imports, search, inbox, figures (fairs_store.go)
	ScanStore    // QR tokens, CVs, visits (scan_store.go)
	MeetingStore // meeting requests, availability, slots, tables, schedules (meetings_store.go)
	MatchStore   // compact reads for the matching index (match_store.go)

	// Projects, events, figures, audit.
	CreateProject(ctx context.Context, p *model.Project) error
	ListProjects(ctx context.Context, f ProjectFilter) ([]model.Project, error)
	CreateEvent(ctx context.Context, e *model.Event) error
	ListEvents(ctx context.Context, editionID int64) ([]model.Event, error)
	Counts(ctx context.Context, editionID int64) (Counts, error)
	AuditEntries(ctx context.Context, limit int) ([]model.AuditEntry, error)
}
