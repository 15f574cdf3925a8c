package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/password"
	"github.com/convene/convene/internal/store"
)

// simulateCmd fills a database with a generated convention at any scale and
// prints what it wrote. It refuses a database that already holds data
// unless -force is given.
func simulateCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	scale := fs.Float64("scale", 1, "size of the convention (1 = the 2017 convention: 3,500 overseas talents, 354 enterprises, 10,000+ posts)")
	seed := fs.Int64("seed", 2017, "generator seed: the same seed and scale give the same convention")
	force := fs.Bool("force", false, "load into a database that already holds data")
	quiet := fs.Bool("quiet", false, "no progress bar")
	previous := fs.Bool("previous", true, "also write the previous edition (2016: 25,000 m², about three fifths of the people and activity), so figures compare with it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("simulate: unexpected arguments %q", fs.Args())
	}
	if !(*scale > 0 && *scale <= 1000) {
		return fmt.Errorf("simulate: -scale must be above 0 and at most 1000, not %g", *scale)
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if !*force {
		// Checked before generating, so a refusal is immediate.
		empty, err := db.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if !empty {
			return refuseNotEmpty(*dsn)
		}
	}

	start := time.Now()
	fmt.Fprintf(stdout, "Generating a convention (scale %g, seed %d) ...\n", *scale, *seed)
	conv := gen.Generate(*seed, *scale)
	genTime := time.Since(start)
	hash, err := password.Hash(gen.DemoPassword)
	if err != nil {
		return err
	}
	t := conv.Totals()
	all := t.Rows
	if *previous {
		all = t.WithPrevious()
	}
	var bar *progressbar.ProgressBar
	if !*quiet {
		bar = progressbar.NewOptions64(int64(rowsOf(all)),
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("loading "+db.Dialect()),
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString("rows"),
			progressbar.OptionShowIts(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetWidth(30),
		)
	}
	sum, err := gen.Load(ctx, db, conv, gen.LoadOptions{
		PasswordHash: hash,
		Force:        *force,
		Previous:     *previous,
		Progress: func(done, total int) {
			if bar != nil {
				bar.Set(done)
			}
		},
	})
	if bar != nil {
		bar.Finish()
	}
	if errors.Is(err, gen.ErrNotEmpty) {
		return refuseNotEmpty(*dsn)
	}
	if err != nil {
		return err
	}
	printSimulateSummary(stdout, db.Dialect(), conv, t, sum, genTime)
	return nil
}

func refuseNotEmpty(dsn string) error {
	return fmt.Errorf("simulate: %s already holds data (an edition, organization or account); nothing was written. "+
		"Use an empty database, or -force to add a generated convention beside the data", dsn)
}

func rowsOf(r store.TableCounts) int {
	return r.Editions + r.Venues + r.Halls + r.Areas + r.Booths + r.Fairs + r.RemoteSessions + r.Events +
		r.Organizations + r.Users + r.Talents + r.Posts + r.Applications + r.Visits + r.Projects +
		r.Contests + r.ContestJudges + r.Entries + r.Scores + r.Dockings + r.Exhibits
}

func printSimulateSummary(w io.Writer, dialect string, c *gen.Convention, t gen.Totals, sum gen.Summary, genTime time.Duration) {
	r := t.Rows // this edition's
	r.Applications += sum.Scenes.Applications
	rows := rowsOf(sum.Rows)
	line := func(kind string, n int, note string) { fmt.Fprintf(w, "  %-28s %9d  %s\n", kind, n, note) }
	fmt.Fprintf(w, "\nLoaded edition %d (%s) into %s:\n\n", sum.EditionID, c.Edition.Name, dialect)
	line("talents", r.Talents, fmt.Sprintf("%d overseas, %d high-skilled, %d students", t.Overseas, t.HighSkilled, t.Students))
	line("  overseas PhD", t.OverseasPhD, pct(t.OverseasPhD, t.Overseas)+" of overseas")
	line("  intending China", t.OverseasIntentYes, pct(t.OverseasIntentYes, t.Overseas)+" of overseas")
	line("  video fair talents", t.VideoTalents, fmt.Sprintf("%d PhD", t.VideoTalentsPhD))
	line("organizations", r.Organizations, fmt.Sprintf("%d pending approval", t.Pending))
	line("  enterprises", t.Enterprises, fmt.Sprintf("%d Global 500, %d posting", t.Global500, t.PostingEnterprises))
	line("  delegations", t.Delegations, fmt.Sprintf("%d foreign", t.ForeignDelegations))
	line("  parks, HR firms, investors", t.Parks+t.HRFirms+t.Investors, fmt.Sprintf("%d / %d / %d", t.Parks, t.HRFirms, t.Investors))
	line("users", r.Users, "password "+gen.DemoPassword)
	line("fairs", r.Fairs, fmt.Sprintf("%d remote sessions", r.RemoteSessions))
	line("posts", r.Posts, fmt.Sprintf("overseas %d, high-skilled %d, video %d", t.PostsByFair[0], t.PostsByFair[1], t.PostsByFair[2]))
	line("applications", r.Applications, fmt.Sprintf("%d overseas applicants", t.OverseasApplicants))
	line("visits", sum.VisitCount, fmt.Sprintf("in %d rows", r.Visits))
	line("events", r.Events, "summits, forums, promotion activities")
	line("projects", r.Projects, fmt.Sprintf("talents %d, delegations %d, experts %d", t.TalentProjects, t.DelegationProjects, t.ExpertProjects))
	line("contest entries", r.Entries, fmt.Sprintf("%d selected, %d scores", t.Selected, r.Scores))
	line("dockings", r.Dockings, "")
	line("venues, halls, areas", r.Venues+r.Halls+r.Areas, fmt.Sprintf("%d / %d / %d", r.Venues, r.Halls, r.Areas))
	line("booths", r.Booths, fmt.Sprintf("%d exhibits", r.Exhibits))
	if p := t.PreviousRows; sum.PreviousEditionID != 0 && c.Previous != nil {
		m2 := 0
		for _, v := range c.Previous.Venues {
			m2 += v.AreaM2
		}
		fmt.Fprintf(w, "\nand the previous edition %d (%s): %d m², %d booths, %d posts, %d applications, %d projects, %d dockings, %d events\n\n",
			sum.PreviousEditionID, c.Previous.Edition.Name, m2, p.Booths, p.Posts, p.Applications, p.Projects, p.Dockings, p.Events)
	}
	line("rows written", rows, "")
	secs := sum.Elapsed.Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(rows) / secs
	}
	fmt.Fprintf(w, "\ngenerated in %s, loaded in %s: %.0f rows/s\n", genTime.Round(time.Millisecond), sum.Elapsed.Round(time.Millisecond), rate)
	if len(c.Logins) > 0 {
		fmt.Fprintf(w, "sign in as %s (and every generated account) with password %q\n", c.Logins[0].Email, gen.DemoPassword)
	}
}

func pct(n, of int) string {
	if of == 0 {
		return "0%"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(of))
}
