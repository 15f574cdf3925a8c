// Package chromium prints HTML to PDF with Debian's Chromium (chromedp's
// PrintToPDF): posters now, badges, table cards and the report later.
//
// Why Chromium rather than a pure-Go PDF library: Chinese text must render,
// and Chromium finds Debian's fonts-noto-cjk through fontconfig and embeds
// subsets of them, where a Go library would need a TrueType face (Noto CJK
// ships CFF outlines in a .ttc collection, which the pure-Go libraries read
// poorly or not at all) and code of ours to subset it; HTML also wraps long
// names and lays out grids for free. The cost is a Chromium process per
// document (about a second), bounded by the printer's slots.
package chromium

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ErrMissing: Chromium is not installed (callers answer 503 with a clear
// message).
var ErrMissing = errors.New("chromium not installed")

// Printer prints documents, a few at a time.
type Printer struct {
	slots chan struct{}
}

// New returns a printer running at most n Chromium processes at once.
func New(n int) *Printer { return &Printer{slots: make(chan struct{}, n)} }

// Path is the Chromium binary: $CONVENE_CHROMIUM, else chromium on PATH.
func Path() (string, error) {
	if p := os.Getenv("CONVENE_CHROMIUM"); p != "" {
		return p, nil
	}
	return exec.LookPath("chromium")
}

// PDF renders a standalone HTML document to an A4 PDF (margins in inches).
func (p *Printer) PDF(ctx context.Context, html string, margin float64) ([]byte, error) {
	path, err := Path()
	if err != nil {
		return nil, ErrMissing
	}
	select {
	case p.slots <- struct{}{}:
		defer func() { <-p.slots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	dir, err := os.MkdirTemp("", "convene-pdf")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	actx, cancelA := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(dir))
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		return nil, fmt.Errorf("print: %w", err)
	}
	tree, err := chromedp.Call(bctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return nil, fmt.Errorf("print: %w", err)
	}
	if _, err := chromedp.Call(bctx, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: html}); err != nil {
		return nil, fmt.Errorf("print: %w", err)
	}
	// data: images decode before the document's load completes.
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`new Promise(r => document.readyState === "complete" ? r(true) : addEventListener("load", () => r(true)))`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("print: %w", err)
	}
	pdf, err := chromedp.Run(bctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFMargin(margin), chromedp.PDFPrintBackground()))
	if err != nil {
		return nil, fmt.Errorf("print: %w", err)
	}
	return pdf, nil
}
