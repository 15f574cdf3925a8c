package match

// TopPosts returns the exact top k open posts for t by brute force: every
// post is scored. It is the reference the Index is tested against, and fine
// for small inputs. Post IDs must be unique.
func TopPosts(t Talent, posts []Post, k int) []Match {
	sy := newSymbols()
	tf := sy.compileTalent(&t)
	pfs := make([]pfeat, len(posts))
	pcs := make([]pcold, len(posts))
	var all []entry
	for i := range posts {
		pfs[i], pcs[i] = sy.compilePost(&posts[i])
		if s, ok := recommendable(&tf, &pfs[i], &pcs[i]); ok {
			all = append(all, entry{id: posts[i].ID, score: s, slot: int32(i)})
		}
	}
	sortEntries(all)
	out := make([]Match, 0, min(k, len(all)))
	for _, e := range all[:min(max(k, 0), len(all))] {
		out = append(out, Match{TalentID: t.ID, PostID: e.id, Score: int(e.score),
			Explanation: explain(sy, &tf, &pfs[e.slot], &pcs[e.slot])})
	}
	return out
}

// TopTalents returns the exact top k talents for p by brute force; see TopPosts.
func TopTalents(p Post, talents []Talent, k int) []Match {
	sy := newSymbols()
	pf, pc := sy.compilePost(&p)
	tfs := make([]tfeat, len(talents))
	var all []entry
	for i := range talents {
		tfs[i] = sy.compileTalent(&talents[i])
		if s, ok := recommendable(&tfs[i], &pf, &pc); ok {
			all = append(all, entry{id: talents[i].ID, score: s, slot: int32(i)})
		}
	}
	sortEntries(all)
	out := make([]Match, 0, min(k, len(all)))
	for _, e := range all[:min(max(k, 0), len(all))] {
		out = append(out, Match{TalentID: e.id, PostID: p.ID, Score: int(e.score),
			Explanation: explain(sy, &tfs[e.slot], &pf, &pc)})
	}
	return out
}

// recommendable is the rule for entering a top-k list: the post is open,
// its hard filter passes and the pair shares at least one canonical skill.
func recommendable(t *tfeat, p *pfeat, pc *pcold) (int32, bool) {
	if !p.open() {
		return 0, false
	}
	m := shared(t.skills, pc.skills)
	if m == 0 {
		return 0, false
	}
	s, _ := pairScore(t, p, pc, m)
	return s, s >= 0
}

// ComputeMatchingRate computes the matching rate by brute force over every
// pair. For large inputs build an Index and call its MatchingRate.
func ComputeMatchingRate(talents []Talent, posts []Post) MatchingRate {
	sy := newSymbols()
	tfs := make([]tfeat, len(talents))
	for i := range talents {
		tfs[i] = sy.compileTalent(&talents[i])
	}
	talentMatched := make([]bool, len(talents))
	var r MatchingRate
	r.Talents = len(talents)
	for i := range posts {
		pf, pc := sy.compilePost(&posts[i])
		if !pf.open() {
			continue
		}
		r.OpenPosts++
		matched := false
		for j := range tfs {
			m := shared(tfs[j].skills, pc.skills)
			if _, mutual := pairScore(&tfs[j], &pf, &pc, m); mutual {
				matched = true
				talentMatched[j] = true
			}
		}
		if matched {
			r.MatchedPosts++
		}
	}
	for _, ok := range talentMatched {
		if ok {
			r.MatchedTalents++
		}
	}
	return r
}
