// Package match is the person-post matching engine: it scores and explains
// talent × post pairs and keeps, for every talent, its best posts and, for
// every post, its best talents, exact and up to date as profiles and posts
// change. It is pure: plain values in, plain values out, no I/O.
//
// Scoring (score.go). Free text is normalized first (normalize.go): case
// folding, full-width forms, separators, and a bilingual vocabulary of skills,
// disciplines, industries (fields), languages and cities, so "机器学习", "ML"
// and "Machine Learning" are one skill. A post's hard filter (degree at least
// the minimum, every required language, experience at most ExperienceSlack
// years short) decides eligibility; the score, an integer from 0 to MaxScore,
// adds skill coverage (350), the share of the talent's skills used (100),
// degree (100), experience (100), discipline/industry affinity (150),
// language (50), city preference (75) and intent to work in China (75).
// Integers make sums exact and ties real, so every path ranks alike: score
// descending, then ID ascending. Evaluate explains a pair with reason codes
// and params, never sentences, for the web layer to translate.
//
// Recommendation. A pair can be recommended when the post is open, it is
// eligible and the two share at least one canonical skill. TopPosts and
// TopTalents are the brute-force reference. The Index (index.go) answers the
// same questions from kept lists and keeps them exact under Upsert and Remove;
// Build computes all lists at once on all cores (build*.go), pruning
// pairs whose upper bound cannot enter either list, and scanning one
// representative of each group of profiles no score tells apart
// (build_groups.go), so repeated posts and tied profiles cost what their
// distinct profiles cost.
//
// Two-sided acceptance and the matching rate are defined once, in accept.go
// and rate.go. Fair re-ranking (fair.go) trades a little relevance for wider,
// headcount-aware exposure of posts.
package match
