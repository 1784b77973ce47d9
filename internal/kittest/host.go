package kittest

import (
	"context"
	"errors"
	"time"
)

// Client is the host's API client for this kit.
func (k *Kit) Client() *Client { return &Client{Base: k.Base, Key: k.Key} }

// API calls the kit's HTTP API with the host key (see Client.Do). It returns
// the status and, for a refused request, the API's error code; a request
// that cannot be made, or a success that does not decode, fails the test.
func (k *Kit) API(method, path string, body, out any) (int, string) {
	k.t.Helper()
	status, _, err := k.Client().Do(context.Background(), method, path, body, out)
	var e *Error
	if errors.As(err, &e) {
		return status, e.Code
	}
	if err != nil {
		k.t.Fatal(err)
	}
	return status, ""
}

// Get returns the answer to a GET with the host key (a CSV, an image); any
// answer but a success fails the test.
func (k *Kit) Get(path string) []byte {
	k.t.Helper()
	_, data, err := k.Client().Do(context.Background(), "GET", path, nil, nil)
	if err != nil {
		k.t.Fatal(err)
	}
	return data
}

// Session is what GET /api/sessions/{id} answers (POST /api/sessions answers
// its ID, Code and JoinURL).
type Session struct {
	ID, Code, Phase, Title      string
	JoinURL                     string `json:"join_url"`
	Index, Total                int
	Joined, Connected, Answered int
	Game                        bool // game mode (issue 15)
	SpeedBonus                  bool `json:"speed_bonus"`
	Teams                       int  // automatic teams in a game

	Mode     string     // "live" or "self-paced"
	ClosesAt *time.Time `json:"closes_at"` // a self-paced session's closing time
	// The steps and switches (API.md): live results shown, reactions on,
	// the room locked.
	Results, Reactions, Locked bool
}

// StartPaced starts a self-paced session of deck, open until closes (nil:
// until it is ended).
func (k *Kit) StartPaced(deck string, closes *time.Time) Session {
	k.t.Helper()
	var s Session
	body := map[string]any{"deck": deck, "self_paced": true}
	if closes != nil {
		body["closes_at"] = closes.UTC().Format(time.RFC3339Nano)
	}
	if st, code := k.API("POST", "/api/sessions", body, &s); st != 201 {
		k.t.Fatalf("POST /api/sessions %s self-paced: got %d %s, want 201", deck, st, code)
	}
	return s
}

// StartSession starts a session of deck.
func (k *Kit) StartSession(deck string) Session {
	k.t.Helper()
	var s Session
	if st, code := k.API("POST", "/api/sessions", map[string]string{"deck": deck}, &s); st != 201 {
		k.t.Fatalf("POST /api/sessions %s: got %d %s, want 201", deck, st, code)
	}
	return s
}

// StartGame starts a session of deck in game mode, with the speed bonus
// or not.
func (k *Kit) StartGame(deck string, speed bool) Session {
	k.t.Helper()
	var s Session
	if st, code := k.API("POST", "/api/sessions", map[string]any{"deck": deck, "game": true, "speed_bonus": speed}, &s); st != 201 {
		k.t.Fatalf("POST /api/sessions %s (game): got %d %s, want 201", deck, st, code)
	}
	return s
}

// Session reads a session's state.
func (k *Kit) Session(id string) Session {
	k.t.Helper()
	var s Session
	if st, code := k.API("GET", "/api/sessions/"+id, nil, &s); st != 200 {
		k.t.Fatalf("GET /api/sessions/%s: got %d %s, want 200", id, st, code)
	}
	return s
}

// SaveDeck saves a new deck from its source and returns its id.
func (k *Kit) SaveDeck(source string) string {
	k.t.Helper()
	var out struct{ Deck struct{ ID string } }
	if st, code := k.API("POST", "/api/decks", map[string]string{"source": source}, &out); st != 201 || out.Deck.ID == "" {
		k.t.Fatalf("POST /api/decks: got %d %s %+v, want 201 and an id", st, code, out)
	}
	return out.Deck.ID
}

// QuestionSlides returns the index of the first slide of each question kind
// in a deck ("single", "multiple", "poll", …).
func (k *Kit) QuestionSlides(deck string) map[string]int {
	k.t.Helper()
	var d struct {
		Deck struct {
			Slides []struct {
				Question *struct{ Kind string }
			}
		}
	}
	if st, code := k.API("GET", "/api/decks/"+deck, nil, &d); st != 200 {
		k.t.Fatalf("GET /api/decks/%s: got %d %s, want 200", deck, st, code)
	}
	out := map[string]int{}
	for i, s := range d.Deck.Slides {
		if s.Question != nil {
			if _, ok := out[s.Question.Kind]; !ok {
				out[s.Question.Kind] = i
			}
		}
	}
	return out
}
