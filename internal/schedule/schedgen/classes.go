package schedgen

// Class is a named instance family; Size scales it.
type Class struct {
	Name string
	// Make returns the config for a size factor (1 = small) and a seed.
	Make func(size int, seed uint64) Config
}

// Classes are the instance families of the optimality check. Each is hard
// in a different way: popular hosts whose demand exceeds their slots,
// scarce tables, partial availability, limits, venues with travel buffers
// and video rooms.
func Classes() []Class {
	return []Class{
		{"interview", func(n int, seed uint64) Config {
			return Config{Name: "interview", Seed: seed, Participants: 40 * n, HostShare: 0.2, Requests: 60 * n,
				Slots: 8, Tables: 3 * n, MaxPriority: 3, Partial: 0.3, Skew: 0.6}
		}},
		{"tight-tables", func(n int, seed uint64) Config {
			return Config{Name: "tight-tables", Seed: seed, Participants: 40 * n, HostShare: 0.25, Requests: 60 * n,
				Slots: 8, Tables: 2*n + n/2, MaxPriority: 5, Partial: 0.2, Skew: 0.3}
		}},
		{"partial", func(n int, seed uint64) Config {
			return Config{Name: "partial", Seed: seed, Participants: 40 * n, HostShare: 0.2, Requests: 60 * n,
				Slots: 10, Tables: 4 * n, MaxPriority: 3, Partial: 0.8, Skew: 0.5}
		}},
		{"limits", func(n int, seed uint64) Config {
			return Config{Name: "limits", Seed: seed, Participants: 40 * n, HostShare: 0.2, Requests: 70 * n,
				Slots: 8, Tables: 4 * n, MaxPriority: 4, Partial: 0.3, HostLimit: 5, GuestLimit: 2, Skew: 0.4}
		}},
		{"negotiation", func(n int, seed uint64) Config {
			return Config{Name: "negotiation", Seed: seed, Participants: 40 * n, HostShare: 0.3, Requests: 55 * n,
				Slots: 8, Venues: 2, Tables: 2 * n, MaxPriority: 3, Partial: 0.3, ThreeWay: 0.3, VenueBound: 0.5,
				Buffer: true, Skew: 0.4}
		}},
		{"video", func(n int, seed uint64) Config {
			return Config{Name: "video", Seed: seed, Participants: 40 * n, HostShare: 0.2, Requests: 60 * n,
				Slots: 8, Venues: 2, Tables: 2 * n, Videos: n, VideoShare: 0.3, VenueBound: 0.3, MaxPriority: 3,
				Partial: 0.4, Skew: 0.5}
		}},
		// The thinnest margin measured outside the project (issue 20):
		// venue-bound negotiations over two venues whose slot grids overlap
		// (one starts a quarter hour later), with 15 travel minutes between
		// venues instead of a free slot.
		{"negotiation-grids", func(n int, seed uint64) Config {
			return Config{Name: "negotiation-grids", Seed: seed, Participants: 40 * n, HostShare: 0.3, Requests: 55 * n,
				Slots: 8, Venues: 2, Tables: 2 * n, MaxPriority: 3, Partial: 0.3, ThreeWay: 0.3, VenueBound: 0.5,
				Skew: 0.4, Grids: true, Travel: 15}
		}},
	}
}

// Bench is the speed benchmark: 10,000 requests among 4,000 participants,
// 16 slots and 200 tables.
func Bench(seed uint64) Config {
	return Config{Name: "bench", Seed: seed, Participants: 4000, HostShare: 0.15, Requests: 10000,
		Slots: 16, Tables: 200, MaxPriority: 5, Partial: 0.3, Skew: 0.5}
}

// BenchTwo are speed instances on which both searches run (a place is left
// free after construction, or ruin and recreate gets a budget), unlike
// Bench, whose tables are the bottleneck and which runs one search only.
// Two searches side by side on two cores is where state written by one
// and read by the other costs time, so these are the ones that show it.
func BenchTwo(seed uint64) []Config {
	return []Config{
		// A video fair over two days of 26 slots; 60% of people are there
		// for part of each day only (remote participants in other time
		// zones), half the requests need a video room.
		{Name: "video-fair-10k", Seed: seed, Participants: 4000, HostShare: 0.15, Requests: 10000,
			Slots: 26, Days: 2, Venues: 2, Tables: 60, Videos: 80, VideoShare: 0.5, VenueBound: 0.3,
			Partial: 0.6, MaxPriority: 5, Skew: 0.5},
		// Strongly skewed popularity with tables to spare: a few hosts hold
		// most of the demand.
		{Name: "skewed-10k", Seed: seed, Participants: 4000, HostShare: 0.15, Requests: 10000,
			Slots: 16, Tables: 320, MaxPriority: 5, Partial: 0.3, Skew: 1.2},
		// Mid-size negotiation (the negotiation class at size 27): three-party
		// meetings, two venues with a travel buffer, venue-bound requests.
		Classes()[4].Make(27, seed),
	}
}
