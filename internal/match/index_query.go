package match

// TopPostsForTalent returns the talent's top k open posts, best first (score
// descending, then post ID ascending), each explained. It equals TopPosts
// over the same data.
func (ix *Index) TopPostsForTalent(id int64, k int) ([]Match, error) {
	return ix.top(sideT, id, k)
}

// TopTalentsForPost returns the post's top k talents, best first (score
// descending, then talent ID ascending), each explained. A closed post has none.
func (ix *Index) TopTalentsForPost(id int64, k int) ([]Match, error) {
	return ix.top(sideP, id, k)
}

func (ix *Index) top(s int, id int64, k int) ([]Match, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	x, ok := ix.s[s].slotOf[id]
	if !ok {
		return nil, ErrNotFound
	}
	return ix.matches(s, x, ix.topEntries(s, x, k), nil), nil
}

// topEntries serves k from the kept list when it is deep enough, else scans.
func (ix *Index) topEntries(s int, x int32, k int) []entry {
	if k <= 0 {
		return nil
	}
	l := ix.s[s].lists[x]
	if k <= len(l) || ix.s[s].complete[x] {
		return l[:min(k, len(l))]
	}
	return ix.scanTop(s, x, k)
}

func (ix *Index) matches(s int, x int32, es []entry, penalty []int32) []Match {
	out := make([]Match, len(es))
	for i, e := range es {
		t, p := x, e.slot
		if s == sideP {
			t, p = e.slot, x
		}
		out[i] = Match{
			TalentID:    ix.s[sideT].ids[t],
			PostID:      ix.s[sideP].ids[p],
			Score:       int(e.score),
			Explanation: explain(ix.sy, &ix.tf[t], &ix.pf[p], &ix.pc[p]),
		}
		if penalty != nil {
			out[i].Penalty = int(penalty[i])
		}
	}
	return out
}

// Explain scores and explains any held pair, recommendable or not.
func (ix *Index) Explain(talentID, postID int64) (Explanation, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	t, p, err := ix.pair(talentID, postID)
	if err != nil {
		return Explanation{}, err
	}
	return explain(ix.sy, &ix.tf[t], &ix.pf[p], &ix.pc[p]), nil
}

// pair is a held pair's slots; the caller holds ix.mu.
func (ix *Index) pair(talentID, postID int64) (t, p int32, err error) {
	t, ok := ix.s[sideT].slotOf[talentID]
	p, ok2 := ix.s[sideP].slotOf[postID]
	if !ok || !ok2 {
		return 0, 0, ErrNotFound
	}
	return t, p, nil
}

// MatchedSkills is Explain(talentID, postID).Matched alone: what a brief
// suggestion shows, without the cost of the full explanation.
func (ix *Index) MatchedSkills(talentID, postID int64) ([]string, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	t, p, err := ix.pair(talentID, postID)
	if err != nil {
		return nil, err
	}
	m, _ := skillsOf(ix.sy, &ix.tf[t], &ix.pc[p], false)
	return m, nil
}

// MatchingRate returns the matching rate (defined on the MatchingRate type)
// from counts the index keeps up to date, in time linear in its size.
func (ix *Index) MatchingRate() MatchingRate {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var r MatchingRate
	T, P := &ix.s[sideT], &ix.s[sideP]
	for x, live := range T.live {
		if live {
			r.Talents++
			if T.mutual[x] > 0 {
				r.MatchedTalents++
			}
		}
	}
	for x := range P.live {
		if ix.indexed(sideP, int32(x)) {
			r.OpenPosts++
			if P.mutual[x] > 0 {
				r.MatchedPosts++
			}
		}
	}
	return r
}
