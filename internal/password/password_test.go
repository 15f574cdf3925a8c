package password

import "testing"

func TestHashCheck(t *testing.T) {
	h, err := Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := Hash("correct horse battery")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: salt missing")
	}
	for _, c := range []struct {
		pw   string
		want bool
	}{{"correct horse battery", true}, {"correct horse batterY", false}, {"", false}} {
		got, err := Check(h, c.pw)
		if err != nil || got != c.want {
			t.Fatalf("Check(%q) = %v, %v; want %v", c.pw, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "$argon2id$", "plain", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=99999999,t=1,p=1$AA$AA"} {
		if _, err := Check(bad, "x"); err == nil {
			t.Fatalf("Check(%q) accepted a malformed hash", bad)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		Hash("correct horse battery")
	}
}
