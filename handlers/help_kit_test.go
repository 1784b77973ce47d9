package handlers

import (
	"fmt"
	"testing"
)

// TestLinksOf: only a piece that is wholly a phone number or a web address
// becomes a link, and only tel: or https:.
func TestLinksOf(t *testing.T) {
	for _, tc := range []struct{ detail, want string }{
		{"988", "[{tel:988 988}]"},
		{"1-855-333-7233", "[{tel:+18553337233 1-855-333-7233}]"},
		{"(505) 555-0100", "[{tel:+15055550100 (505) 555-0100}]"},
		{"+52 55 1234 5678", "[{tel:+525512345678 +52 55 1234 5678}]"},
		{"1-855-333-SAFE", "[]"},
		{"#SAFE", "[]"},
		{"12", "[]"},
		{"123 Main Street, Albuquerque", "[]"},
		{"report.cybertip.org", "[{https://report.cybertip.org report.cybertip.org}]"},
		{"HTTPS://Example.org/a?b=c", "[{https://Example.org/a?b=c HTTPS://Example.org/a?b=c}]"},
		{"http://example.org", "[]"},
		{"javascript:alert(1)", "[]"},
		{"example.org/<script>", "[]"},
		{"505-555-0100 · example.org", "[{tel:+15055550100 505-555-0100} {https://example.org example.org}]"},
		{"911 or 988", "[{tel:911 911} {tel:988 988}]"},
	} {
		if got := fmt.Sprint(linksOf(tc.detail)); got != tc.want {
			t.Errorf("linksOf(%q) = %s, want %s", tc.detail, got, tc.want)
		}
	}
}
