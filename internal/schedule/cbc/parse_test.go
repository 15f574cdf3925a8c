package cbc

import "testing"

func TestParse(t *testing.T) {
	cases := []struct {
		name  string
		log   string
		relax bool
		want  Solution
		err   bool
	}{
		{"optimal", "Result - Optimal solution found\n\nObjective value:                72.00000000\n", false,
			Solution{Value: 72, Bound: 72, Optimal: true}, false},
		{"time limit", "Result - Stopped on time limit\n\nObjective value:                980.00000000\nUpper bound:                    982.000\n", false,
			Solution{Value: 980, Bound: 982}, false},
		{"relaxation", "Optimal - objective value 14625\nOptimal objective 14625 - 51 iterations\n", true,
			Solution{Value: 14625, Bound: 14625, Optimal: true}, false},
		{"no bound", "Result - Stopped on time limit\nObjective value: 5\n", false, Solution{}, true},
		{"garbage", "Segmentation fault", false, Solution{}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parse(tc.log, tc.relax)
			if (err != nil) != tc.err {
				t.Fatalf("err = %v, want error %v", err, tc.err)
			}
			if !tc.err && got != tc.want {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
