// Package schedule places meeting requests (interviews, project negotiations)
// into time slots and onto tables or video rooms.
//
// It is a pure engine: plain values in, plain values out, no I/O. The
// objective is lexicographic: first the sum of priority weights of placed
// meetings, then fairness (fewest participants with requests but nothing
// placed), then compact agendas (fewest idle available slots between a
// person's meetings). Results are deterministic: the local search is bounded
// by step counts, never by the wall clock, and its randomness is seeded.
//
// The problem is a weighted edge colouring of a multigraph (people are
// vertices, requests are edges, slots are colours) with per-slot resource
// capacities and per-vertex availability. The engine builds a greedy
// solution by scarcity and then improves it with ejection chains, Kempe
// chain swaps between two slots and seeded perturbation; see
// docs/bench-schedule.md for the figures against CBC optima.
package schedule
