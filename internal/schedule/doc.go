// Package schedule places meeting requests (interviews, project
// negotiations) into time slots and onto tables or video rooms.
//
// It is a pure engine: plain values in, plain values out, no I/O. Validate
// checks an Instance; Schedule returns a Result in which every request is
// either assigned (slot and resource) or unplaced with a ReasonCode; Agenda
// lists one participant's meetings for pages and .ics files; WriteLP writes
// the same problem as an integer program for an external solver.
//
// The objective is lexicographic: first the sum of priority weights of
// placed meetings, then fairness (fewest participants with requests but no
// meeting), then compact agendas (fewest idle available slots between a
// person's meetings). Hard constraints: nobody in two overlapping slots,
// at most one meeting per resource and time, participants available for
// the whole slot, resource kind and venue, per-participant limits, time to
// change venue, and locked assignments kept as they are.
//
// The problem is a weighted edge colouring of a multigraph (people are
// vertices, requests are edges, slots are colours) with per-slot capacities
// (pools of interchangeable tables) and per-vertex availability. The
// engine:
//
//   - runs two searches side by side, one per core: one builds its first
//     schedule heaviest request first, fewest feasible slots first, into
//     the slot its participants' other requests need least; the other in
//     order of weight net of the participants' scarcity price, with
//     another seed. The better result wins. Only a large instance whose
//     tables are the bottleneck runs the first alone;
//   - each search repairs its schedule with ejection chains (a
//     breadth-first search for a chain of moves ending in a free place, or
//     in dropping a lighter meeting), Kempe chain swaps between two slots,
//     alternating exchanges around participant limits, and trades that
//     eject lighter meetings;
//   - then runs an iterated local search with annealing cycles (forced
//     insertion of a random unplaced request, repair, accept by a falling
//     temperature), restarting each cycle from its best schedule;
//   - then ruin and recreate: take out a connected region of meetings
//     around a random unplaced request, put the region's requests back
//     heaviest first, and keep the round unless it loses weight (below
//     about 1,070 requests, more rounds run on while a copy finishes
//     without them, and the longer run wins only if it is better);
//   - and compacts agendas by moves and swaps that keep every meeting.
//
// Results are deterministic: each search is bounded by step counts (see
// Options.Effort), never by the wall clock, its randomness is seeded
// (see Options.Seed), no result depends on map iteration order, and the
// choice between the two searches does not depend on which finishes
// first. The
// package validate checks schedules independently; docs/benchmarks.md
// has the figures against CBC optima and LP bounds.
package schedule
