package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/password"
	"github.com/convene/convene/internal/store"
)

// TestContestSecondRound: a screening judged and closed (seeded through
// the store), on a phone the organizer advances the top two to the final
// (the engine assigns its judges), a judge sees the final to score and
// submits, the organizer closes the final and selects, and the finalist's
// owner sees how far the project went. Every page fits 390 px.
func TestContestSecondRound(t *testing.T) {
	s := startServer(t)
	seedEdition(t, s)
	db := s.openStore(t)
	bg := context.Background()
	e, _ := db.CurrentEdition(bg)
	hash, _ := password.Hash(testPassword)
	org, _, err := db.UserByEmail(bg, organizerEmail)
	if err != nil {
		t.Fatal(err)
	}
	var judges []model.User
	for _, n := range []string{"alpha", "beta", "gamma"} {
		u := model.User{Email: n + "@judges.example", Name: "Judge " + n, Role: model.RoleJudge, Locale: "en"}
		if err := db.CreateUser(bg, &u, hash); err != nil {
			t.Fatal(err)
		}
		judges = append(judges, u)
	}
	c := store.Contest{EditionID: e.ID, Name: "Chunhui Cup", NameZH: "春晖杯", K: 3, SelectN: 1,
		Rubric: []store.Criterion{{Key: "team", Name: "Team", NameZH: "团队", Weight: 1, Max: 10}},
		Rounds: []store.Round{{Name: "Screening", NameZH: "初赛"}, {Name: "Final", NameZH: "决赛"}}}
	if err := db.CreateContest(bg, &c, org.ID); err != nil {
		t.Fatal(err)
	}
	for _, j := range judges {
		if err := db.AddJudge(bg, c.ID, j.ID, org.ID); err != nil {
			t.Fatal(err)
		}
	}
	var entries []int64
	for i, title := range []string{"Quantum gravimeter", "Gene chip", "Battery recycling"} {
		email := []string{"li.wei@example.com", "wang.fang@example.com", "zhao.lei@example.com"}[i]
		owner, err := db.Register(bg, &model.Registration{Email: email, Name: title + " founder", Password: testPassword, Role: model.RoleTalent, Locale: "en"}, hash)
		if err != nil {
			t.Fatal(err)
		}
		p := model.Project{EditionID: e.ID, Source: model.SourceTalent, OwnerUserID: &owner.ID, Title: title, Field: "Physics", Stage: "prototype"}
		if err := db.CreateProject(bg, &p); err != nil {
			t.Fatal(err)
		}
		en, err := db.EnterContest(bg, c.ID, p.ID, owner.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, en.ID)
	}
	var pairs []store.Pair
	for _, en := range entries {
		for _, j := range judges {
			pairs = append(pairs, store.Pair{EntryID: en, JudgeID: j.ID})
		}
	}
	if err := db.SaveAssignment(bg, c.ID, pairs, org.ID); err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		v := map[int64]int{entries[0]: 9, entries[1]: 7, entries[2]: 3}[p.EntryID]
		if err := db.SaveScores(bg, p.EntryID, p.JudgeID, []store.Mark{{Criterion: "team", Value: v}}, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CloseRound(bg, c.ID, org.ID); err != nil {
		t.Fatal(err)
	}

	ctx := longBrowser(t, 3*time.Minute)
	do(t, ctx, chromedp.Emulate(device.IPhone12))
	narrow := func(p string) {
		t.Helper()
		if w, err := chromedp.Run(ctx, chromedp.Evaluate[float64]("document.documentElement.scrollWidth")); err != nil || w > 390 {
			t.Fatalf("%s is %v px wide at 390 px: %v", p, w, err)
		}
	}
	cpath := "/contests/" + i64(c.ID)

	// The organizer advances the screening's top two.
	login(t, ctx, s, organizerEmail, "/admin")
	do(t, ctx, chromedp.Navigate(s.URL+cpath+"/review"))
	waitPath(t, ctx, s.URL, cpath+"/review")
	if got := text(t, ctx, "#review-round"); !strings.Contains(got, "Round 1 of 2") || !strings.Contains(got, "Screening") {
		t.Fatalf("review's round: %q", got)
	}
	narrow(cpath + "/review")
	setValue(t, ctx, `#advance input[name=n]`, "2")
	shot(t, ctx, "rounds-1-advance")
	click(t, ctx, "#advance-top")
	waitPath(t, ctx, s.URL, cpath+"/assignment")
	if got := text(t, ctx, "p.flash"); !strings.Contains(got, "advanced to the next round") {
		t.Fatalf("advance: %q", got)
	}
	if got := text(t, ctx, "#assignment"); !strings.Contains(got, "Gene chip") || strings.Contains(got, "Battery recycling") {
		t.Fatalf("the final's assignment: %q", got)
	}
	narrow(cpath + "/assignment")
	logout(t, ctx, s)

	// A judge scores the final on the phone.
	login(t, ctx, s, judges[0].Email, "/me")
	do(t, ctx, chromedp.Navigate(s.URL+cpath+"/judge"))
	waitPath(t, ctx, s.URL, cpath+"/judge")
	if got := text(t, ctx, "#judge-round"); !strings.Contains(got, "You score: Final") {
		t.Fatalf("judge's round: %q", got)
	}
	narrow(cpath + "/judge")
	shot(t, ctx, "rounds-2-judge")
	for _, en := range entries[:2] {
		do(t, ctx, chromedp.Navigate(s.URL+"/entries/"+i64(en)+"/score"))
		setValue(t, ctx, `#score-form input[name=score_team]`, map[int64]string{entries[0]: "8", entries[1]: "9"}[en])
		click(t, ctx, "#submit-scores")
		waitPath(t, ctx, s.URL, cpath+"/judge")
	}
	logout(t, ctx, s)
	for _, j := range judges[1:] {
		for _, en := range entries[:2] {
			if err := db.SaveScores(bg, en, j.ID, []store.Mark{{Criterion: "team", Value: 8}}, true); err != nil {
				t.Fatal(err)
			}
		}
	}

	// The organizer closes the final and selects.
	login(t, ctx, s, organizerEmail, "/admin")
	do(t, ctx, chromedp.Navigate(s.URL+cpath))
	click(t, ctx, "#close-round")
	waitPath(t, ctx, s.URL, cpath+"/review")
	if got := text(t, ctx, "#review thead"); !strings.Contains(got, "Screening") {
		t.Fatalf("no screening column: %q", got)
	}
	if got := text(t, ctx, "#behind"); !strings.Contains(got, "Battery recycling") {
		t.Fatalf("left behind: %q", got)
	}
	narrow(cpath + "/review")
	shot(t, ctx, "rounds-3-final")
	click(t, ctx, "#select-top")
	waitPath(t, ctx, s.URL, cpath+"/review")
	click(t, ctx, "#publish")
	waitPath(t, ctx, s.URL, cpath+"/review")
	logout(t, ctx, s)

	// The owner of the entry left behind sees where it stopped.
	login(t, ctx, s, "zhao.lei@example.com", "/me")
	third, _ := db.EntryByID(bg, entries[2])
	do(t, ctx, chromedp.Navigate(s.URL+"/projects/"+i64(third.ProjectID)+"/contests"))
	if got := text(t, ctx, "#project-entries .entry-reach"); !strings.Contains(got, "Not advanced past: Screening") {
		t.Fatalf("reach: %q", got)
	}
	narrow("/projects/…/contests")
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }
