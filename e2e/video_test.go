package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestVideoCall: on the demo, the talent and the enterprise open their
// scheduled video interview in two Chromium instances with fake cameras;
// each receives the other's video (WebRTC stats: frames decoded), once peer
// to peer and once forced through the built-in TURN relay; a third account
// is refused.
//
// The relay and the browsers' host candidates use the machine's first
// non-loopback IPv4 address: Chromium gathers no host candidates on
// loopback. Without such an address the test fails and says so.
func TestVideoCall(t *testing.T) {
	ip := hostIPv4(t)
	base, pw, logins := startDemo(t, "-turn-addr", ip+":0", "-turn-allow", ip+"/32")

	cases := []struct {
		name, query, want string // want: the local candidate type of the pair in use
	}{
		{"peer-to-peer", "", "host"},
		{"relay", "?relay=1", "relay"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ent, tal := videoBrowser(t), videoBrowser(t)
			room := ""
			for _, side := range []struct {
				ctx  context.Context
				role string
			}{{ent, "enterprise"}, {tal, "talent"}} {
				videoSignIn(t, side.ctx, base, logins[side.role], pw)
				do(t, side.ctx, chromedp.Navigate(base+"/me/agenda"))
				href := attr(t, side.ctx, "#agenda a.join", "href")
				if room != "" && href != room {
					t.Fatalf("%s's Join link is %s, the other's %s", side.role, href, room)
				}
				room = href
				do(t, side.ctx, chromedp.Navigate(base+room+c.query))
				text(t, side.ctx, "#call-status")
			}
			for _, side := range []struct {
				ctx  context.Context
				role string
			}{{ent, "enterprise"}, {tal, "talent"}} {
				st := waitFrames(t, side.ctx)
				if st.Local != c.want {
					t.Errorf("%s: the call runs over a %s candidate, want %s (%+v)", side.role, st.Local, c.want, st)
				}
				if got := text(t, side.ctx, "#other-status"); got == "" {
					t.Errorf("%s: no status for the other side", side.role)
				}
				t.Logf("%s: %+v", side.role, st)
			}
			// Chat beside the call: the talent writes, the enterprise reads it
			// without reloading.
			line := "Hello from Tokyo (" + c.name + ")"
			do(t, tal, chromedp.SendKeys(`#chat-form input[name=body]`, line), chromedp.Click(`#chat-form button`))
			for !strings.Contains(text(t, ent, "#chat-lines"), line) {
				select {
				case <-ent.Done():
					t.Fatal("the enterprise never saw the chat line")
				case <-time.After(100 * time.Millisecond):
				}
			}
			if got := text(t, ent, "#other-status"); got != "in the room" && got != "已在房间" {
				t.Errorf("the enterprise sees the talent as %q", got)
			}
		})
	}

	t.Run("third account refused", func(t *testing.T) {
		ctx := videoBrowser(t)
		videoSignIn(t, ctx, base, logins["delegation"], pw)
		// The room of the demo's interview: the talent's agenda links it.
		tal := videoBrowser(t)
		videoSignIn(t, tal, base, logins["talent"], pw)
		do(t, tal, chromedp.Navigate(base+"/me/agenda"))
		room := attr(t, tal, "#agenda a.join", "href")
		do(t, ctx, chromedp.Navigate(base+room))
		msg := text(t, ctx, ".flash") // in the account's language
		if !strings.Contains(msg, "Only the two sides") && !strings.Contains(msg, "只有会面双方") {
			t.Fatalf("a third account sees %q", msg)
		}
		page, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`fetch(%q).then(r => r.status)`, room), chromedp.EvalAwaitPromise))
		if err != nil || page != 403 {
			t.Fatalf("a third account's room page: %d %v", page, err)
		}
		has, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("call") !== null`))
		if err != nil || has {
			t.Fatalf("a third account has the call (%v)", err)
		}
		status, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`fetch(%q, {method: "POST", headers: {"Content-Type": "application/json"},
			body: JSON.stringify({kind: "hello", body: {}})}).then(r => r.status)`, room+"/signal"), chromedp.EvalAwaitPromise))
		if err != nil || status != 403 {
			t.Fatalf("a third account's signaling: %d %v", status, err)
		}
	})
}

// callStats is what the test reads of a call's getStats.
type callStats struct {
	FramesDecoded int    `json:"framesDecoded"`
	Local         string `json:"local"`
	Remote        string `json:"remote"`
}

const statsJS = `(async () => {
  const pc = window.convenePeer;
  if (!pc) return {framesDecoded: 0, local: "", remote: ""};
  const r = await pc.getStats();
  let frames = 0, pair = null;
  const byId = {};
  r.forEach(s => { byId[s.id] = s; });
  r.forEach(s => {
    if (s.type === "inbound-rtp" && s.kind === "video") frames += s.framesDecoded || 0;
    if (s.type === "transport" && s.selectedCandidatePairId) pair = byId[s.selectedCandidatePairId];
  });
  if (!pair) r.forEach(s => { if (s.type === "candidate-pair" && s.nominated && s.state === "succeeded") pair = s; });
  const l = pair && byId[pair.localCandidateId], m = pair && byId[pair.remoteCandidateId];
  return {framesDecoded: frames, local: l ? l.candidateType : "", remote: m ? m.candidateType : ""};
})()`

// waitFrames waits until the page's call has decoded video frames.
func waitFrames(t *testing.T, ctx context.Context) callStats {
	t.Helper()
	var st callStats
	for {
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](statsJS, chromedp.EvalAwaitPromise))
		if err == nil {
			json.Unmarshal(raw, &st)
			if st.FramesDecoded > 0 {
				return st
			}
		}
		select {
		case <-ctx.Done():
			status, _ := chromedp.Run(context.Background(), chromedp.Evaluate[string](`document.getElementById("call-status").innerText`))
			t.Fatalf("no video frames decoded (%+v, status %q): %v", st, status, ctx.Err())
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// attr waits for an element and reads an attribute.
func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	text(t, ctx, sel)
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q).getAttribute(%q)`, sel, name)))
	if err != nil {
		t.Fatalf("%s[%s]: %v", sel, name, err)
	}
	return v
}

func videoSignIn(t *testing.T, ctx context.Context, base, email, pw string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(`input[name=email]`, email), chromedp.SendKeys(`input[name=password]`, pw),
		chromedp.Submit(`form[action="/login"]`))
	waitPath(t, ctx, base, "/me")
}

// hostIPv4 is the machine's first up, non-loopback IPv4 address.
func hostIPv4(t *testing.T) string {
	t.Helper()
	ifs, _ := net.Interfaces()
	for _, i := range ifs {
		if i.Flags&net.FlagUp == 0 || i.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := i.Addrs()
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil {
				return n.IP.String()
			}
		}
	}
	t.Fatal("no non-loopback IPv4 address: Chromium gathers no loopback candidates, so a call cannot connect here")
	return ""
}

// videoBrowser is the harness's Chromium with fake camera and microphone
// and media permission granted.
func videoBrowser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is not installed (apt-get install chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}
