package request

import (
	"net/http"
	"testing"

	"github.com/convene/convene/internal/model"
)

func TestChannel(t *testing.T) {
	for _, c := range []struct {
		ua   string
		want model.Channel
	}{
		{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", model.ChannelMobile},
		{"Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/126.0 Mobile Safari/537.36", model.ChannelMobile},
		{"Mozilla/5.0 (Linux; Android 13) MicroMessenger/8.0", model.ChannelMobile},
		{"Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36", model.ChannelPC},
		{"", model.ChannelPC},
	} {
		r, _ := http.NewRequest("GET", "/", nil)
		r.Header.Set("User-Agent", c.ua)
		if got := Channel(r); got != c.want {
			t.Fatalf("Channel(%q) = %s, want %s", c.ua, got, c.want)
		}
	}
}
