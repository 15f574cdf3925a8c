package store

import (
	"context"

	"github.com/convene/convene/internal/model"
)

// ApplicationChoice is an application as a picker shows it: who applied,
// to which post of which organization, and where it stands; a reader picks
// by these names, never by the numbers.
type ApplicationChoice struct {
	ID          int64
	Status      model.AppStatus
	TalentName  string
	PostTitle   string
	PostTitleZH string
	OrgName     string
	OrgNameZH   string
}

// The 200 newest: a page's <select> stays short enough to scroll, and an
// enterprise with more open applications answers them from its inbox.
const applicationChoiceSQL = `SELECT a.id, a.status, t.name, p.title, o.name, o.name_zh, p.title_zh
FROM applications a JOIN talents t ON t.id = a.talent_id JOIN posts p ON p.id = a.post_id JOIN organizations o ON o.id = p.org_id
WHERE `

func scanApplicationChoice(row interface{ Scan(...any) error }) (ApplicationChoice, error) {
	var c ApplicationChoice
	err := row.Scan(&c.ID, &c.Status, &c.TalentName, &c.PostTitle, &c.OrgName, &c.OrgNameZH, &c.PostTitleZH)
	return c, err
}

// ApplicationChoicesOfTalent lists a talent's applications, newest first.
func (db *DB) ApplicationChoicesOfTalent(ctx context.Context, talentID int64) ([]ApplicationChoice, error) {
	return queryAll(ctx, db.r, scanApplicationChoice, applicationChoiceSQL+`a.talent_id = $1 ORDER BY a.id DESC LIMIT 200`, talentID)
}

// ApplicationChoicesOfOrg lists the applications to an organization's
// posts, newest first.
func (db *DB) ApplicationChoicesOfOrg(ctx context.Context, orgID int64) ([]ApplicationChoice, error) {
	return queryAll(ctx, db.r, scanApplicationChoice, applicationChoiceSQL+`p.org_id = $1 ORDER BY a.id DESC LIMIT 200`, orgID)
}
