package request

import (
	"net/http"
	"strings"

	"github.com/convene/convene/internal/model"
)

// mobileUA are User-Agent fragments of phones and tablets.
var mobileUA = []string{"Mobi", "Android", "iPhone", "iPad", "HarmonyOS", "MicroMessenger"}

// Channel tells a phone from a computer by its User-Agent: good enough for
// a figure, and no script or cookie is needed.
func Channel(r *http.Request) model.Channel {
	ua := r.UserAgent()
	for _, m := range mobileUA {
		if strings.Contains(ua, m) {
			return model.ChannelMobile
		}
	}
	return model.ChannelPC
}
