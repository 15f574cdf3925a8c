package account

import (
	"context"
	"net"
	"net/http"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/password"
)

// Sign-in throttling: per address and per account, in the database so
// every instance counts the same failures.
const (
	loginWindow     = 15 * time.Minute
	MaxFailsAccount = 5
	maxFailsAddress = 30
)

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// authenticate checks an email and password, counting failures. It hashes
// even for unknown accounts so timing does not reveal which exist.
func (a *Area) authenticate(ctx context.Context, r *http.Request, email, pw string) (model.User, error) {
	email, _ = model.NormalizeEmail(email)
	keys := []struct {
		key string
		max int
	}{{"acct:" + email, MaxFailsAccount}, {"ip:" + clientIP(r), maxFailsAddress}}
	for _, k := range keys {
		n, err := a.db.LoginFailures(ctx, k.key, loginWindow)
		if err != nil {
			return model.User{}, err
		}
		if n >= k.max {
			return model.User{}, model.Errorf(model.TooMany, "err.too_many_logins")
		}
	}
	u, hash, err := a.db.UserByEmail(ctx, email)
	if err != nil && !model.IsNotFound(err) {
		return model.User{}, err
	}
	if err != nil {
		hash = dummyHash
	}
	ok, cerr := password.Check(hash, pw)
	if err != nil || cerr != nil || !ok {
		for _, k := range keys {
			if err := a.db.RecordLoginFailure(ctx, k.key, loginWindow); err != nil {
				return model.User{}, err
			}
		}
		return model.User{}, model.Errorf(model.Unauthorized, "err.bad_login")
	}
	a.db.ClearLoginFailures(ctx, "acct:"+email)
	return u, nil
}

var dummyHash, _ = password.Hash("not a real password")
