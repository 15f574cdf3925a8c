package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/password"
	"github.com/convene/convene/internal/store"
)

// userCmd adds an account of any role: how a new installation gets its
// first organizer, and organizers their judges and gate staff. The
// password comes from CONVENE_PASSWORD or the first line of standard input,
// never from a flag (flags show in process lists).
func userCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	email := fs.String("email", "", "email address")
	name := fs.String("name", "", "display name")
	role := fs.String("role", "organizer", "organizer, judge or gate")
	locale := fs.String("locale", "zh", "zh or en")
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: convene user add -email E -name N [-role organizer|judge|gate] [-db ...]")
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	pw := os.Getenv("CONVENE_PASSWORD")
	if pw == "" {
		line, _ := bufio.NewReader(stdin).ReadString('\n')
		pw = strings.TrimRight(line, "\r\n")
	}
	r := model.Registration{Email: *email, Name: *name, Password: pw, Locale: *locale, Role: model.RoleTalent}
	if err := r.Validate(); err != nil {
		return fmt.Errorf("user: %v", err)
	}
	switch model.Role(*role) {
	case model.RoleOrganizer, model.RoleJudge, model.RoleGate:
	default:
		return fmt.Errorf("user: role must be organizer, judge or gate (others register themselves)")
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	u := model.User{Email: r.Email, Name: r.Name, Role: model.Role(*role), Locale: r.Locale}
	if err := db.CreateUser(ctx, &u, hash); err != nil {
		return fmt.Errorf("user: %v", err)
	}
	fmt.Fprintf(stdout, "added %s %s (id %d)\n", u.Role, u.Email, u.ID)
	return nil
}
