package store_test

import (
	"bytes"
	"testing"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestSpeakers: profiles per edition, a photo kept through an edit that
// sends none, a name taken twice refused, another edition's profile not
// changed through this one.
func TestSpeakers(t *testing.T) {
	storetest.Run(t, storetest.Cases{"Profiles": func(t *testing.T, db *store.DB) {
		ed := storetest.MustEdition(t, db, "ocs-speakers")
		other := storetest.MustEdition(t, db, "ocs-other")
		photo := []byte("\x89PNG fake")
		s := store.Speaker{EditionID: ed.ID, Name: "Li Wei", NameZH: "李伟", Affiliation: "Sun Yat-sen University", Bio: "Works on batteries.", BioZH: "研究电池。"}
		if err := db.SaveSpeaker(ctx, &s, photo, "image/png"); err != nil || s.ID == 0 {
			t.Fatalf("add: %v", err)
		}
		s.Bio = "Works on solid-state batteries."
		if err := db.SaveSpeaker(ctx, &s, nil, ""); err != nil {
			t.Fatalf("edit: %v", err)
		}
		if b, typ, err := db.SpeakerPhoto(ctx, s.ID); err != nil || typ != "image/png" || !bytes.Equal(b, photo) {
			t.Fatalf("photo after an edit without one: %q %q %v", b, typ, err)
		}
		l, err := db.Speakers(ctx, ed.ID)
		if err != nil || len(l) != 1 || l[0].Bio != "Works on solid-state batteries." || l[0].PhotoType != "image/png" {
			t.Fatalf("speakers %+v %v", l, err)
		}
		dup := store.Speaker{EditionID: ed.ID, Name: "Li Wei"}
		if err := db.SaveSpeaker(ctx, &dup, nil, ""); model.AsError(err) == nil || model.AsError(err).Code != model.Conflict {
			t.Fatalf("a name twice: %v", err)
		}
		if err := db.SaveSpeaker(ctx, &store.Speaker{EditionID: ed.ID}, nil, ""); model.AsError(err) == nil {
			t.Fatalf("no name: %v", err)
		}
		moved := s
		moved.EditionID, moved.Name = other.ID, "Someone else"
		if err := db.SaveSpeaker(ctx, &moved, nil, ""); !model.IsNotFound(err) {
			t.Fatalf("edited through another edition: %v", err)
		}
		if l, _ := db.Speakers(ctx, ed.ID); len(l) != 1 || l[0].Name != "Li Wei" {
			t.Fatalf("after refused changes: %+v", l)
		}
		if _, _, err := db.SpeakerPhoto(ctx, dup.ID+1000); !model.IsNotFound(err) {
			t.Fatalf("photo of nobody: %v", err)
		}
	}})
}
