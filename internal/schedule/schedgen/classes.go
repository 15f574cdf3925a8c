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
	}
}

// Bench is the speed benchmark: 10,000 requests among 4,000 participants,
// 16 slots and 200 tables.
func Bench(seed uint64) Config {
	return Config{Name: "bench", Seed: seed, Participants: 4000, HostShare: 0.15, Requests: 10000,
		Slots: 16, Tables: 200, MaxPriority: 5, Partial: 0.3, Skew: 0.5}
}
