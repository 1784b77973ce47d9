package app_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Every route enforces the body limit API.md gives it, with the readable
// 413 JSON, even to a client that writes its whole body before it reads.
func TestBodyLimitsAreEnforcedAndAnsweredReadably(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	cases := []struct {
		method, path, ctype string
		size                int
		want                int
	}{
		{"POST", "/api/sessions/" + s.ID + "/next", "application/json", 1 << 20, 413},
		{"POST", "/api/sessions/" + s.ID + "/next", "application/json", 64 << 10, 200},
		{"POST", "/api/sessions", "application/json", 65<<10 + 1, 413},
		{"POST", "/api/decks/check", "application/json", 2 << 20, 413},
		{"POST", "/api/decks/try.en/copy", "application/json", 4 << 20, 413},
		{"DELETE", "/api/decks/nosuch", "application/json", 7 << 20, 413},
		{"POST", "/api/decks/import", "multipart/form-data; boundary=XX", 20 << 20, 413},
	}
	for _, c := range cases {
		status, body, err := writeWholeBodyFirst(k.base, c.method, c.path, c.ctype, c.size)
		if err != nil {
			t.Errorf("%s %s with %d bytes: %v (want the %d answer, not a reset)", c.method, c.path, c.size, err, c.want)
			continue
		}
		if status != c.want {
			t.Errorf("%s %s with %d bytes: got %d %.200s, want %d", c.method, c.path, c.size, status, body, c.want)
			continue
		}
		if c.want == 413 {
			var e struct {
				Error struct{ Code, Message string }
			}
			if json.Unmarshal(body, &e) != nil || e.Error.Code != "too_large" || !strings.Contains(e.Error.Message, "iB") {
				t.Errorf("%s %s: got %.200s, want too_large JSON that names the limit", c.method, c.path, body)
			}
		}
	}
}

// writeWholeBodyFirst sends a request with a body of size bytes (a JSON
// string, padded) and only then reads the answer, as a simple client does.
func writeWholeBodyFirst(base, method, path, ctype string, size int) (int, []byte, error) {
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		return 0, nil, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	head := fmt.Sprintf("%s %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
		method, path, strings.TrimPrefix(base, "http://"), testKey, ctype, size)
	body := bytes.Repeat([]byte(" "), size)
	if size >= 2 {
		body[0], body[size-1] = '{', '}'
	}
	if _, err := conn.Write(append([]byte(head), body...)); err != nil {
		return 0, nil, fmt.Errorf("writing the body: %w", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, nil, fmt.Errorf("reading the answer: %w", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b, nil
}
