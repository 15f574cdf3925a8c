package match

// MatchingRate is the convention's matching rate, defined once, here:
//
//   - post side: the share of open posts that have at least one mutually
//     acceptable talent;
//   - talent side: the share of talents that have at least one mutually
//     acceptable open post.
//
// "Mutually acceptable" is the two-sided rule in accept.go (see
// MutuallyAcceptable). Closed posts count on neither side.
type MatchingRate struct {
	OpenPosts, MatchedPosts int
	Talents, MatchedTalents int
}

// PostRate is MatchedPosts / OpenPosts, 0 when there are no open posts.
func (r MatchingRate) PostRate() float64 { return ratio(r.MatchedPosts, r.OpenPosts) }

// TalentRate is MatchedTalents / Talents, 0 when there are no talents.
func (r MatchingRate) TalentRate() float64 { return ratio(r.MatchedTalents, r.Talents) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
