package model

import "time"

// AppStatus is an application's place in the enterprise's pipeline.
type AppStatus string

const (
	AppApplied   AppStatus = "applied"
	AppViewed    AppStatus = "viewed"
	AppInterview AppStatus = "interview"
	AppOffer     AppStatus = "offer"
	AppHired     AppStatus = "hired"
	AppRejected  AppStatus = "rejected"
	AppWithdrawn AppStatus = "withdrawn"
)

var AppStatuses = []AppStatus{AppApplied, AppViewed, AppInterview, AppOffer, AppHired, AppRejected, AppWithdrawn}

func (s AppStatus) Valid() bool { return in(s, AppStatuses) }

// next holds the allowed moves: forward along the pipeline, or out of it
// (rejected by the enterprise, withdrawn by the talent) until hired.
var next = map[AppStatus][]AppStatus{
	AppApplied:   {AppViewed, AppInterview, AppRejected, AppWithdrawn},
	AppViewed:    {AppInterview, AppOffer, AppRejected, AppWithdrawn},
	AppInterview: {AppOffer, AppRejected, AppWithdrawn},
	AppOffer:     {AppHired, AppRejected, AppWithdrawn},
}

// CanMove reports whether an application may go from s to t.
func (s AppStatus) CanMove(t AppStatus) bool { return in(t, next[s]) }

// Application is one talent's interview application to one post; the pair is unique.
type Application struct {
	ID        int64
	TalentID  int64
	PostID    int64
	Channel   Channel
	Status    AppStatus
	CreatedAt time.Time
	UpdatedAt time.Time
}

// AppEvent is one step in an application's history.
type AppEvent struct {
	ID            int64
	ApplicationID int64
	From, To      AppStatus
	ByUserID      int64
	At            time.Time
}
