package account

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/password"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
	"github.com/convene/convene/internal/web/session"
)

// Sign-in throttling (docs/security.md): every attempt is counted in the
// store BEFORE the password is hashed, so concurrent wrong passwords cannot
// all be checked. A browser the account signed in from before (a valid
// device cookie) is counted on its own, so a stranger's wrong passwords
// never lock the owner out; strangers are counted per account (back-off,
// not a lock) and per client address (the real client, behind trusted
// proxies).

// MaxFailsAccount is how many wrong passwords from strangers an account
// takes before each further attempt must wait (the default limits).
var MaxFailsAccount = session.DefaultLimits().Account.Free

// authenticate checks an email and password. It hashes even for unknown
// accounts so timing does not reveal which exist.
func (a *Area) authenticate(w http.ResponseWriter, r *http.Request, email, pw string) (model.User, error) {
	ctx := r.Context()
	email, _ = model.NormalizeEmail(email)
	u, hash, err := a.DB.UserByEmail(ctx, email)
	if err != nil && !model.IsNotFound(err) {
		return model.User{}, err
	}
	known := err == nil
	if !known {
		hash = dummyHash
	}
	lim := a.Sessions.Limits()
	type counted struct {
		key string
		th  store.Throttle
	}
	var keys []counted
	if dev := ""; known {
		if dev = a.Sessions.Device(r, u.ID); dev != "" {
			keys = []counted{{"dev:" + dev, lim.Device}}
		}
	}
	if keys == nil {
		keys = []counted{{"ip:" + request.ClientIP(r), lim.Address}, {"acct:" + email, lim.Account}}
	}
	for _, k := range keys {
		ok, retry, err := a.DB.AdmitAttempt(ctx, k.key, k.th)
		if err != nil {
			return model.User{}, err
		}
		if !ok {
			session.RetryAfter(w, retry)
			return model.User{}, model.Errorf(model.TooMany, "err.too_many_logins")
		}
	}
	ok, cerr := password.Check(hash, pw)
	if !known || cerr != nil || !ok {
		return model.User{}, model.Errorf(model.Unauthorized, "err.bad_login")
	}
	for _, k := range keys {
		if k.key[:3] == "ip:" {
			a.DB.ForgiveAttempt(ctx, k.key) // a success is not held against the address
		} else {
			a.DB.ClearLoginFailures(ctx, k.key)
		}
	}
	return u, nil
}

var dummyHash, _ = password.Hash("not a real password")
