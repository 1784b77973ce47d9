package kittest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// Client speaks a kit's HTTP API with the host key.
type Client struct {
	Base string       // http://host:port
	Key  string       // the host key
	HTTP *http.Client // nil: http.DefaultClient
}

// Error is the API's answer to a request it refused (docs/API.md, Errors).
type Error struct {
	Method, Path string
	Status       int
	Code         string // "" when the answer is not the API's JSON error
	Message      string
	Body         []byte // the whole answer
}

func (e *Error) Error() string {
	if e.Code == "" {
		return fmt.Sprintf("%s %s: HTTP %d: %.200s", e.Method, e.Path, e.Status, e.Body)
	}
	return fmt.Sprintf("%s %s: HTTP %d %s: %s", e.Method, e.Path, e.Status, e.Code, e.Message)
}

// Do sends body (when not nil) as JSON and returns the status and the answer
// as it came (JSON, a CSV, an image). When out is not nil the JSON answer is
// decoded into it, whatever the status: a refused deck carries its problems.
// An answer of 300 or more is also an *Error.
func (c *Client) Do(ctx context.Context, method, path string, body, out any) (int, []byte, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, fmt.Errorf("kittest: %s %s: %w", method, path, err)
		}
		r = bytes.NewReader(b)
	}
	status, data, err := c.send(ctx, method, path, r)
	if err != nil {
		return 0, nil, err
	}
	if status >= 300 {
		if out != nil {
			json.Unmarshal(data, out) // the refusal is the error; what else it carries is a bonus
		}
		return status, data, refusal(method, path, status, data)
	}
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return status, data, fmt.Errorf("kittest: %s %s: %w in %.200s", method, path, err, data)
		}
	}
	return status, data, nil
}

func (c *Client) send(ctx context.Context, method, path string, body io.Reader) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.Base+path, body)
	if err != nil {
		return 0, nil, fmt.Errorf("kittest: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.Key)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, nil, fmt.Errorf("kittest: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, fmt.Errorf("kittest: %s %s: %w", method, path, err)
	}
	return resp.StatusCode, data, nil
}

func refusal(method, path string, status int, data []byte) *Error {
	var e struct {
		Error struct{ Code, Message string }
	}
	json.Unmarshal(data, &e)
	return &Error{Method: method, Path: path, Status: status, Code: e.Error.Code, Message: e.Error.Message, Body: data}
}
