// Command refserver is the load generator's yardstick: the least a Fiber +
// WebSocket + SQLite server must do to speak the phone protocol's join,
// answer and slide messages. The kit is measured as a ratio to it, so a
// figure says what the kit costs beyond what this machine can do at all.
package main

import (
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fasthttp/websocket"
	fws "github.com/gofiber/contrib/websocket"
	"github.com/gofiber/fiber/v2"
	_ "modernc.org/sqlite"
)

type answer struct {
	room   *room
	pid    string
	slide  int
	choice string
	done   chan error
}

type server struct {
	db      *sql.DB
	answers chan *answer
	nextID  atomic.Int64
	rmu     sync.Mutex
	rooms   map[string]*room
}

// room is one session: its phones' queues and the current slide.
type room struct {
	id      string
	mu      sync.Mutex
	subs    map[chan *websocket.PreparedMessage]bool
	index   int
	slide   *websocket.PreparedMessage
	changed atomic.Bool
	count   atomic.Int64
}

func (s *server) room(id string) *room {
	s.rmu.Lock()
	defer s.rmu.Unlock()
	r := s.rooms[id]
	if r == nil {
		r = &room{id: id, subs: map[chan *websocket.PreparedMessage]bool{}, index: -1}
		r.slide = r.slideMsg()
		s.rooms[id] = r
	}
	return r
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8090", "listen address")
	data := flag.String("data", os.TempDir(), "folder for ref.db")
	flag.Parse()
	os.MkdirAll(*data, 0o700)
	// The kit's pragmas: busy_timeout first, WAL, synchronous FULL, one writer.
	q := url.Values{}
	for _, p := range []string{"busy_timeout(5000)", "journal_mode(WAL)", "synchronous(FULL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+filepath.Join(*data, "ref.db")+"?"+q.Encode())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS answers (session TEXT, participant TEXT, slide INTEGER, choice TEXT,
		PRIMARY KEY (session, participant, slide))`); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	s := &server{db: db, answers: make(chan *answer, 8192), rooms: map[string]*room{}}
	go s.writer()
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/healthz", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"status": "ok"}) })
	app.Post("/api/sessions", func(c *fiber.Ctx) error {
		id := fmt.Sprintf("R%05d", s.nextID.Add(1))
		s.room(id)
		return c.Status(201).JSON(fiber.Map{"id": id, "code": id})
	})
	app.Post("/api/sessions/:id/next", func(c *fiber.Ctx) error { return s.room(c.Params("id")).move(c, -1) })
	app.Post("/api/sessions/:id/goto", func(c *fiber.Ctx) error {
		var b struct{ Slide int }
		json.Unmarshal(c.Body(), &b)
		return s.room(c.Params("id")).move(c, b.Slide)
	})
	app.Post("/api/sessions/:id/end", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"phase": "ended"}) })
	app.Get("/api/sessions/:id/results.csv", s.csv)
	app.Get("/ws/join/:code", fws.New(s.phone))
	app.Get("/ws/host/:id", fws.New(s.host))
	fmt.Println("refserver listening on", *addr)
	if err := app.Listen(*addr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// move puts every slide up as a question and broadcasts one prepared frame.
func (s *room) move(c *fiber.Ctx, to int) error {
	s.mu.Lock()
	if to < 0 {
		to = s.index + 1
	}
	s.index = to
	s.slide = s.slideMsg()
	for ch := range s.subs {
		select {
		case ch <- s.slide:
		default: // a phone that does not read is dropped, as in the kit
			delete(s.subs, ch)
			close(ch)
		}
	}
	s.mu.Unlock()
	return c.JSON(fiber.Map{"index": to, "phase": "question"})
}

func (s *room) slideMsg() *websocket.PreparedMessage {
	phase := "question"
	if s.index < 0 {
		phase = "lobby"
	}
	b, _ := json.Marshal(map[string]any{"type": "slide", "index": s.index, "total": 9, "phase": phase,
		"title": "Which of these passwords is the strongest?", "question": map[string]any{"id": "ref", "kind": "single",
			"prompt": "Which of these passwords is the strongest?", "options": []string{"password123", "Four random words", "Your pet's name"}}})
	pm, _ := websocket.NewPreparedMessage(websocket.TextMessage, b)
	return pm
}

// writer commits answers in batches, then acks each one.
func (s *server) writer() {
	for a := range s.answers {
		batch := []*answer{a}
	drain:
		for len(batch) < 1024 {
			select {
			case a := <-s.answers:
				batch = append(batch, a)
			default:
				break drain
			}
		}
		tx, err := s.db.Begin()
		if err == nil {
			for _, a := range batch {
				if _, err = tx.Exec(`INSERT INTO answers VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET choice = excluded.choice`,
					a.room.id, a.pid, a.slide, a.choice); err != nil {
					break
				}
			}
			if err == nil {
				err = tx.Commit()
			} else {
				tx.Rollback()
			}
		}
		for _, a := range batch {
			a.done <- err
			a.room.count.Add(1)
			a.room.changed.Store(true)
		}
	}
}

func (srv *server) phone(c *fws.Conn) {
	s := srv.room(c.Params("code"))
	out := make(chan *websocket.PreparedMessage, 32)
	direct := make(chan []byte, 16)
	quit := make(chan struct{})
	go func() {
		defer c.Close()
		for {
			select {
			case pm, ok := <-out:
				if !ok || c.WritePreparedMessage(pm) != nil {
					return
				}
			case b := <-direct:
				if c.WriteMessage(websocket.TextMessage, b) != nil {
					return
				}
			case <-quit:
				return
			}
		}
	}()
	defer close(quit)
	defer func() {
		s.mu.Lock()
		if s.subs[out] {
			delete(s.subs, out)
		}
		s.mu.Unlock()
	}()
	pid := ""
	for {
		_, data, err := c.ReadMessage()
		if err != nil {
			return
		}
		var m struct {
			Type, Token string
			Slide       int
			Choice      []int
			Ref         int64
			Words       []string // the load generator's word cloud and open text scenarios
			Text        *string
		}
		if json.Unmarshal(data, &m) != nil {
			continue
		}
		switch m.Type {
		case "join", "resume":
			if pid = m.Token; pid == "" {
				pid = "p" + strconv.FormatInt(srv.nextID.Add(1), 10)
			}
			b, _ := json.Marshal(map[string]any{"type": "welcome", "participant": pid, "token": pid, "resumed": m.Type == "resume"})
			direct <- b
			s.mu.Lock()
			s.subs[out] = true
			out <- s.slide
			s.mu.Unlock()
		case "answer":
			choice := make([]string, len(m.Choice))
			for i, ch := range m.Choice {
				choice[i] = strconv.Itoa(ch)
			}
			stored := strings.Join(choice, ";")
			ack := map[string]any{"type": "ack", "ref": m.Ref, "slide": m.Slide, "choice": m.Choice}
			switch {
			case m.Words != nil:
				stored, ack["words"] = strings.Join(m.Words, ";"), m.Words
				delete(ack, "choice")
			case m.Text != nil:
				stored, ack["text"] = *m.Text, *m.Text
				delete(ack, "choice")
			}
			a := &answer{room: s, pid: pid, slide: m.Slide, choice: stored, done: make(chan error, 1)}
			srv.answers <- a
			if err := <-a.done; err != nil {
				continue
			}
			b, _ := json.Marshal(ack)
			direct <- b
		}
	}
}

// host sends the answer count at most four times a second.
func (srv *server) host(c *fws.Conn) {
	s := srv.room(c.Params("id"))
	go func() {
		for {
			if _, _, err := c.ReadMessage(); err != nil {
				c.Close()
				return
			}
		}
	}()
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for range t.C {
		if s.changed.Swap(false) {
			b, _ := json.Marshal(map[string]any{"type": "host_counts", "answered": s.count.Load()})
			if c.WriteMessage(websocket.TextMessage, b) != nil {
				return
			}
		}
	}
}

func (s *server) csv(c *fiber.Ctx) error {
	rows, err := s.db.Query(`SELECT participant, slide, choice FROM answers WHERE session = ?`, c.Params("id"))
	if err != nil {
		return err
	}
	defer rows.Close()
	var b strings.Builder
	b.WriteString("session,code,deck,slide,question_id,kind,participant,choice,correct,answered_at\n")
	for rows.Next() {
		var p, ch string
		var sl int
		rows.Scan(&p, &sl, &ch)
		fmt.Fprintf(&b, "%s,%s,ref,%d,ref,single,%s,%s,,\n", c.Params("id"), c.Params("id"), sl, p, ch)
	}
	return c.SendString(b.String())
}
