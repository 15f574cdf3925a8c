package gen

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// CVs (issue 19): "CVs received from overseas talents: more than 2,000".
// An application does not need a CV on Convene, and the figure counts the
// overseas applicants who have one; until now no generated talent had a
// CV, so the figure said 0. Most applicants upload one (cvShareApplicants),
// fewer of those who never apply.
const (
	cvShareApplicants = 0.92
	cvShareOthers     = 0.40
)

// cvs gives talents a CV: CVFile is the key SaveCV will set ("db:" and the
// SHA-256 of cvPDF), so the convention knows who has one before it loads.
func (g *generator) cvs(r *rand.Rand) {
	for i := range g.c.Talents {
		share := cvShareOthers
		if g.applicants[i] {
			share = cvShareApplicants
		}
		if r.Float64() < share {
			t := &g.c.Talents[i]
			sum := sha256.Sum256(cvPDF(t))
			t.CVFile = "db:" + hex.EncodeToString(sum[:])
		}
	}
}

// cvPDF is a talent's one-page CV, a minimal valid PDF naming them.
func cvPDF(t *model.Talent) []byte {
	body := fmt.Sprintf("BT /F1 12 Tf 72 720 Td (CV %d) Tj ET", t.ID)
	return []byte(fmt.Sprintf("%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"+
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n4 0 obj<</Length %d>>stream\n%s\nendstream endobj\n"+
		"trailer<</Root 1 0 R>>\nstartxref\n0\n%%%%EOF\n", len(body), body))
}

// loadCVs stores the CVs through the store's own operation (one
// transaction each: about 3,900 at scale 1), after the bulk load.
func loadCVs(ctx context.Context, db *store.DB, c *Convention) error {
	if len(c.Talents) == 0 {
		return nil
	}
	first := c.Talents[0]
	u, _, err := db.UserByEmail(ctx, c.Users[first.UserID-1].Email)
	if err != nil {
		return fmt.Errorf("cvs: %w", err)
	}
	dbt, err := db.TalentByUser(ctx, u.ID)
	if err != nil {
		return fmt.Errorf("cvs: %w", err)
	}
	off := dbt.ID - first.ID
	for i := range c.Talents {
		t := c.Talents[i]
		if t.CVFile == "" {
			continue
		}
		cv := model.CV{TalentID: t.ID + off, Name: "cv.pdf", Content: cvPDF(&t)}
		if err := db.SaveCV(ctx, &cv); err != nil {
			return fmt.Errorf("cvs: talent %d: %w", t.ID, err)
		}
	}
	return nil
}
