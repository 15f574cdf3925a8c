package load

import "testing"

func TestCheckLoopback(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://127.9.9.9", true},
		{"http://localhost:8080/", true},
		{"http://[::1]:8080", true},
		{"https://127.0.0.1", true},
		{"http://10.0.0.1:8080", false},
		{"http://192.168.1.2", false},
		{"http://example.org", false},
		{"http://localhost.example.org", false},
		{"http://[2001:db8::1]", false},
		{"ftp://127.0.0.1", false},
		{"127.0.0.1:8080", false},
		{"http://0.0.0.0:8080", false},
	} {
		_, err := CheckLoopback(tc.url)
		if (err == nil) != tc.ok {
			t.Errorf("CheckLoopback(%q) = %v, want ok %v", tc.url, err, tc.ok)
		}
	}
}
