package load

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"text/tabwriter"
	"time"
)

func decode(resp *http.Response, out any) error {
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return &errStatus{code: resp.StatusCode}
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func urlQuery(s string) string { return url.QueryEscape(s) }

// Print writes the report as a table.
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "scenario %s, %d virtual users, %s\n\n", r.Scenario, r.VUs, r.Elapsed.Round(time.Millisecond))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "operation\tcount\terrors\treq/s\tp50\tp99\tp999\tmax\t\n")
	row := func(o OpReport) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%s\t%s\t%s\t%s\t\n", o.Name, o.Count, o.Errors, o.PerSec, ms(o.P50), ms(o.P99), ms(o.P999), ms(o.Max))
	}
	for _, o := range r.Ops {
		row(o)
	}
	row(r.Total)
	if r.Ceiling != nil {
		row(*r.Ceiling)
	}
	tw.Flush()
	if r.Ceiling != nil && r.Ceiling.PerSec > 0 {
		if a, ok := r.Op("apply"); ok {
			fmt.Fprintf(w, "\napply: %.0f/s = %.0f%% of the ceiling (GET /healthz alone: %.0f/s)\n", a.PerSec, 100*a.PerSec/r.Ceiling.PerSec, r.Ceiling.PerSec)
		}
	}
	if len(r.Samples) > 0 {
		fmt.Fprintln(w, "\nerrors (first few):")
		for _, s := range r.Samples {
			fmt.Fprintln(w, "  "+s)
		}
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range r.Notes {
			fmt.Fprintln(w, "note: "+n)
		}
	}
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
}
