package notify

import (
	"context"
	"testing"

	"github.com/convene/convene/internal/model"
)

func TestPublishReachesEverySubscriberInOrder(t *testing.T) {
	var b Bus
	var got []string
	b.Subscribe(func(_ context.Context, e Event) {
		if p, ok := e.(PostsSaved); ok {
			got = append(got, "a:"+p.Posts[0].Title)
		}
	})
	b.Subscribe(func(_ context.Context, e Event) {
		switch e := e.(type) {
		case PostsSaved:
			got = append(got, "b:"+e.Posts[0].Title)
		case TalentSaved:
			got = append(got, "b:"+e.Talent.Name)
		}
	})
	b.Publish(context.Background(), PostsSaved{Posts: []model.Post{{Title: "p"}}})
	b.Publish(context.Background(), TalentSaved{Talent: model.Talent{Name: "t"}})
	want := []string{"a:p", "b:p", "b:t"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}
