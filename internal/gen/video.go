package gen

import (
	"context"
	"fmt"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// DemoVideoRoom is the code of the demo's video room.
const DemoVideoRoom = "VIDEO-1"

// loadVideo gives the demo a video interview that can be opened at once:
// the demo enterprise interviews the demo talent in a video room (Tokyo
// time) in a one-hour slot that began when the demo was loaded (so the
// room, open from ten minutes before until fifteen after, is open now).
// The talent applies to one of the enterprise's posts they had not applied
// to; the meeting goes through the usual request, acceptance and a
// published schedule run. It is the only run the demo has. The clock is
// read here, at load, not in Generate: the convention itself stays the
// same for a seed.
// It reports whether it made an application.
func loadVideo(ctx context.Context, db *store.DB, c *Convention, editionID int64) (bool, error) {
	var ent, tal, org model.User
	for _, l := range c.Logins {
		u, _, err := db.UserByEmail(ctx, l.Email)
		if err != nil {
			return false, fmt.Errorf("video demo: %s: %w", l.Email, err)
		}
		switch l.Role {
		case model.RoleEnterprise:
			ent = u
		case model.RoleTalent:
			tal = u
		case model.RoleOrganizer:
			org = u
		}
	}
	if ent.ID == 0 || tal.ID == 0 || ent.OrgID == nil {
		return false, nil // a convention too small for the two logins
	}
	talent, err := db.TalentByUser(ctx, tal.ID)
	if err != nil {
		return false, err
	}
	posts, err := db.ListPosts(ctx, store.PostFilter{EditionID: editionID, OrgID: *ent.OrgID, Status: model.PostOpen, Limit: 200})
	if err != nil {
		return false, err
	}
	var app model.Application
	for _, p := range posts {
		a, created, err := db.Apply(ctx, talent.ID, p.ID, model.ChannelPC)
		if err != nil {
			continue
		}
		if created {
			app = a
			break
		}
	}
	if app.ID == 0 {
		return false, nil // applied to every post already: no new interview to place
	}
	req, err := db.CreateMeetingRequest(ctx, store.MeetingRequestInput{Kind: model.MeetingInterview, ByUserID: ent.ID, ApplicationID: app.ID, Video: true})
	if err != nil {
		return true, fmt.Errorf("video demo: request: %w", err)
	}
	if err := db.AnswerMeetingRequest(ctx, req.ID, tal.ID, true); err != nil {
		return true, fmt.Errorf("video demo: accept: %w", err)
	}
	start := time.Now().UTC().Truncate(time.Minute)
	if _, err := db.AddSlots(ctx, editionID, []model.Slot{{EditionID: editionID, StartsAt: start, EndsAt: start.Add(time.Hour)}}); err != nil {
		return true, err
	}
	var slot int64
	sl, err := db.ListSlots(ctx, editionID)
	if err != nil {
		return true, err
	}
	for _, s := range sl {
		if s.StartsAt.Equal(start) {
			slot = s.ID
		}
	}
	room := model.Table{EditionID: editionID, Code: DemoVideoRoom, Video: true}
	if err := db.CreateMeetingTable(ctx, &room, "Asia/Tokyo"); err != nil {
		return true, fmt.Errorf("video demo: room: %w", err)
	}
	run := store.ScheduleRun{EditionID: editionID, Kind: "interview", Requests: 1}
	if err := db.SaveScheduleRun(ctx, &run, org.ID, nil, []store.Placement{{RequestID: req.ID, SlotID: slot, TableID: room.ID}}); err != nil {
		return true, err
	}
	_, err = db.PublishScheduleRun(ctx, run.ID, org.ID)
	return true, err
}
