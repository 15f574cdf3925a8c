// Package judging is the start-up contest's pure engine: it assigns
// entries to judges (every entry k judges when enough non-conflicted judges
// exist, loads within one of each other, never a conflicted judge), ranks
// entries from judges' rubric scores (raw and normalized per judge, spread,
// Kendall's W, entries whose rank depends on the method, ties broken by a
// rule) and decides which policies a talent or project meets, and why.
//
// Plain values in, plain values out: no I/O, standard library only.
package judging
