package match

// A pair is mutually acceptable when both sides would say yes:
//
//   - the post accepts the talent: its hard filter passes (degree, languages,
//     experience within ExperienceSlack) and the talent has at least half of
//     the post's required skills (a post with no required skills accepts no
//     one: the engine cannot judge it);
//   - the talent accepts the post: the post is open, the talent does not say
//     "no" to working in China, and the post's city is one of the talent's
//     preferred cities when the talent listed any.
//
// The score ranks; acceptability decides whether a pair counts as a match in
// the matching rate.

func postAccepts(p *pfeat, m int32) bool {
	return p.np > 0 && 2*m >= int32(p.np)
}

func talentAccepts(t *tfeat, p *pfeat, cs cityState) bool {
	return p.open() && t.intent != IntentNo && cs != cityOther
}

// mutual is pairScore's mutual without the score, for pairs Build skips.
func mutual(t *tfeat, p *pfeat, pc *pcold, m int32) bool {
	return postAccepts(p, m) && talentAccepts(t, p, t.cityState(p.city)) && eligible(t, p, pc)
}

// MutuallyAcceptable reports whether t and p accept each other (see the
// definition above Evaluate's Explanation.Mutual).
func MutuallyAcceptable(t Talent, p Post) bool {
	return Evaluate(t, p).Mutual
}
