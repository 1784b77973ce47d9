package live

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/roundtable-kit/roundtable/record"
)

// The Q&A's feeds: qa to phones (each phone's own marks: voted, mine,
// pending) and host_qa to presenter views and the audience screen, and the
// pages of the HTTP list.

// QAItem is one question as hosts and the HTTP API see it.
type QAItem struct {
	ID       string    `json:"id"`
	Text     string    `json:"text"`
	Status   string    `json:"status"`
	Votes    int       `json:"votes"`
	Answered bool      `json:"answered"`
	Pinned   bool      `json:"pinned"`
	At       time.Time `json:"at"`
}

// QACounts is how many questions have each status, and how many are
// marked answered.
type QACounts struct {
	Pending  int `json:"pending"`
	Approved int `json:"approved"`
	Hidden   int `json:"hidden"`
	Held     int `json:"held"`
	Answered int `json:"answered"`
}

type hostQAMsg struct {
	Type      string   `json:"type"`
	Open      bool     `json:"open"`              // the presenter's switch
	Showing   bool     `json:"showing,omitempty"` // a qa slide shows: phones see it open
	Mode      string   `json:"mode"`
	Sort      string   `json:"sort"`
	Counts    QACounts `json:"counts"`
	Questions []QAItem `json:"questions"`
}

func (q *qaState) item(x *qaQuestion) QAItem {
	return QAItem{ID: x.id, Text: x.text, Status: x.status, Votes: len(x.voters), Answered: x.answered, Pinned: x.id == q.pinned, At: x.at}
}

// qaOrder sorts by votes (most first, then oldest) or newest first; a
// pinned question comes first when pinned is set.
func qaOrder(sort, pinned string) func(a, b QAItem) int {
	return func(a, b QAItem) int {
		if pinned != "" && (a.ID == pinned) != (b.ID == pinned) {
			if a.ID == pinned {
				return -1
			}
			return 1
		}
		if sort != "newest" && a.Votes != b.Votes {
			return b.Votes - a.Votes
		}
		if c := a.At.Compare(b.At); c != 0 {
			if sort == "newest" {
				return -c
			}
			return c
		}
		if a.ID < b.ID {
			return -1
		}
		return 1
	}
}

// QACount counts items by status.
func QACount(items []QAItem) QACounts {
	var c QACounts
	for _, it := range items {
		switch it.Status {
		case QAPending:
			c.Pending++
		case QAApproved:
			c.Approved++
		case QAHidden:
			c.Hidden++
		case QAHeld:
			c.Held++
		}
		if it.Answered {
			c.Answered++
		}
	}
	return c
}

// qaHostFrame is host_qa: the counts and the top QATop questions not
// hidden, pinned first, in the presenter's order. q.mu is not held.
func (st *state) qaHostFrame() *Frame {
	q := &st.s.qa
	q.mu.Lock()
	defer q.mu.Unlock()
	m := hostQAMsg{Type: "host_qa", Open: q.open, Showing: q.slide, Mode: q.modeOr(), Sort: q.sortOr(), Questions: []QAItem{}}
	all := make([]QAItem, 0, len(q.list))
	for _, x := range q.list {
		all = append(all, q.item(x))
	}
	m.Counts = QACount(all)
	all = slices.DeleteFunc(all, func(it QAItem) bool { return it.Status == QAHidden })
	slices.SortFunc(all, qaOrder(m.Sort, q.pinned))
	if len(all) > QATop {
		all = all[:QATop]
	}
	m.Questions = append(m.Questions, all...)
	return Encode(m)
}

// qaView is the phones' qa message, taken under q.mu: the top questions
// the room sees, each encoded once without a phone's marks, with copies of
// their voters, and each phone's own questions waiting for the presenter.
// The frames are made from it after q.mu is let go, so votes are never
// held up by a round of 10,000 phones.
type qaView struct {
	head []byte
	top  []qaTop
	own  map[string][]qaOwn // participant id → its questions not shown yet
}

type qaTop struct {
	id, pid string
	enc     []byte
	voters  map[string]struct{}
}

type qaOwn struct {
	enc   []byte // with the phone's marks: complete
	id    string
	voted bool
}

// phoneView builds the view; q.mu is held.
func (q *qaState) phoneView() qaView {
	items := make([]QAItem, 0, len(q.list))
	byID := map[string]*qaQuestion{}
	v := qaView{own: map[string][]qaOwn{}}
	for _, x := range q.list {
		switch {
		case q.visible(x):
			items = append(items, q.item(x))
			byID[x.id] = x
		case x.status == QAPending || x.status == QAHeld:
			_, voted := x.voters[x.pid]
			b := encodeQA(x.id, x.text, len(x.voters), x.answered)
			if voted {
				b = append(b, `,"voted":true`...)
			}
			b = append(b, `,"mine":true,"pending":true}`...)
			v.own[x.pid] = append(v.own[x.pid], qaOwn{enc: b, id: x.id, voted: voted})
		}
	}
	sort := q.sortOr()
	slices.SortFunc(items, qaOrder(sort, ""))
	if len(items) > QATop {
		items = items[:QATop]
	}
	v.head = []byte(`{"type":"qa","open":true,"sort":"` + sort + `","questions":[`)
	for _, it := range items {
		x := byID[it.ID]
		v.top = append(v.top, qaTop{id: x.id, pid: x.pid, enc: encodeQA(it.ID, it.Text, it.Votes, it.Answered), voters: maps.Clone(x.voters)})
	}
	return v
}

func encodeQA(id, text string, votes int, answered bool) []byte {
	t, _ := json.Marshal(text)
	b := make([]byte, 0, len(t)+64)
	b = append(b, `{"id":"`...)
	b = append(b, id...)
	b = append(b, `","text":`...)
	b = append(b, t...)
	b = append(b, `,"votes":`...)
	b = strconv.AppendInt(b, int64(votes), 10)
	if answered {
		b = append(b, `,"answered":true`...)
	}
	return b
}

// frameFor is the qa message for one phone: the shared list with its own
// marks, then its own questions the room does not see yet (pending). Phones
// with the same marks share one frame (cache), so 10,000 phones voting for
// a few questions cost a few encodings, not 10,000.
func (v qaView) frameFor(pid string, cache map[string]*Frame) *Frame {
	sig := make([]byte, 0, len(v.top)+8)
	for _, x := range v.top {
		var m byte = '0'
		if _, ok := x.voters[pid]; ok {
			m |= 1
		}
		if x.pid == pid {
			m |= 2
		}
		sig = append(sig, m)
	}
	own := v.own[pid]
	for _, x := range own {
		sig = append(sig, ' ')
		sig = append(sig, x.id...)
	}
	if f := cache[string(sig)]; f != nil {
		return f
	}
	b := append([]byte(nil), v.head...)
	n := 0
	for i, x := range v.top {
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = append(b, x.enc...)
		if sig[i]&1 != 0 {
			b = append(b, `,"voted":true`...)
		}
		if sig[i]&2 != 0 {
			b = append(b, `,"mine":true`...)
		}
		b = append(b, '}')
	}
	for _, x := range own {
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = append(b, x.enc...)
	}
	b = append(b, "]}"...)
	f := NewFrame(b)
	cache[string(sig)] = f
	return f
}

var qaClosedFrame = []byte(`{"type":"qa","open":false}`)

// qaToPhones sends every phone its qa message, or that the Q&A closed.
func (st *state) qaToPhones() {
	q := &st.s.qa
	q.mu.Lock()
	open := q.isOpen()
	was := q.phonesOpen
	q.phonesOpen = open
	var view qaView
	if open {
		view = q.phoneView()
	}
	q.mu.Unlock()
	if !open {
		if was {
			f := NewFrame(qaClosedFrame)
			for sub := range st.phones {
				st.send(sub, f)
			}
		}
		return
	}
	cache := map[string]*Frame{}
	for sub, p := range st.phones {
		st.send(sub, view.frameFor(p.id, cache))
	}
}

// ---- lists for the HTTP API ----

// QAPage is one page of the HTTP list.
type QAPage struct {
	Questions []QAItem `json:"questions"`
	Next      string   `json:"next,omitempty"`
	Counts    QACounts `json:"counts"`
	Open      bool     `json:"open"`
	Mode      string   `json:"mode"`
	Sort      string   `json:"sort"`
}

// QAList pages a session's questions (see PageQA).
func (s *Session) QAList(status, sort, after string, limit int) (QAPage, error) {
	q := &s.qa
	q.mu.Lock()
	items := make([]QAItem, 0, len(q.list))
	for _, x := range q.list {
		items = append(items, q.item(x))
	}
	pinned, open, mode, qsort := q.pinned, q.open, q.modeOr(), q.sortOr()
	q.mu.Unlock()
	if sort == "" {
		sort = qsort
	}
	p, err := PageQA(items, pinned, status, sort, after, limit)
	p.Open, p.Mode = open, mode
	return p, err
}

// QAItem returns one question as hosts see it.
func (s *Session) QAItem(id string) (QAItem, bool) {
	q := &s.qa
	q.mu.Lock()
	defer q.mu.Unlock()
	x := q.byID[id]
	if x == nil {
		return QAItem{}, false
	}
	return q.item(x), true
}

// QAItems turns stored rows into items (an ended session's list).
func QAItems(rows []record.QAQuestion, steps record.Steps) ([]QAItem, string) {
	pinned := ""
	if steps.QA != nil {
		pinned = steps.QA.Pinned
	}
	out := make([]QAItem, len(rows))
	for i, r := range rows {
		out[i] = QAItem{ID: r.ID, Text: r.Text, Status: r.Status, Votes: r.Votes, Answered: r.Answered, Pinned: r.ID == pinned, At: r.CreatedAt}
	}
	return out, pinned
}

// PageQA filters items by status ("", "all", a status, or "answered"),
// sorts them (votes or newest, pinned first) and returns limit of them
// after the cursor. The cursor is a key of the last item given (qaCursor),
// not an offset, so a question that arrives, or changes status, between
// two pages shifts nothing: no item is skipped or given twice for it.
func PageQA(items []QAItem, pinned, status, sort, after string, limit int) (QAPage, error) {
	p := QAPage{Counts: QACount(items), Sort: sort, Questions: []QAItem{}}
	switch sort {
	case "":
		p.Sort = "votes"
	case "votes", "newest":
	default:
		return p, errQABadSort
	}
	keep := func(it QAItem) bool { return true }
	switch status {
	case "", "all":
	case QAPending, QAApproved, QAHidden, QAHeld:
		keep = func(it QAItem) bool { return it.Status == status }
	case "answered":
		keep = func(it QAItem) bool { return it.Answered }
	default:
		return p, errQABadStatus
	}
	if limit <= 0 || limit > 200 {
		limit = QATop
	}
	sel := slices.DeleteFunc(slices.Clone(items), func(it QAItem) bool { return !keep(it) })
	cur := qaCursor{pin: pinned}
	if after != "" {
		c, ok := parseQACursor(p.Sort, after)
		if !ok {
			return p, errQABadCursor
		}
		cur = c
		// Past the first page: the items after the cursor in the plain
		// order, less the one the first page showed pinned (wherever the
		// pin is now).
		order := qaOrder(p.Sort, "")
		sel = slices.DeleteFunc(sel, func(it QAItem) bool {
			return it.ID == c.pin || c.has && order(c.item(), it) >= 0
		})
		slices.SortFunc(sel, order)
	} else {
		slices.SortFunc(sel, qaOrder(p.Sort, pinned))
		if len(sel) == 0 || sel[0].ID != pinned {
			cur.pin = "" // the pinned question is not on this page
		}
	}
	if len(sel) > limit {
		sel = sel[:limit]
		last := sel[limit-1]
		if after != "" || last.ID != cur.pin { // else the page is only the pinned one
			cur.has, cur.votes, cur.at, cur.id = true, last.Votes, last.At.UnixNano(), last.ID
		}
		p.Next = cur.String(p.Sort)
	}
	p.Questions = append(p.Questions, sel...)
	return p, nil
}

// qaCursor is where a page of the Q&A list ended: the sort key of its last
// item (votes, time asked, id; has is false when no item but the pinned
// one was given) and the question shown pinned at the top of the first
// page, left out of the pages after. Times asked and ids never change;
// votes do, so in the votes order a question whose votes cross the
// cursor's between two pages moves to the other side of it.
type qaCursor struct {
	has   bool
	votes int
	at    int64 // UnixNano
	id    string
	pin   string
}

func (c qaCursor) item() QAItem {
	return QAItem{ID: c.id, Votes: c.votes, At: time.Unix(0, c.at)}
}

// String is the cursor as the list gives it: "n.AT.ID.PIN" for newest,
// "v.VOTES.AT.ID.PIN" for votes (AT, ID empty when has is false).
func (c qaCursor) String(sort string) string {
	at, votes := "", ""
	if c.has {
		at, votes = strconv.FormatInt(c.at, 10), strconv.Itoa(c.votes)
	}
	if sort == "newest" {
		return "n." + at + "." + c.id + "." + c.pin
	}
	return "v." + votes + "." + at + "." + c.id + "." + c.pin
}

func parseQACursor(sort, s string) (qaCursor, bool) {
	f := strings.Split(s, ".")
	var c qaCursor
	switch {
	case sort == "newest" && len(f) == 4 && f[0] == "n":
		f = append([]string{"n", ""}, f[1:]...)
	case sort != "newest" && len(f) == 5 && f[0] == "v":
	default:
		return c, false
	}
	c.id, c.pin = f[3], f[4]
	if f[2] == "" && c.id == "" && (sort == "newest" || f[1] == "") {
		return c, true // only the pinned question was given
	}
	at, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || c.id == "" {
		return c, false
	}
	c.has, c.at = true, at
	if sort != "newest" {
		if c.votes, err = strconv.Atoi(f[1]); err != nil || c.votes < 0 {
			return c, false
		}
	}
	return c, true
}
